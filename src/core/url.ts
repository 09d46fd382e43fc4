import { CLICK_ID_PARAMS } from "./click-ids"

/**
 * Parsing of landing-page URLs: host, path, UTM parameters and ad-platform click ids.
 *
 * Everything here takes untrusted input (it comes straight from the browser snippet or a
 * server-side caller), so nothing throws: a malformed URL gives `null` or empty fields.
 */

/** Longest value kept for a UTM parameter or click id. Real values are far shorter; the bound
 *  only stops a hostile client from making us store megabytes per session. */
export const MAX_PARAM_LENGTH = 500

/** Longest landing path or referrer kept (browsers cap URLs around 2 KB-64 KB; 2 KB is plenty
 *  for reporting and keeps index rows small). */
export const MAX_URL_LENGTH = 2048

/** Longer inputs are not even parsed: `new URL` on a multi-megabyte string is wasted work. */
const MAX_RAW_LENGTH = 16_384

const CLICK_ID_SET: ReadonlySet<string> = new Set<string>(CLICK_ID_PARAMS)

export interface UtmParams {
  source: string | null
  medium: string | null
  campaign: string | null
  term: string | null
  content: string | null
}

export interface ParsedLandingUrl {
  /** Lower-case hostname without port or trailing dot; null for a path-only or malformed URL. */
  host: string | null
  /** Pathname only (no query, no fragment), as the browser encoded it; null if malformed. */
  path: string | null
  utm: UtmParams
  /** Canonical lower-case click-id name → value. Empty object when none. */
  clickIds: Record<string, string>
}

const EMPTY_UTM: UtmParams = { source: null, medium: null, campaign: null, term: null, content: null }

/** Truncates to `max` UTF-16 code units without leaving half a surrogate pair at the end. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value
  let cut = value.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  return cut
}

/**
 * `new URL(raw)` that never throws. Returns null for anything that is not a string, is empty,
 * absurdly long, or that WHATWG URL parsing rejects. Only absolute URLs parse (no base).
 */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== "string") return null
  const trimmed = raw.trim()
  if (!trimmed || trimmed.length > MAX_RAW_LENGTH) return null
  try {
    return new URL(trimmed)
  } catch {
    return null
  }
}

/** Hostname normalised for comparisons: lower-case, no trailing dot. Empty → null. */
export function normalizeHost(host: string | null | undefined): string | null {
  if (!host) return null
  const h = host.trim().toLowerCase().replace(/\.+$/, "")
  return h || null
}

/** Trims, drops empty values and bounds the length. */
function cleanParam(value: string | null): string | null {
  if (value === null) return null
  const v = value.trim()
  return v ? truncate(v, MAX_PARAM_LENGTH) : null
}

/**
 * Reads UTM parameters and click ids from a query string.
 *
 * - Parameter names match case-insensitively (`UTM_Source`, `GCLID`): tagging tools and humans
 *   both produce mixed case, and no platform uses case to mean something else.
 * - When a parameter repeats, the first non-empty value wins (what GA4 does, and what a
 *   link-shortener appending its own copy would expect).
 * - `utm_source` and `utm_medium` are lower-cased: they are matched against fixed lists and
 *   `Google`/`google` must not become two rows in a report.
 * - `utm_campaign`, `utm_term` and `utm_content` keep their case (trimmed only), as GA4 does:
 *   they are free text chosen by the marketer and can be case-sensitive ids. Channel rules that
 *   read the campaign compare case-insensitively.
 */
export function extractParams(params: URLSearchParams): { utm: UtmParams; clickIds: Record<string, string> } {
  const utm: UtmParams = { ...EMPTY_UTM }
  const clickIds: Record<string, string> = {}
  params.forEach((rawValue, rawKey) => {
    const key = rawKey.trim().toLowerCase()
    const value = cleanParam(rawValue)
    if (value === null) return
    if (key.startsWith("utm_")) {
      const field = key.slice(4)
      switch (field) {
        case "source":
        case "medium":
          if (utm[field] === null) utm[field] = value.toLowerCase()
          break
        case "campaign":
        case "term":
        case "content":
          if (utm[field] === null) utm[field] = value
          break
      }
      return
    }
    if (CLICK_ID_SET.has(key) && !(key in clickIds)) clickIds[key] = value
  })
  return { utm, clickIds }
}

/** Base used to read path-only URLs (`/p/shirt?utm_source=x`); its host is never reported. */
const RELATIVE_BASE = "http://relative.invalid"

/**
 * Parses the URL of a session's first page. Accepts absolute URLs and path-only URLs starting
 * with `/` (a server-side caller may only know the path). Never throws: anything unreadable
 * gives `{ host: null, path: null, utm: all null, clickIds: {} }`.
 */
export function parseLandingUrl(url: string | null | undefined): ParsedLandingUrl {
  const empty: ParsedLandingUrl = { host: null, path: null, utm: { ...EMPTY_UTM }, clickIds: {} }
  if (typeof url !== "string") return empty
  const raw = url.trim()
  if (!raw || raw.length > MAX_RAW_LENGTH) return empty

  let parsed: URL | null
  let relative = false
  if (raw.startsWith("/") && !raw.startsWith("//")) {
    relative = true
    try {
      parsed = new URL(raw, RELATIVE_BASE)
    } catch {
      parsed = null
    }
  } else {
    parsed = parseUrl(raw)
  }
  if (!parsed) return empty
  // Only web pages have a meaningful landing page; `javascript:` or `data:` URLs don't.
  if (!relative && parsed.protocol !== "http:" && parsed.protocol !== "https:") return empty

  const { utm, clickIds } = extractParams(parsed.searchParams)
  return {
    host: relative ? null : normalizeHost(parsed.hostname),
    path: truncate(parsed.pathname || "/", MAX_URL_LENGTH),
    utm,
    clickIds,
  }
}

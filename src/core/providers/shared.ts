/**
 * Helpers shared by the provider parsers. Everything here reads untrusted JSON defensively:
 * a wrong type is treated as absent, never coerced into something it is not.
 */
import { idsFromMetadata, SESSION_ID_KEYS, VISITOR_ID_KEYS } from "../identity"
import { normalizeCurrency } from "../money"
import type { IgnoredFact, ProviderFact } from "./types"

export type JsonRecord = Record<string, unknown>

/** At most this many keys survive in `PaymentFact.metadata` (Stripe's own per-object limit). */
export const MAX_METADATA_KEYS = 50
/** Longer metadata values are cut to this many characters (Stripe's own value limit). */
export const MAX_METADATA_VALUE_LENGTH = 500
/** Keys longer than this are dropped (Stripe allows 40; LemonSqueezy custom data is free-form). */
export const MAX_METADATA_KEY_LENGTH = 100
/** Ids longer than this are not ids (Stripe's are < 100 characters, LemonSqueezy's are integers). */
export const MAX_ID_LENGTH = 255
/** Longer "emails" are dropped: RFC 5321 caps an address at 254 characters (320 with slack). */
export const MAX_EMAIL_LENGTH = 320
const MAX_REASON_LENGTH = 300

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** The record under `key`, or an empty one: lets the parsers walk optional nesting without checks. */
export function rec(value: unknown, key: string): JsonRecord {
  if (!isRecord(value)) return {}
  const child = value[key]
  return isRecord(child) ? child : {}
}

/** The array under `key` (of a record), or an empty one. */
export function list(value: unknown, key: string): unknown[] {
  if (!isRecord(value)) return []
  const child = value[key]
  return Array.isArray(child) ? child : []
}

/** Cuts a string to at most `max` UTF-16 code units (JS `length`) without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let out = ""
  for (const char of text) {
    if (out.length + char.length > max) break
    out += char
  }
  return out
}

export function ignored(reason: string): IgnoredFact {
  return { kind: "ignored", reason: clip(reason, MAX_REASON_LENGTH) }
}

/** Short printable form of an untrusted value for a reason string. */
export function describe(value: unknown): string {
  if (value === undefined) return "missing"
  if (typeof value === "string") return JSON.stringify(clip(value, 60))
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value)
  return Array.isArray(value) ? "an array" : `a ${typeof value}`
}

/**
 * An id: a trimmed, non-empty string of at most 255 characters, or a non-negative safe integer
 * (LemonSqueezy sends numeric ids) as its decimal string. Anything else → null.
 */
export function idString(value: unknown): string | null {
  if (typeof value === "string") {
    const trimmed = value.trim()
    return trimmed !== "" && trimmed.length <= MAX_ID_LENGTH ? trimmed : null
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value)
  return null
}

/** A Stripe reference: an id string, or the `id` of an expanded object. */
export function refId(value: unknown): string | null {
  if (typeof value === "string") return idString(value)
  return isRecord(value) ? idString(value.id) : null
}

/**
 * Integer minor units: a non-negative safe integer, or a string of digits. Negative, fractional,
 * non-finite and non-numeric values → null (the caller reports the event as malformed).
 */
export function minorUnits(value: unknown): bigint | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null
  if (typeof value === "string" && /^\d{1,30}$/.test(value.trim())) return BigInt(value.trim())
  return null
}

/** Upper-case ISO code, or null when the value is not three letters. */
export function currencyCode(value: unknown): string | null {
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value.trim())) return null
  return normalizeCurrency(value)
}

/** The first candidate that is a non-blank string (kept as given), or null. */
export function firstEmail(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate.trim() !== "" && candidate.length <= MAX_EMAIL_LENGTH) return candidate
  }
  return null
}

/** Unix seconds → Date; null for anything that is not a finite, positive number of seconds. */
export function fromUnixSeconds(value: unknown): Date | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return null
  const date = new Date(value * 1000)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * ISO 8601 date-time → Date. LemonSqueezy sends microseconds ("2021-08-17T09:45:53.000000Z");
 * the fraction is cut to milliseconds before parsing. Only full date-times with a time zone
 * are accepted, so the result never depends on the server's zone.
 */
export function fromIsoDateTime(value: unknown): Date | null {
  if (typeof value !== "string") return null
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim())
  if (!m) return null
  const fraction = m[2] ? `.${m[2].slice(0, 3).padEnd(3, "0")}` : ""
  const date = new Date(`${m[1]}${fraction}${m[3]}`)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Distinct ids in first-seen order, without nulls and without `exclude`. */
export function uniqueIds(ids: readonly (string | null | undefined)[], exclude?: string): string[] {
  const seen = new Set<string>()
  for (const id of ids) {
    if (id && id !== exclude) seen.add(id)
  }
  return [...seen]
}

function metadataValue(value: unknown): string | null {
  if (typeof value === "string") return clip(value, MAX_METADATA_VALUE_LENGTH)
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value)
  return null
}

/**
 * Merges flat metadata objects into one `Record<string, string>`. Sources are given in order
 * of precedence: a key already set by an earlier source is kept. Values are stringified
 * (strings, finite numbers, booleans); nested objects, arrays and nulls are skipped. At most 50
 * keys, values cut to 500 characters, keys longer than 100 characters or blank dropped.
 */
export function mergeMetadata(sources: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {}
  let count = 0
  for (const source of sources) {
    if (!isRecord(source)) continue
    for (const [key, raw] of Object.entries(source)) {
      if (count >= MAX_METADATA_KEYS) return out
      if (key.trim() === "" || key.length > MAX_METADATA_KEY_LENGTH || key === "__proto__") continue
      if (Object.prototype.hasOwnProperty.call(out, key)) continue
      const value = metadataValue(raw)
      if (value === null) continue
      out[key] = value
      count++
    }
  }
  return out
}

/**
 * Visitor and session ids from metadata objects, in order of precedence: each id is taken from
 * the first source that has a valid one (`idsFromMetadata`, over trimmed values). Read from the
 * raw sources rather than the bounded merge, so a key cut by the 50-key limit, or an invalid value
 * in one object shadowing a valid one in another, does not lose the link.
 */
export function idsFromSources(sources: readonly unknown[]): { visitorId: string | null; sessionId: string | null } {
  let visitorId: string | null = null
  let sessionId: string | null = null
  for (const source of sources) {
    if (!isRecord(source)) continue
    const trimmed: JsonRecord = {}
    for (const key of [...VISITOR_ID_KEYS, ...SESSION_ID_KEYS]) {
      const value = source[key]
      if (typeof value === "string") trimmed[key] = value.trim()
    }
    const ids = idsFromMetadata(trimmed)
    visitorId ??= ids.visitorId
    sessionId ??= ids.sessionId
    if (visitorId && sessionId) break
  }
  return { visitorId, sessionId }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Wraps a provider's parser so that it never throws: a payload it did not expect becomes an ignored fact. */
export function neverThrows(provider: string, parse: (event: unknown) => ProviderFact): (event: unknown) => ProviderFact {
  return (event) => {
    try {
      return parse(event)
    } catch (error) {
      return ignored(`malformed ${provider} event: ${errorMessage(error)}`)
    }
  }
}

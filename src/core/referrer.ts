/**
 * Turning a `document.referrer` into a traffic source: which site (domain), under which
 * source name, and in which category (search, social, video, shopping, email, or unknown).
 */
import { lookupApp, lookupHost, type SourceCategory } from "./sources"
import { MAX_URL_LENGTH, normalizeHost, parseUrl, truncate } from "./url"

export interface ReferrerSource {
  /**
   * The referring site for reports. For a known site, the part of the host that matched the
   * list (`l.facebook.com` → `facebook.com`, `www.google.co.uk` → `google.co.uk`); otherwise
   * the host without a leading `www.`/`m.`/`mobile.`; for an Android app, its package name.
   */
  domain: string
  /** Canonical name of a known site (`google`, `facebook`, `gmail`), else the same as `domain`. */
  source: string
  /** Null when the site is not in any list (a plain referral). */
  category: SourceCategory | null
}

export interface ParsedReferrer extends ReferrerSource {
  /** Full lower-case host (or app package) as sent, for self-referral checks. */
  host: string
  /** The referrer without query string and fragment, bounded in length (see `referrerToSource`). */
  url: string
}

/** Values browsers, proxies and SDKs send that mean "no referrer". */
const NO_REFERRER = new Set(["", "null", "undefined", "about:blank", "(direct)", "(none)", "direct", "none"])

/** A bare host like `google.com` or `google.com/search`: some server-side callers send that. */
const BARE_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}(?::\d+)?(?:[/?#]|$)/i

/** Subdomains that are only a mobile/`www` variant of the same site, stripped for display. */
const VARIANT_PREFIX = /^(?:www\d*|m|mobile)\./

function displayHost(host: string): string {
  const stripped = host.replace(VARIANT_PREFIX, "")
  // Keep `m.example` as is rather than reduce it to a bare TLD.
  return stripped.includes(".") ? stripped : host
}

/**
 * Parses a referrer and classifies it. Returns null for no referrer and for anything that is
 * not a web page or an app: empty strings, `about:blank`, `chrome://`, `javascript:`, garbage.
 * Never throws.
 *
 * - `http(s)://` referrers are looked up by host (`www.google.co.uk` → google, search;
 *   `m.facebook.com`/`l.facebook.com`/`lm.facebook.com` → facebook, social; `t.co` → twitter;
 *   `lnkd.in` → linkedin).
 * - `android-app://<package>` referrers (sent by Android apps opening a browser tab) are looked
 *   up by package: `com.google.android.gm` → gmail, `com.google.android.googlequicksearchbox`
 *   → google. Unknown packages become a referral named after the package.
 * - `ios-app://` referrers (rare: iOS hides them) are referrals named after the app id.
 * - The returned `url` drops query string and fragment: referrers can carry search terms,
 *   session tokens and email addresses, and reports only need the page.
 */
export function parseReferrer(referrer: unknown): ParsedReferrer | null {
  if (typeof referrer !== "string") return null
  const raw = referrer.trim()
  if (NO_REFERRER.has(raw.toLowerCase())) return null

  let parsed = parseUrl(raw)
  if (!parsed && BARE_HOST.test(raw)) parsed = parseUrl(`https://${raw}`)
  if (!parsed) return null

  const protocol = parsed.protocol.toLowerCase()
  if (protocol === "android-app:" || protocol === "ios-app:") {
    const pkg = normalizeHost(parsed.hostname)
    if (!pkg) return null
    const app = protocol === "android-app:" ? lookupApp(pkg) : null
    const url = truncate(`${protocol}//${pkg}${parsed.pathname}`, MAX_URL_LENGTH)
    if (app) return { domain: pkg, source: app.name, category: app.category, host: pkg, url }
    return { domain: pkg, source: pkg, category: null, host: pkg, url }
  }
  if (protocol !== "http:" && protocol !== "https:") return null

  const host = normalizeHost(parsed.hostname)
  if (!host) return null
  const url = truncate(`${protocol}//${parsed.host.toLowerCase()}${parsed.pathname}`, MAX_URL_LENGTH)
  const known = lookupHost(host)
  if (known) return { domain: known.domain, source: known.name, category: known.category, host, url }
  const domain = displayHost(host)
  return { domain, source: domain, category: null, host, url }
}

/**
 * `{ domain, source, category }` of a referrer, or null when there is none or it is malformed.
 * See `parseReferrer` for the rules.
 */
export function referrerToSource(referrer: string | null | undefined): ReferrerSource | null {
  const parsed = parseReferrer(referrer)
  return parsed ? { domain: parsed.domain, source: parsed.source, category: parsed.category } : null
}

/**
 * The traffic source of a session, derived from the URL and referrer of its first event:
 * source, medium, campaign, term, content, click ids, referrer, landing page and channel.
 */
import { classifyChannel, type Channel } from "./channel"
import { CLICK_ID_IMPLIED, primaryClickId, type ImpliedSource } from "./click-ids"
import ignoredReferrers from "./data/ignored-referrers.json"
import { parseReferrer, type ParsedReferrer } from "./referrer"
import { lookupSource } from "./sources"
import { normalizeHost, parseLandingUrl, parseUrl } from "./url"

export interface TrafficSourceInput {
  /** Full URL of the first page of the session (`location.href`), or a path. */
  url?: string | null
  /** `document.referrer` of that page. */
  referrer?: string | null
  /**
   * Hosts of the store itself, besides the landing page's own host. `shop.example.com` matches
   * itself and its `www.` variant; `*.example.com` (or `.example.com`) matches every subdomain
   * of example.com and example.com itself. Full URLs are accepted too.
   */
  storeHosts?: readonly string[] | null
  /**
   * Referrers that never start a new source, because users pass through them in the middle of
   * a visit: payment pages (Stripe Checkout, PayPal, 3-D Secure, ...). Matching is by host and
   * subdomain. Defaults to `DEFAULT_IGNORED_REFERRER_HOSTS`; pass `[]` to disable.
   */
  ignoredReferrerHosts?: readonly string[] | null
}

export interface TrafficSource {
  /** Lower-case; never empty: `(direct)` when nothing is known, `(not set)` when a tagged URL lacks it. */
  source: string
  /** Lower-case; never empty: `(none)` for direct, `(not set)` when a tagged URL lacks it. */
  medium: string
  /** As tagged (case kept, trimmed), or null. */
  campaign: string | null
  term: string | null
  content: string | null
  /** Canonical lower-case click-id name → value; `{}` when none. */
  clickIds: Record<string, string>
  /** The referrer without query string and fragment, or null. Kept for internal referrers too. */
  referrer: string | null
  /** Referring site for reports; null when there is no referrer or it is internal/ignored. */
  referrerDomain: string | null
  /** Path of the landing page (no query string), or null if the URL was unreadable. */
  landingPage: string | null
  channel: Channel
  /** The referrer is the store itself (or an ignored payment page), so it is not a source. */
  isInternal: boolean
}

/** Payment and 3-D Secure pages a buyer returns from: see `TrafficSourceInput.ignoredReferrerHosts`. */
export const DEFAULT_IGNORED_REFERRER_HOSTS: readonly string[] = Object.freeze([...ignoredReferrers.payment])

/** The medium a referral gets from the category of the referring site. */
const MEDIUM_BY_CATEGORY = {
  search: "organic",
  social: "social",
  email: "email",
  video: "referral",
  shopping: "referral",
} as const

interface HostRule {
  host: string
  subdomains: boolean
}

/** `www.` is the only variant treated as the same site without being listed. */
function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host
}

function toHostRule(entry: unknown): HostRule | null {
  if (typeof entry !== "string") return null
  let value = entry.trim().toLowerCase()
  let subdomains = false
  if (value.startsWith("*.")) {
    subdomains = true
    value = value.slice(2)
  } else if (value.startsWith(".")) {
    subdomains = true
    value = value.slice(1)
  }
  // Accept full URLs ("https://shop.example.com/") as well as hosts.
  const host = value.includes("/") ? normalizeHost(parseUrl(value)?.hostname) : normalizeHost(value.split(":")[0])
  return host ? { host: stripWww(host), subdomains } : null
}

function hostMatches(host: string, rules: readonly HostRule[]): boolean {
  const h = stripWww(host)
  return rules.some((r) => h === r.host || (r.subdomains && h.endsWith(`.${r.host}`)))
}

function subdomainMatches(host: string, hosts: readonly string[]): boolean {
  return hosts.some((entry) => {
    const h = normalizeHost(entry)
    return !!h && (host === h || host.endsWith(`.${h}`))
  })
}

function toRules(list: unknown): HostRule[] {
  if (!Array.isArray(list)) return []
  const rules: HostRule[] = []
  for (const entry of list) {
    const rule = toHostRule(entry)
    if (rule) rules.push(rule)
  }
  return rules
}

/**
 * Is this referrer the store itself or a page to ignore? Self-referrals (the landing page's own
 * host, or one of `storeHosts`, modulo `www.`) happen when a session times out while the
 * visitor keeps browsing, or after a redirect; they must not replace the real source.
 */
function isInternalReferrer(ref: ParsedReferrer, pageHost: string | null, input: TrafficSourceInput): boolean {
  if (ref.url.startsWith("android-app:") || ref.url.startsWith("ios-app:")) return false
  const rules = toRules(input.storeHosts)
  if (pageHost) rules.push({ host: stripWww(pageHost), subdomains: false })
  if (hostMatches(ref.host, rules)) return true
  const ignored = Array.isArray(input.ignoredReferrerHosts) ? input.ignoredReferrerHosts : DEFAULT_IGNORED_REFERRER_HOSTS
  return subdomainMatches(ref.host, ignored.filter((h): h is string => typeof h === "string"))
}

/** Source/medium of an external referral: its name, and the medium of its category. */
function fromReferrer(ref: ParsedReferrer): ImpliedSource {
  return { source: ref.source, medium: ref.category ? MEDIUM_BY_CATEGORY[ref.category] : "referral" }
}

/**
 * What the click id implies, refined by the referrer where the referrer says more:
 * - Google click ids (gclid/gbraid/wbraid) from YouTube or Google Shopping: Google Ads serves
 *   there too, so `youtube / cpc` (Paid Video) and `google-shopping / cpc` (Paid Shopping) are
 *   closer to what GA4 reports (from the Ads network type) than `google / cpc`.
 * - fbclid from another social site (Instagram, Threads, Messenger): that site, medium social.
 */
function fromClickId(clickIds: Record<string, string>, ref: ParsedReferrer | null): ImpliedSource | null {
  const id = primaryClickId(clickIds)
  if (!id) return null
  const implied = CLICK_ID_IMPLIED[id]
  if (ref && (id === "gclid" || id === "gbraid" || id === "wbraid") && (ref.category === "video" || ref.category === "shopping")) {
    return { source: ref.source, medium: implied.medium }
  }
  if (ref && id === "fbclid" && ref.category === "social") return { source: ref.source, medium: implied.medium }
  return implied
}

/**
 * Derives the traffic source of a session. Never throws: any input, however malformed, gives
 * a complete result (worst case `(direct) / (none)`, Direct).
 *
 * Rules, in order:
 * 1. UTM parameters win. `utm_source`/`utm_medium` are lower-cased; campaign/term/content keep
 *    their case.
 * 2. No `utm_source` and no `utm_medium`, but a click id: the click id implies both
 *    (gclid/gbraid/wbraid → google/cpc, dclid → google/display, msclkid → bing/cpc,
 *    fbclid → facebook/social, ttclid → tiktok/cpc, ...; see click-ids.ts).
 * 3. `utm_medium` without `utm_source` (e.g. `utm_medium=cpc` alone): the source comes from the
 *    click id, else from an external referrer (`google` → Paid Search), else `(not set)`
 *    (→ Paid Other for a paid medium).
 * 4. `utm_source` without `utm_medium`: the medium comes from the click id; else, if the source
 *    is a known email sender or webmail (`newsletter`, `mailchimp`, `klaviyo`, `gmail`, ...;
 *    the `email` list of data/sources.json), `email`, so it lands in Email where GA4 would say
 *    Unassigned; else `(not set)` (GA4's value; a known search/social/video/shopping source
 *    still gets its organic channel from the source alone).
 * 5. No UTM source or medium and no click id: an external referrer gives source and medium by
 *    category (search → organic, social → social, email → email, anything else, including
 *    video and shopping sites, → referral; the channel then comes from the site lists, so
 *    youtube.com is Organic Video and amazon.com Organic Shopping). Other UTM fields
 *    (a lone `utm_campaign`) are kept.
 * 6. Nothing at all: `(direct) / (none)` → Direct. A URL with only `utm_campaign`/`utm_term`/
 *    `utm_content` and no referrer is `(not set) / (not set)`: tagged, so not Direct (GA4 gives
 *    such sessions Unassigned; a campaign containing `cross-network` or `shop` still counts).
 *
 * A referrer from the store itself (self-referral) or from an ignored payment page is not a
 * source: `isInternal` is true and the session is classified as if there were no referrer
 * (Direct, unless the URL is tagged). The attribution models then skip it as Direct.
 */
export function deriveTrafficSource(input: TrafficSourceInput | null | undefined): TrafficSource {
  try {
    return derive(input ?? {})
  } catch {
    // Unreachable with the code above, but a collector must never fail on odd input.
    return {
      source: "(direct)",
      medium: "(none)",
      campaign: null,
      term: null,
      content: null,
      clickIds: {},
      referrer: null,
      referrerDomain: null,
      landingPage: null,
      channel: "Direct",
      isInternal: false,
    }
  }
}

function derive(input: TrafficSourceInput): TrafficSource {
  const page = parseLandingUrl(typeof input.url === "string" ? input.url : null)
  const ref = parseReferrer(input.referrer)
  const isInternal = ref !== null && isInternalReferrer(ref, page.host, input)
  const external = isInternal ? null : ref

  const { utm, clickIds } = page
  const click = fromClickId(clickIds, external)
  let source = utm.source
  let medium = utm.medium

  if (source === null && medium === null) {
    const implied = click ?? (external ? fromReferrer(external) : null)
    // A URL tagged with only utm_campaign/term/content was still tagged by someone: that is
    // `(not set)` (GA4's value, usually Unassigned), not Direct.
    const tagged = utm.campaign !== null || utm.term !== null || utm.content !== null
    source = implied?.source ?? (tagged ? "(not set)" : "(direct)")
    medium = implied?.medium ?? (tagged ? "(not set)" : "(none)")
  } else if (source === null) {
    source = click?.source ?? external?.source ?? "(not set)"
  } else if (medium === null) {
    medium = click?.medium ?? (lookupSource(source)?.category === "email" ? "email" : "(not set)")
  }

  const campaign = utm.campaign
  return {
    source,
    medium: medium ?? "(not set)",
    campaign,
    term: utm.term,
    content: utm.content,
    clickIds,
    referrer: ref?.url ?? null,
    referrerDomain: external?.domain ?? null,
    landingPage: page.path,
    channel: classifyChannel({ source, medium, campaign, clickIds }),
    isInternal,
  }
}

/**
 * `medusa-revenue-attribution/storefront`: the tracker for storefronts that bundle their code.
 * Create it once, at module level (not in a component). On the server it is inert.
 *
 * The public types are declared here so that the built `index.d.ts` stands alone.
 */
import { createTracker } from "./tracker"

/** Options of `createRevenueAttribution`; the script tag's `data-` attributes map onto them. */
export interface RevenueAttributionOptions {
  /** Medusa publishable API key (`pk_...`). Script tag: `data-key`. */
  publishableKey: string
  /** The Medusa backend's URL, e.g. `https://api.store.com`. Script tag: `data-api`. */
  backendUrl: string
  /** Minutes without activity after which a new session starts (default 30). `data-session-timeout`. */
  sessionTimeoutMinutes?: number
  /** Honour Do Not Track and Global Privacy Control: then nothing is stored or sent. `data-respect-dnt="true"`. */
  respectDoNotTrack?: boolean
  /** Store and send nothing until `consent(true)`. `data-consent="required"`. */
  consentRequired?: boolean
  /** Send a pageview on load and on SPA navigation (default true). `data-auto="false"` turns it off. */
  autoPageviews?: boolean
  /** Also set `window.revenueAttribution` (the script tag always does). */
  installGlobal?: boolean
}

/** What goes into a Medusa cart's metadata (Medusa copies it to the order). */
export interface AttributionCartMetadata {
  attribution_visitor_id?: string
  attribution_session_id?: string
}

export interface RevenueAttribution {
  /** The visitor id (`_ra_vid`), or null when tracking is off (no key, no consent, DNT). */
  getVisitorId(): string | null
  /** The current session id (`_ra_sid`), or null when tracking is off. */
  getSessionId(): string | null
  /** Links the visitor to an email (sent trimmed and lower-cased; the server keeps only its SHA-256). */
  identify(email: string): void
  /** A custom event. */
  track(name: string, props?: Record<string, unknown>): void
  /** A purchase the browser claims (reported apart from verified revenue). Amount in major units. */
  trackPurchase(orderId: string, amount: number | string, currency: string): void
  /** A pageview of the current URL; for `autoPageviews: false`. */
  pageview(): void
  /** `{ attribution_visitor_id, attribution_session_id }`, or `{}` when tracking is off. */
  cartMetadata(): AttributionCartMetadata
  /** Writes `cartMetadata()` into the Medusa cart through the Store API. Resolves to success; never rejects. */
  attachToCart(cartId: string): Promise<boolean>
  /** Grants (true) or withdraws (false) consent. Withdrawing deletes the ids and the unsent events. */
  consent(granted: boolean): void
  /** Sends the queued events now. Never rejects. */
  flush(): Promise<void>
}

export function createRevenueAttribution(options: RevenueAttributionOptions): RevenueAttribution {
  const o = options || ({} as RevenueAttributionOptions)
  const tracker = createTracker({
    key: o.publishableKey,
    api: o.backendUrl,
    timeout: o.sessionTimeoutMinutes,
    dnt: o.respectDoNotTrack,
    consent: o.consentRequired,
    auto: o.autoPageviews,
  })
  if (o.installGlobal && typeof window == "object") {
    ;(window as Window & { revenueAttribution?: RevenueAttribution }).revenueAttribution = tracker
  }
  return tracker
}

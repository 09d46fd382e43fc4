import { campaignSignature } from "./campaign"
import {
  ACTIVITY_COOKIE,
  DEFAULT_SESSION_TIMEOUT_MINUTES,
  SESSION_COOKIE,
  VISITOR_COOKIE,
  VISITOR_MAX_AGE_SECONDS,
} from "./constants"
import { isValidId, newId } from "./ids"
import { createQueue, type CollectorEvent } from "./queue"
import { type Activity, formatActivity, needsNewSession, parseActivity } from "./session"
import { cookieStore, localStore, memoryStore, pickStore, type Store } from "./storage"
import type { RevenueAttribution } from "./index"

const warn = (message: string) => console.warn("[revenue-attribution] " + message)

/** Wraps a public method or listener so that nothing it does can throw into the host page. */
function safe<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R
function safe<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void
function safe<A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) {
  return (...args: A) => {
    try {
      return fn(...args)
    } catch {
      return fallback
    }
  }
}

/** The tracker's settings, named after the script tag's data- attributes (index.ts maps the options onto them). */
export interface Config {
  key: string
  api: string
  /** Session timeout in minutes. */
  timeout?: number
  dnt?: boolean
  consent?: boolean
  auto?: boolean
}

/** Why this configuration cannot work, or "" when it can. */
export function problemWith(config: Config): string {
  return !/^pk_/.test(config.key)
    ? "data-key (publishableKey) must be a Medusa publishable key, pk_..."
    : /^https?:\/\/[^/]/.test(config.api)
      ? ""
      : "data-api (backendUrl) must be the Medusa backend's http(s) URL"
}

/** Do Not Track or Global Privacy Control is on. */
const doNotTrack = () => {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean }
  return nav.doNotTrack == "1" || (window as { doNotTrack?: string }).doNotTrack == "1" || nav.globalPrivacyControl === true
}

/**
 * The tracker. Outside a browser (server rendering) it is inert and silent; with bad options
 * it warns once and is inert: getters answer null, `cartMetadata()` `{}`, `attachToCart()`
 * false, everything else does nothing. Same when Do Not Track is honoured and on.
 */
export function createTracker(config: Config): RevenueAttribution {
  const browser = typeof document == "object"
  const problem = browser && problemWith(config)
  if (problem) warn(problem + "; tracking is off")
  const off = !browser || !!problem || (!!config.dnt && doNotTrack())
  const key = config.key
  const api = String(config.api).replace(/\/+$/, "")
  const minutes = Number(config.timeout)
  const timeoutMs = (minutes > 0 ? minutes : DEFAULT_SESSION_TIMEOUT_MINUTES) * 60000
  const sessionMaxAge = Math.ceil(timeoutMs / 1000)

  // undefined: not asked yet (consent mode): events wait in memory, without ids.
  let granted = config.consent ? undefined : true
  let pending: [CollectorEvent, string][] = []
  let store: Store | null = null
  let lastUrl = ""
  let rejected = false

  const stores = [cookieStore(), localStore(), memoryStore()]
  const queue = createQueue(
    (events) =>
      fetch(api + "/attribution/events", {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ key, events }),
      }).then((response) => response.status),
    { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as number) },
    (status) => {
      if (!rejected) warn("events refused: HTTP " + status)
      rejected = true
    }
  )

  /**
   * [visitor id, session id], or null while tracking is off. `sig` is the campaign signature of
   * a pageview's URL. `touch` (an event) renews the cookies and the session's activity time; a
   * read does not, unless it had to start a session.
   */
  function ids(sig: string, touch?: boolean): string[] | null {
    if (off || !granted) return null
    const now = Date.now()
    store =
      store ||
      pickStore(
        stores,
        VISITOR_COOKIE,
        stores.map((s) => s.get(VISITOR_COOKIE)).filter(isValidId)[0] || newId(),
        VISITOR_MAX_AGE_SECONDS
      )
    let visitor = store.get(VISITOR_COOKIE)
    let session = store.get(SESSION_COOKIE)
    let activity = parseActivity(store.get(ACTIVITY_COOKIE))
    if (!isValidId(session) || needsNewSession(activity, now, timeoutMs, sig)) {
      session = newId()
      activity = [now, sig]
      touch = true
    }
    if (!isValidId(visitor)) {
      visitor = newId()
      touch = true
    }
    if (touch) {
      store.set(VISITOR_COOKIE, visitor, VISITOR_MAX_AGE_SECONDS)
      store.set(SESSION_COOKIE, session, sessionMaxAge)
      store.set(ACTIVITY_COOKIE, formatActivity([now, (activity as Activity)[1]]), sessionMaxAge)
    }
    return [visitor, session]
  }

  function enqueue(event: CollectorEvent, sig: string) {
    const pair = ids(sig, true)
    if (pair) {
      event.visitor_id = pair[0]
      event.session_id = pair[1]
      queue.push(event)
    }
  }

  function record(type: string, data: CollectorEvent, sig = "") {
    if (off || granted === false) return
    const event = Object.assign({ type, url: location.href }, data, { ts: Date.now() })
    if (granted) enqueue(event, sig)
    else if (pending.push([event, sig]) > 200) pending.shift()
  }

  function pageview() {
    const url = location.href
    record("pageview", { referrer: lastUrl || document.referrer, title: document.title }, campaignSignature(url))
    lastUrl = url
  }

  const withoutHash = (url: string) => url.split("#")[0]
  // Deferred a tick, so that the router has set the new title, and a replaceState right after
  // a pushState makes one pageview.
  const navigated = safe(() =>
    setTimeout(
      safe(() => {
        if (withoutHash(location.href) != withoutHash(lastUrl)) pageview()
      })
    )
  )

  const metadata = () => {
    const pair = ids("")
    return pair ? { attribution_visitor_id: pair[0], attribution_session_id: pair[1] } : {}
  }
  const id = (i: number) => safe(() => (ids("") || [])[i] || null, null)
  const flush = () => (off ? Promise.resolve() : queue.flush())

  if (!off) {
    safe(() => {
      addEventListener("pagehide", safe(flush))
      document.addEventListener(
        "visibilitychange",
        safe(() => document.visibilityState == "hidden" && flush())
      )
      if (config.auto !== false) {
        for (const name of ["pushState", "replaceState"] as const) {
          const original = history[name]
          history[name] = function (this: History, ...args: Parameters<History["pushState"]>) {
            const result = original.apply(this, args)
            navigated()
            return result
          }
        }
        addEventListener("popstate", navigated)
        pageview()
      }
    })()
  }

  return {
    getVisitorId: id(0),
    getSessionId: id(1),
    identify: safe((email: string) => {
      if (typeof email == "string" && /.@./.test((email = email.trim().toLowerCase()))) record("identify", { email })
    }),
    track: safe((name: string, props?: Record<string, unknown>) => {
      if (name) record("event", { name: String(name), props: props && typeof props == "object" ? props : undefined })
    }),
    trackPurchase: safe((orderId: string, amount: number | string, currency: string) =>
      record("purchase", { order_id: String(orderId), amount, currency: String(currency).toUpperCase() })
    ),
    pageview: safe(pageview),
    cartMetadata: safe(metadata, {}),
    attachToCart: safe(
      (cartId: string) => {
        const body = metadata()
        return body.attribution_visitor_id && cartId
          ? fetch(api + "/store/carts/" + encodeURIComponent(cartId), {
              method: "POST",
              headers: { "content-type": "application/json", "x-publishable-api-key": key },
              body: JSON.stringify({ metadata: body }),
            }).then(
              (response) => response.ok,
              () => false
            )
          : Promise.resolve(false)
      },
      Promise.resolve(false)
    ),
    consent: safe((value: boolean) => {
      granted = !!value
      const waiting = pending
      pending = []
      if (granted) {
        waiting.forEach(([event, sig]) => enqueue(event, sig))
      } else {
        queue.clear()
        store = null
        for (const s of stores) {
          for (const name of [VISITOR_COOKIE, SESSION_COOKIE, ACTIVITY_COOKIE]) s.set(name, "", 0)
        }
      }
    }),
    flush: safe(flush, Promise.resolve()),
  }
}

/**
 * `medusa-revenue-attribution/storefront/server`: the attribution ids from the request's cookies,
 * for storefronts that create or update carts on the server. Pure: no DOM, no I/O.
 */
import { SESSION_COOKIE, VISITOR_COOKIE } from "./constants"
import { isValidId } from "./ids"

/** What goes into a Medusa cart's metadata (the same type as in index.ts; declared here so server.d.ts stands alone). */
export interface AttributionCartMetadata {
  attribution_visitor_id?: string
  attribution_session_id?: string
}

/** Anything with `get(name)` answering `{ value }` or a string: Next.js `cookies()`, a `Map`, ... */
export interface CookieGetter {
  get(name: string): { value?: string } | string | null | undefined
}

/** A Next.js cookie store, a `Cookie` header, or parsed cookies (`req.cookies`). */
export type CookieSource = CookieGetter | string | Record<string, string | undefined> | null | undefined

/** Parses a `Cookie` request header. The first of repeated names wins, as in browsers. */
export function parseCookieHeader(header: string): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1)
    try {
      value = decodeURIComponent(value)
    } catch {
      // keep it as sent; a malformed value fails the id check anyway
    }
    if (name && !(name in cookies)) cookies[name] = value
  }
  return cookies
}

function read(source: CookieSource, name: string): unknown {
  if (!source) return undefined
  if (typeof source == "string") return parseCookieHeader(source)[name]
  if (typeof (source as CookieGetter).get == "function") {
    const cookie = (source as CookieGetter).get(name)
    return cookie && typeof cookie == "object" ? cookie.value : cookie
  }
  return Object.prototype.hasOwnProperty.call(source, name) ? (source as Record<string, unknown>)[name] : undefined
}

/**
 * `{ attribution_visitor_id, attribution_session_id }` from the `_ra_vid` and `_ra_sid` cookies,
 * each only when it is a well-formed id; `{}` when neither is. Merge it into the cart's metadata:
 *
 *   await sdk.store.cart.create({ region_id, metadata: getAttributionCartMetadata(await cookies()) })
 *
 * The session cookie expires with the session, so an idle visitor's cart gets the visitor id only.
 */
export function getAttributionCartMetadata(cookies: CookieSource): AttributionCartMetadata {
  const metadata: AttributionCartMetadata = {}
  try {
    const visitor = read(cookies, VISITOR_COOKIE)
    const session = read(cookies, SESSION_COOKIE)
    if (isValidId(visitor)) metadata.attribution_visitor_id = visitor
    if (isValidId(session)) metadata.attribution_session_id = session
  } catch {
    // a cookie source that throws gives no ids
  }
  return metadata
}

/**
 * A local stand-in for the LemonSqueezy API (https://api.lemonsqueezy.com/v1), answering the
 * calls the plugin's connector makes with the documented JSON:API shapes:
 *
 *   GET    /v1/users/me                    → { meta: { test_mode }, data: user }
 *   GET    /v1/stores/:id                  → store, or 404
 *   GET    /v1/orders                      → paged list; filter[store_id], page[number], page[size], include=subscriptions
 *   GET    /v1/subscription-invoices       → paged list; filter[store_id], page[number], page[size]
 *   POST   /v1/webhooks                    → 201 webhook (the secret is recorded, never returned); 422 on bad input
 *   GET    /v1/webhooks/:id                → webhook, or 404
 *   DELETE /v1/webhooks/:id                → 204 with an empty body, as the real API
 *
 * Lists are newest first (`sort=-createdAt`) with `meta.page { currentPage, from, lastPage,
 * perPage, to, total }`. Errors are `{ errors: [{ status, title, detail }] }`. A key sees only
 * its own stores and the objects of its own mode (LemonSqueezy keys are test or live).
 *
 * The SDK has a fixed base URL and uses the global `fetch`: `routeLemonSqueezyTo(url)` sends
 * its requests here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "http"
import type { AddressInfo } from "net"
import { text } from "stream/consumers"
import orderFixture from "../fixtures/lemonsqueezy/order_created.docs-example.json"

export const LEMONSQUEEZY_API_BASE = "https://api.lemonsqueezy.com"

export type LemonSqueezyResource = {
  type: string
  id: string
  attributes: Record<string, unknown>
  relationships?: Record<string, unknown>
}

export type LemonSqueezyApiData = {
  /** The API keys the server accepts: the mode each was created in and the stores it sees. */
  keys: Record<string, { testMode: boolean; storeIds: string[] }>
  /** Store id → store. */
  stores: Record<string, { name: string }>
  orders?: LemonSqueezyResource[]
  subscriptionInvoices?: LemonSqueezyResource[]
  /** Order id → the subscriptions it started (the `subscriptions` relationship). */
  orderSubscriptions?: Record<string, string[]>
}

export type LemonSqueezyApiOptions = {
  /** Wait this long before answering each request (to overlap calls, or to outlast a timeout). */
  delayMs?: number
}

export type RecordedCall = {
  method: string
  path: string
  query: Record<string, string>
  /** The bearer token the request carried (null: none). */
  apiKey: string | null
  status: number
}

export type RecordedWebhook = {
  id: string
  storeId: string
  url: string
  events: string[]
  secret: string
  testMode: boolean
  apiKey: string
  deleted: boolean
}

export type LemonSqueezyApi = {
  url: string
  calls: RecordedCall[]
  webhooks: RecordedWebhook[]
  close: () => Promise<void>
}

type Json = Record<string, unknown>
type Answer = { status: number; body?: unknown }
type ApiRequest = { method: string; path: string; query: URLSearchParams; apiKey: string; body: unknown; origin: string }

const JSONAPI = { version: "1.0" }
const MAX_PAGE_SIZE = 100
const DEFAULT_PAGE_SIZE = 10
const WEBHOOK_EVENTS = new Set([
  "order_created", "order_refunded", "subscription_created", "subscription_updated", "subscription_cancelled",
  "subscription_resumed", "subscription_expired", "subscription_paused", "subscription_unpaused",
  "subscription_payment_success", "subscription_payment_failed", "subscription_payment_recovered",
  "subscription_payment_refunded", "license_key_created", "license_key_updated",
])

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value))

function error(status: number, title: string, detail: string, pointer?: string): Answer {
  const entry: Json = { detail, status: String(status), title }
  if (pointer) entry.source = { pointer }
  return { status, body: { jsonapi: JSONAPI, errors: [entry] } }
}

const notFound = () => error(404, "Not Found", "The requested resource could not be found.")

export async function startLemonSqueezyApi(data: LemonSqueezyApiData, opts: LemonSqueezyApiOptions = {}): Promise<LemonSqueezyApi> {
  const calls: RecordedCall[] = []
  const webhooks: RecordedWebhook[] = []
  let nextWebhookId = 1

  const visibleStore = (key: string, storeId: string) => data.keys[key]!.storeIds.includes(storeId) && !!data.stores[storeId]
  const sameMode = (key: string, r: LemonSqueezyResource) => (r.attributes.test_mode === true) === data.keys[key]!.testMode

  function list(req: ApiRequest, all: LemonSqueezyResource[], decorate: (r: LemonSqueezyResource) => LemonSqueezyResource): Answer {
    const number = Number(req.query.get("page[number]") ?? 1)
    const size = Number(req.query.get("page[size]") ?? DEFAULT_PAGE_SIZE)
    if (!Number.isInteger(number) || number < 1) return error(400, "Bad Request", "page[number] must be a positive integer.")
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return error(400, "Bad Request", `page[size] must be between 1 and ${MAX_PAGE_SIZE}.`)
    }
    const storeId = req.query.get("filter[store_id]")
    const rows = all
      .filter((r) => sameMode(req.apiKey, r) && visibleStore(req.apiKey, String(r.attributes.store_id)))
      .filter((r) => storeId === null || String(r.attributes.store_id) === storeId)
      .sort((a, b) => String(b.attributes.created_at).localeCompare(String(a.attributes.created_at)) || Number(b.id) - Number(a.id))
    const total = rows.length
    const lastPage = Math.max(1, Math.ceil(total / size))
    const start = (number - 1) * size
    const slice = rows.slice(start, start + size).map((r) => decorate(clone(r)))
    const link = (n: number) => {
      const q = new URLSearchParams(req.query)
      q.set("page[number]", String(n))
      q.set("page[size]", String(size))
      q.set("sort", "-createdAt")
      return `${req.origin}${req.path}?${q.toString()}`
    }
    const links: Json = { first: link(1), last: link(lastPage) }
    if (number < lastPage) links.next = link(number + 1)
    if (number > 1) links.prev = link(number - 1)
    const page = { currentPage: number, from: slice.length ? start + 1 : null, lastPage, perPage: size, to: slice.length ? start + slice.length : null, total }
    return { status: 200, body: { meta: { page }, jsonapi: JSONAPI, links, data: slice } }
  }

  function withSubscriptions(req: ApiRequest, order: LemonSqueezyResource, included: Json[]): LemonSqueezyResource {
    const ids = data.orderSubscriptions?.[order.id] ?? []
    const relationship: Json = { links: relationshipLinks(req.origin, "orders", order.id, "subscriptions") }
    if (req.query.get("include")?.split(",").includes("subscriptions")) {
      relationship.data = ids.map((id) => ({ type: "subscriptions", id }))
      for (const id of ids) {
        included.push({ type: "subscriptions", id, attributes: { store_id: order.attributes.store_id, order_id: Number(order.id) } })
      }
    }
    order.relationships = { ...order.relationships, subscriptions: relationship }
    return order
  }

  function webhookResource(req: ApiRequest, hook: RecordedWebhook) {
    const now = new Date().toISOString()
    return {
      type: "webhooks",
      id: hook.id,
      attributes: { store_id: Number(hook.storeId), url: hook.url, events: hook.events, last_sent_at: null, created_at: now, updated_at: now, test_mode: hook.testMode },
      relationships: { store: { links: relationshipLinks(req.origin, "webhooks", hook.id, "store") } },
      links: { self: `${req.origin}/v1/webhooks/${hook.id}` },
    }
  }

  function createWebhook(req: ApiRequest): Answer {
    const body = (req.body ?? {}) as Json
    const d = (body.data ?? {}) as Json
    const a = (d.attributes ?? {}) as Json
    const storeId = String((((d.relationships as Json)?.store as Json)?.data as Json)?.id ?? "")
    if (d.type !== "webhooks") return error(422, "Unprocessable Entity", "The data type must be webhooks.", "/data/type")
    if (!visibleStore(req.apiKey, storeId)) return error(422, "Unprocessable Entity", "The selected store is invalid.", "/data/relationships/store")
    if (typeof a.url !== "string" || !/^https?:\/\/[^\s/]+/.test(a.url)) {
      return error(422, "Unprocessable Entity", "The url must be a valid URL.", "/data/attributes/url")
    }
    if (!Array.isArray(a.events) || !a.events.length || !a.events.every((e) => WEBHOOK_EVENTS.has(String(e)))) {
      return error(422, "Unprocessable Entity", "The events must be a list of webhook events.", "/data/attributes/events")
    }
    if (typeof a.secret !== "string" || a.secret.length < 6 || a.secret.length > 40) {
      return error(422, "Unprocessable Entity", "The secret must be between 6 and 40 characters.", "/data/attributes/secret")
    }
    const hook: RecordedWebhook = {
      id: String(nextWebhookId++),
      storeId,
      url: a.url,
      events: a.events.map(String),
      secret: a.secret,
      testMode: a.test_mode === true,
      apiKey: req.apiKey,
      deleted: false,
    }
    webhooks.push(hook)
    return { status: 201, body: { jsonapi: JSONAPI, links: { self: `${req.origin}/v1/webhooks/${hook.id}` }, data: webhookResource(req, hook) } }
  }

  function route(req: ApiRequest): Answer {
    const { method, path } = req
    if (method === "GET" && path === "/v1/users/me") {
      const self = `${req.origin}/v1/users/1`
      return {
        status: 200,
        body: {
          meta: { test_mode: data.keys[req.apiKey]!.testMode },
          jsonapi: JSONAPI,
          links: { self },
          data: { type: "users", id: "1", attributes: { name: "John Doe", email: "johndoe@example.com", color: "#898FA9", avatar_url: null, has_custom_avatar: false, createdAt: "2024-05-24T14:08:31.000000Z", updatedAt: "2024-08-26T13:24:54.000000Z" }, links: { self } },
        },
      }
    }
    const store = /^\/v1\/stores\/([^/]+)$/.exec(path)
    if (method === "GET" && store) {
      const id = store[1]!
      if (!visibleStore(req.apiKey, id)) return notFound()
      const self = `${req.origin}/v1/stores/${id}`
      return { status: 200, body: { jsonapi: JSONAPI, links: { self }, data: storeResource(req.origin, id, data.stores[id]!.name) } }
    }
    if (method === "GET" && path === "/v1/orders") {
      const included: Json[] = []
      const answer = list(req, data.orders ?? [], (o) => withSubscriptions(req, o, included))
      if (answer.status === 200 && included.length) (answer.body as Json).included = included
      return answer
    }
    if (method === "GET" && path === "/v1/subscription-invoices") {
      return list(req, data.subscriptionInvoices ?? [], (i) => i)
    }
    if (method === "POST" && path === "/v1/webhooks") return createWebhook(req)
    const webhook = /^\/v1\/webhooks\/([^/]+)$/.exec(path)
    if (webhook) {
      const hook = webhooks.find((h) => h.id === webhook[1] && !h.deleted && visibleStore(req.apiKey, h.storeId))
      if (!hook) return notFound()
      if (method === "GET") return { status: 200, body: { jsonapi: JSONAPI, links: { self: `${req.origin}${path}` }, data: webhookResource(req, hook) } }
      if (method === "DELETE") {
        hook.deleted = true
        return { status: 204 }
      }
    }
    return notFound()
  }

  function answerTo(call: RecordedCall, url: URL, apiKey: string | null, raw: string, origin: string): Answer {
    if (!apiKey || !data.keys[apiKey]) return error(401, "Unauthorized", "Unauthenticated.")
    let body: unknown = null
    try {
      body = raw ? JSON.parse(raw) : null
    } catch {
      return error(400, "Bad Request", "The body is not valid JSON.")
    }
    return route({ method: call.method, path: url.pathname, query: url.searchParams, apiKey, body, origin })
  }

  async function handle(incoming: IncomingMessage, res: ServerResponse) {
    const url = new URL(incoming.url ?? "/", "http://localhost")
    const auth = incoming.headers.authorization ?? ""
    const apiKey = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null
    const call: RecordedCall = { method: incoming.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), apiKey, status: 0 }
    calls.push(call)
    const raw = await text(incoming)
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
    const answer = answerTo(call, url, apiKey, raw, `http://${incoming.headers.host}`)
    call.status = answer.status
    if (answer.body === undefined) {
      res.writeHead(answer.status).end()
      return
    }
    res.writeHead(answer.status, { "content-type": "application/vnd.api+json" }).end(JSON.stringify(answer.body))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    webhooks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}

function relationshipLinks(origin: string, type: string, id: string, name: string) {
  return { related: `${origin}/v1/${type}/${id}/${name}`, self: `${origin}/v1/${type}/${id}/relationships/${name}` }
}

function storeResource(origin: string, id: string, name: string) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-")
  const now = "2024-05-24T14:15:06.000000Z"
  return {
    type: "stores",
    id,
    attributes: {
      name, slug, domain: `${slug}.lemonsqueezy.com`, url: `https://${slug}.lemonsqueezy.com`, avatar_url: null, plan: "fresh",
      country: "US", country_nicename: "United States", currency: "USD", total_sales: 0, total_revenue: 0,
      thirty_day_sales: 0, thirty_day_revenue: 0, created_at: now, updated_at: now,
    },
    relationships: Object.fromEntries(
      ["products", "orders", "subscriptions", "discounts", "license-keys", "webhooks"].map((r) => [r, { links: relationshipLinks(origin, "stores", id, r) }])
    ),
    links: { self: `${origin}/v1/stores/${id}` },
  }
}

/**
 * Sends the SDK's requests (always to https://api.lemonsqueezy.com) to `url` by wrapping the
 * global `fetch`, the SDK's only seam. Other requests pass through. Returns the restore function.
 */
export function routeLemonSqueezyTo(url: string): () => void {
  const original = globalThis.fetch
  const target = url.replace(/\/+$/, "")
  const routed: typeof fetch = (input, init) => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url
    if (!href.startsWith(`${LEMONSQUEEZY_API_BASE}/`)) return original(input, init)
    const rewritten = target + href.slice(LEMONSQUEEZY_API_BASE.length)
    return typeof input === "string" || input instanceof URL ? original(rewritten, init) : original(new Request(rewritten, input), init)
  }
  globalThis.fetch = routed
  return () => {
    globalThis.fetch = original
  }
}

export type OrderInput = {
  id: string
  storeId: string
  /** Minor units of `currency`. */
  total: number
  currency?: string
  createdAt: string
  status?: string
  /** Cumulative refunded minor units. */
  refundedAmount?: number
  refundedAt?: string | null
  email?: string
  testMode?: boolean
}

/** An order as the API lists it, built from the docs' order object (fixtures/lemonsqueezy). */
export function lemonSqueezyOrder(o: OrderInput): LemonSqueezyResource {
  const resource = clone(orderFixture.data) as unknown as LemonSqueezyResource & { links: Json }
  const refunded = o.refundedAmount ?? 0
  Object.assign(resource.attributes, {
    store_id: Number(o.storeId),
    order_number: Number(o.id),
    user_email: o.email ?? resource.attributes.user_email,
    currency: o.currency ?? "USD",
    subtotal: o.total,
    discount_total: 0,
    tax: 0,
    total: o.total,
    subtotal_usd: o.total,
    tax_usd: 0,
    total_usd: o.total,
    refunded_amount: refunded,
    refunded_amount_usd: refunded,
    status: o.status ?? (refunded > 0 && refunded >= o.total ? "refunded" : "paid"),
    refunded: refunded > 0 && refunded >= o.total,
    refunded_at: o.refundedAt ?? (refunded > 0 ? o.createdAt : null),
    created_at: o.createdAt,
    updated_at: o.createdAt,
    test_mode: !!o.testMode,
  })
  resource.id = o.id
  return resource
}

export type InvoiceInput = {
  id: string
  storeId: string
  subscriptionId: string
  billingReason: "initial" | "renewal" | "updated"
  total: number
  currency?: string
  createdAt: string
  status?: string
  refundedAmount?: number
  email?: string
  testMode?: boolean
}

/** A subscription invoice with the attributes of the API's subscription invoice object. */
export function lemonSqueezySubscriptionInvoice(i: InvoiceInput): LemonSqueezyResource {
  const refunded = i.refundedAmount ?? 0
  const fully = refunded > 0 && refunded >= i.total
  return {
    type: "subscription-invoices",
    id: i.id,
    attributes: {
      store_id: Number(i.storeId),
      subscription_id: Number(i.subscriptionId),
      customer_id: 1,
      user_name: "John Doe",
      user_email: i.email ?? "johndoe@example.com",
      billing_reason: i.billingReason,
      card_brand: "visa",
      card_last_four: "4242",
      currency: i.currency ?? "USD",
      currency_rate: "1.00000000",
      status: i.status ?? (fully ? "refunded" : "paid"),
      status_formatted: fully ? "Refunded" : "Paid",
      refunded: fully,
      refunded_at: refunded > 0 ? i.createdAt : null,
      subtotal: i.total,
      discount_total: 0,
      tax: 0,
      tax_inclusive: false,
      total: i.total,
      refunded_amount: refunded,
      subtotal_usd: i.total,
      discount_total_usd: 0,
      tax_usd: 0,
      total_usd: i.total,
      refunded_amount_usd: refunded,
      urls: { invoice_url: null },
      created_at: i.createdAt,
      updated_at: i.createdAt,
      test_mode: !!i.testMode,
    },
  }
}

/**
 * A local Stripe API for tests: a plain node `http` server answering exactly the calls the Stripe
 * connector makes (src/lib/connections/stripe-connector.ts), with Stripe's documented shapes.
 *
 *   const api = await startStripeApi({ checkoutSessions, charges, invoices })
 *   const connector = createStripeConnector({ apiBaseUrl: api.url, maxNetworkRetries: 0 })
 *   // or, for the booted app: process.env.ATTRIBUTION_TEST_STRIPE_API = api.url (before boot)
 *   api.calls       // every request: { method, path, key, stripeVersion, params }
 *   api.endpoints   // the webhook endpoints that exist now (created ones keep their `secret`)
 *   await api.close()
 *
 * Routes: GET /v1/charges, /v1/checkout/sessions, /v1/invoices (list objects, newest first,
 * `created[gte|gt|lte|lt]`, `limit` 1–100, `starting_after`, `status`; charges `expand[]=data.refunds`),
 * GET /v1/account, GET/POST /v1/webhook_endpoints, DELETE /v1/webhook_endpoints/:id.
 * Request parameters are read form-encoded as the SDK sends them (query string or body,
 * `a[b]=…`, `a[0]=…`, `a[]=…`). Errors are `{ error: { type, code?, param?, message } }`:
 * 401 for an unknown key, 403 naming the missing `rak_…` permission as Stripe does, 400 for bad
 * parameters (and for a webhook URL on localhost, which Stripe refuses), 404 for a missing object.
 *
 * Keys: `STRIPE_TEST_KEYS.full` may do everything; `STRIPE_TEST_KEYS.restricted` may read
 * charges, checkout sessions, customers and invoices but neither the account nor webhook
 * endpoints; every other key (e.g. `STRIPE_TEST_KEYS.rejected`) is refused with 401.
 * `opts.keys` replaces that table: `{ [key]: "all" | Permission[] }`.
 *
 * `stripeObjects` builds checkout sessions, charges (with refunds) and invoices (both shapes)
 * from the real payloads in ../fixtures/stripe/.
 */
import { randomBytes } from "crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "http"
import type { AddressInfo } from "net"
import sessionFixture from "../fixtures/stripe/checkout.session.completed.payment_mode.ruby-mock.json"
import chargeFixture from "../fixtures/stripe/charge.succeeded.ruby-mock.json"
import refundedFixture from "../fixtures/stripe/charge.refunded.ruby-mock.json"
import invoiceFixture from "../fixtures/stripe/invoice.paid.ruby-mock.json"

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
type Params = Record<string, Json>

/** Restricted-key permissions, as Stripe names them without the `rak_` prefix. */
export type Permission =
  | "charge_read"
  | "checkout_session_read"
  | "customer_read"
  | "invoice_read"
  | "webhook_read"
  | "webhook_write"
  /** What Stripe asked for when a restricted key read the account (stripe/stripe-node#2246). */
  | "accounts_kyc_id_numbers_read"

export const STRIPE_TEST_KEYS = {
  full: "sk_test_51FullAccessKey00000000000000000000000000000000000000Fa7Qk2",
  restricted: "rk_test_51ReadOnlyKey0000000000000000000000000000000000000000Rd4Wm8",
  rejected: "rk_test_51RevokedKey00000000000000000000000000000000000000000Rv3Zx5",
} as const

export type StripeApiData = {
  checkoutSessions?: Json[]
  /** Charges with their complete `refunds` list; it is sent only when `data.refunds` is expanded. */
  charges?: Json[]
  invoices?: Json[]
  /** Endpoints that already exist (e.g. a stale one of an earlier connection). */
  webhookEndpoints?: Json[]
  account?: Json
}

export type StripeApiOptions = {
  keys?: Record<string, "all" | Permission[]>
  /** 0 (default): any free port. */
  port?: number
}

export type StripeApiCall = { method: string; path: string; key: string | null; stripeVersion: string | null; params: Params }

export type StripeApi = {
  url: string
  calls: StripeApiCall[]
  readonly endpoints: Json[]
  close(): Promise<void>
}

const ACCOUNT_ID = "acct_1MockAccount00000"

export async function startStripeApi(data: StripeApiData = {}, opts: StripeApiOptions = {}): Promise<StripeApi> {
  const keys = opts.keys ?? {
    [STRIPE_TEST_KEYS.full]: "all",
    [STRIPE_TEST_KEYS.restricted]: ["charge_read", "checkout_session_read", "customer_read", "invoice_read"],
  }
  const calls: StripeApiCall[] = []
  let endpoints: Json[] = [...(data.webhookEndpoints ?? [])]
  const account = data.account ?? {
    id: ACCOUNT_ID,
    object: "account",
    business_profile: { name: "Example Company, Inc." },
    settings: { dashboard: { display_name: "Example Shop" } },
  }

  const routes: Route[] = [
    get("/v1/charges", "charge_read", (p) =>
      list("/v1/charges", data.charges ?? [], p, { expandable: ["data.refunds"], view: chargeView })
    ),
    get("/v1/checkout/sessions", "checkout_session_read", (p) => list("/v1/checkout/sessions", data.checkoutSessions ?? [], p)),
    get("/v1/invoices", "invoice_read", (p) => list("/v1/invoices", data.invoices ?? [], p)),
    get("/v1/account", "accounts_kyc_id_numbers_read", () => ok(account)),
    get("/v1/webhook_endpoints", "webhook_read", (p) =>
      list("/v1/webhook_endpoints", endpoints, p, { view: ({ secret: _secret, ...rest }) => rest })
    ),
    {
      method: "POST",
      pattern: /^\/v1\/webhook_endpoints$/,
      permission: "webhook_write",
      handle: (p, _m, key) => {
        const invalid = endpointProblem(p)
        if (invalid) return invalid
        const endpoint = {
          id: `we_${randomBytes(12).toString("hex")}`,
          object: "webhook_endpoint",
          api_version: p.api_version ?? null,
          application: null,
          created: Math.floor(Date.now() / 1000),
          description: p.description ?? null,
          enabled_events: p.enabled_events,
          livemode: key.includes("_live_"),
          metadata: p.metadata ?? {},
          secret: `whsec_${randomBytes(24).toString("base64url")}`,
          status: "enabled",
          url: p.url,
        }
        endpoints.push(endpoint)
        return ok(endpoint)
      },
    },
    {
      method: "DELETE",
      pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
      permission: "webhook_write",
      handle: (_p, [, id]) => {
        if (!endpoints.some((e) => e.id === id)) {
          return fail(404, { code: "resource_missing", param: "id", message: `No such webhook endpoint: '${id}'` })
        }
        endpoints = endpoints.filter((e) => e.id !== id)
        return ok({ id, object: "webhook_endpoint", deleted: true })
      },
    },
  ]

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? "/", "http://localhost")
        const params = parseForm(req.method === "POST" ? body : url.search.slice(1))
        const key = bearerKey(req)
        calls.push({ method: req.method ?? "", path: url.pathname, key, stripeVersion: header(req, "stripe-version"), params })
        send(res, answer(routes, keys, req.method ?? "", url.pathname, params, key))
      })
      .catch((error: unknown) => send(res, fail(500, { type: "api_error", message: String(error) })))
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get endpoints() {
      return endpoints
    },
    close: () =>
      new Promise<void>((resolve) => {
        // The SDK keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// ---------------------------------------------------------------------------------------------
// Routing, keys and permissions

type Reply = { status: number; body: Json }
type Route = {
  method: string
  pattern: RegExp
  permission: Permission
  handle(params: Params, match: RegExpMatchArray, key: string): Reply
}

function get(path: string, permission: Permission, handle: (params: Params) => Reply): Route {
  return { method: "GET", pattern: new RegExp(`^${path}$`), permission, handle: (p) => handle(p) }
}

function answer(
  routes: Route[],
  keys: Record<string, "all" | Permission[]>,
  method: string,
  path: string,
  params: Params,
  key: string | null
): Reply {
  if (!key) {
    return fail(401, { message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth." })
  }
  const granted = keys[key]
  if (!granted) {
    return fail(401, { message: `Invalid API Key provided: ${masked(key, 4)}` })
  }
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null
    if (!match) continue
    if (granted !== "all" && !allows(granted, route.permission)) {
      return fail(403, {
        message: `The provided key '${masked(key, 6)}' does not have the required permissions for this endpoint on account '${ACCOUNT_ID}'. Having the 'rak_${route.permission}' permission would allow this request to continue.`,
      })
    }
    return route.handle(params, match, key)
  }
  return fail(404, { message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` })
}

/** Write implies read, as in Stripe's dashboard. */
function allows(granted: Permission[], needed: Permission): boolean {
  return granted.includes(needed) || (needed.endsWith("_read") && granted.includes(needed.replace(/_read$/, "_write") as Permission))
}

/** Stripe quotes keys with their prefix and last characters visible. */
function masked(key: string, visible: number): string {
  const prefix = key.slice(0, 8)
  return `${prefix}${"*".repeat(Math.max(0, key.length - 8 - visible))}${key.slice(-visible)}`
}

function bearerKey(req: IncomingMessage): string | null {
  const match = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "")
  return match ? match[1]! : null
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return typeof value === "string" ? value : null
}

// ---------------------------------------------------------------------------------------------
// Lists and objects

function list(
  url: string,
  items: Json[],
  params: Params,
  opts: { expandable?: string[]; view?: (item: Json, expand: string[]) => Json } = {}
): Reply {
  const limit = params.limit === undefined ? 10 : Number(params.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return fail(400, { param: "limit", message: `Invalid limit: must be an integer between 1 and 100 (got ${params.limit})` })
  }
  const expand: string[] = params.expand ?? []
  const unknown = expand.find((path) => !(opts.expandable ?? []).includes(path))
  if (unknown) {
    return fail(400, { param: "expand", message: `This property cannot be expanded (${unknown}).` })
  }
  const matching = items
    .filter((item) => inRange(item.created, params.created) && (params.status === undefined || item.status === params.status))
    // Newest first, as Stripe lists.
    .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  let start = 0
  if (params.starting_after !== undefined) {
    const at = matching.findIndex((item) => item.id === params.starting_after)
    if (at < 0) {
      return fail(400, { code: "resource_missing", param: "starting_after", message: `No such object: '${params.starting_after}'` })
    }
    start = at + 1
  }
  const page = matching.slice(start, start + limit)
  const view = opts.view ?? ((item: Json) => item)
  return ok({ object: "list", data: page.map((item) => view(clone(item), expand)), has_more: start + limit < matching.length, url })
}

function inRange(created: number, range: Json): boolean {
  if (range === undefined) return true
  if (typeof range !== "object") return created === Number(range)
  const bound = (name: string) => (range[name] === undefined ? null : Number(range[name]))
  const [gte, gt, lte, lt] = ["gte", "gt", "lte", "lt"].map(bound)
  return (gte === null || created >= gte) && (gt === null || created > gt) && (lte === null || created <= lte) && (lt === null || created < lt)
}

/** Since API 2022-11-15 a charge carries its refunds only when they are expanded. */
function chargeView(charge: Json, expand: string[]): Json {
  if (!expand.includes("data.refunds")) {
    delete charge.refunds
  }
  return charge
}

const PRIVATE_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])$|\.local$/

function endpointProblem(p: Params): Reply | null {
  if (typeof p.url !== "string" || !p.url) {
    return fail(400, { code: "parameter_missing", param: "url", message: "Missing required param: url." })
  }
  if (!Array.isArray(p.enabled_events) || !p.enabled_events.length) {
    return fail(400, { code: "parameter_missing", param: "enabled_events", message: "Missing required param: enabled_events." })
  }
  let host: string
  try {
    host = new URL(p.url).hostname
  } catch {
    return fail(400, { code: "url_invalid", param: "url", message: "Invalid URL: the URL is not valid." })
  }
  if (PRIVATE_HOSTS.test(host)) {
    // Stripe refuses endpoints it cannot reach and points to the Stripe CLI (wording approximated).
    return fail(400, {
      code: "url_invalid",
      param: "url",
      message: "Invalid URL: URL must be publicly accessible. Consider using a tool like the Stripe CLI to test webhooks locally: https://github.com/stripe/stripe-cli",
    })
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Wire format

function ok(body: Json): Reply {
  return { status: 200, body }
}

function fail(status: number, error: { type?: string; code?: string; param?: string; message: string }): Reply {
  return { status, body: { error: { type: "invalid_request_error", ...error } } }
}

function send(res: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "request-id": `req_${randomBytes(7).toString("hex")}`,
  })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

/** `created[gte]=1&expand[0]=data.refunds&metadata[a]=b` → `{ created: { gte: "1" }, expand: ["data.refunds"], metadata: { a: "b" } }`. */
export function parseForm(text: string): Params {
  const root: Params = {}
  for (const [name, value] of new URLSearchParams(text)) {
    const [head, ...rest] = name.split("[")
    const path = [head!, ...rest.map((segment) => segment.replace(/\]$/, ""))]
    let node: Params = root
    path.forEach((segment, i) => {
      const key = segment === "" ? String(Object.keys(node).length) : segment
      if (i === path.length - 1) {
        node[key] = value
      } else {
        node = node[key] ??= {}
      }
    })
  }
  return arrays(root)
}

/** Objects whose keys are 0..n-1 are the arrays the SDK sent as `a[0]`, `a[1]`. */
function arrays(value: Json): Json {
  if (typeof value !== "object" || value === null) return value
  const keys = Object.keys(value)
  const converted = Object.fromEntries(keys.map((k) => [k, arrays(value[k])]))
  const isArray = keys.length > 0 && keys.every((k, i) => k === String(i))
  return isArray ? keys.map((k) => converted[k]) : converted
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value))

// ---------------------------------------------------------------------------------------------
// Objects built from the real payloads in ../fixtures/stripe/

type Common = { id: string; created: number; amount: number; currency: string; metadata?: Record<string, string>; livemode?: boolean }

/** The fields every built object sets the same way (amounts differ by object). */
const commonFields = (o: Common) => ({
  id: o.id,
  created: o.created,
  currency: o.currency,
  metadata: o.metadata ?? {},
  livemode: o.livemode ?? false,
})

export const stripeObjects = {
  /** A completed checkout session (payment mode unless `mode` says otherwise). */
  checkoutSession(o: Common & {
    paymentIntent?: string | null
    invoice?: string | null
    subscription?: string | null
    mode?: "payment" | "subscription" | "setup"
    paymentStatus?: "paid" | "unpaid" | "no_payment_required"
    email?: string | null
    clientReferenceId?: string | null
  }): Json {
    const session = clone(sessionFixture.data.object) as Json
    Object.assign(session, {
      ...commonFields(o),
      amount_subtotal: o.amount,
      amount_total: o.amount,
      mode: o.mode ?? "payment",
      payment_intent: o.paymentIntent ?? null,
      invoice: o.invoice ?? null,
      subscription: o.subscription ?? null,
      payment_status: o.paymentStatus ?? "paid",
      status: "complete",
      client_reference_id: o.clientReferenceId ?? null,
    })
    session.customer_details = { ...session.customer_details, email: o.email ?? null }
    return session
  },

  /** A charge with its complete refund list; `amount_refunded` is the sum of the succeeded refunds. */
  charge(o: Common & {
    paymentIntent?: string | null
    invoice?: string | null
    status?: "succeeded" | "pending" | "failed"
    captured?: boolean
    email?: string | null
    refunds?: { id: string; amount: number; created: number; status?: "succeeded" | "pending" | "failed" }[]
  }): Json {
    const charge = clone(chargeFixture.data.object) as Json
    const refunds = (o.refunds ?? []).map((r) => ({
      ...clone(refundedFixture.data.object.refunds.data[0]),
      id: r.id,
      amount: r.amount,
      created: r.created,
      status: r.status ?? "succeeded",
      charge: o.id,
      currency: o.currency,
      payment_intent: o.paymentIntent ?? null,
    }))
    const refunded = refunds.filter((r) => r.status === "succeeded").reduce((sum, r) => sum + r.amount, 0)
    const captured = o.captured ?? o.status !== "failed"
    Object.assign(charge, {
      ...commonFields(o),
      amount: o.amount,
      amount_captured: captured ? o.amount : 0,
      amount_refunded: refunded,
      refunded: refunded >= o.amount,
      captured,
      paid: (o.status ?? "succeeded") === "succeeded",
      status: o.status ?? "succeeded",
      payment_intent: o.paymentIntent ?? null,
      invoice: o.invoice ?? null,
      refunds: { object: "list", data: refunds, has_more: false, total_count: refunds.length, url: `/v1/charges/${o.id}/refunds` },
    })
    charge.billing_details = { ...charge.billing_details, email: o.email ?? null }
    return charge
  },

  /**
   * A paid invoice. `legacy` (API before 2025-03-31, what the pinned version returns) names its
   * payment intent, charge and subscription at the top level; `basil` moves the subscription
   * under `parent.subscription_details` and names no payment.
   */
  invoice(o: Common & {
    shape?: "legacy" | "basil"
    paymentIntent?: string | null
    charge?: string | null
    subscription?: string | null
    subscriptionMetadata?: Record<string, string>
    billingReason?: string
    email?: string | null
  }): Json {
    const invoice = clone(invoiceFixture.data.object) as Json
    Object.assign(invoice, {
      ...commonFields(o),
      amount_due: o.amount,
      amount_paid: o.amount,
      total: o.amount,
      subtotal: o.amount,
      billing_reason: o.billingReason ?? (o.subscription ? "subscription_create" : "manual"),
      customer_email: o.email ?? null,
      status: "paid",
    })
    const line = invoice.lines.data[0]
    Object.assign(line, { amount: o.amount, currency: o.currency })
    if ((o.shape ?? "legacy") === "legacy") {
      Object.assign(invoice, {
        payment_intent: o.paymentIntent ?? null,
        charge: o.charge ?? null,
        subscription: o.subscription ?? null,
        subscription_details: { metadata: o.subscriptionMetadata ?? {} },
      })
      line.subscription = o.subscription ?? null
      return invoice
    }
    for (const removed of ["payment_intent", "charge", "subscription", "subscription_details", "paid"]) {
      delete invoice[removed]
    }
    delete line.subscription
    invoice.parent = o.subscription
      ? { type: "subscription_details", quote_details: null, subscription_details: { metadata: o.subscriptionMetadata ?? {}, subscription: o.subscription } }
      : null
    line.parent = o.subscription
      ? { type: "subscription_item_details", subscription_item_details: { subscription: o.subscription, subscription_item: `si_${o.id}` } }
      : null
    return invoice
  },
}

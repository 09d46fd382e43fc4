import { z } from "@medusajs/framework/zod"
import { STORABLE, STORABLE_MESSAGE } from "../../core/text"
import { isKnownCurrency, majorToMinor } from "../../core/money"

/** Bounds that keep one request cheap to validate and store. */
export const LIMITS = {
  eventsPerRequest: 50,
  bodyBytes: "64kb",
  url: 2048,
  title: 512,
  name: 128,
  propsKeys: 25,
  propKey: 64,
  propValue: 512,
  orderId: 128,
  email: 254,
  userAgent: 512,
} as const

const clientId = z.string().regex(STORABLE, STORABLE_MESSAGE).regex(/^[A-Za-z0-9_-]{16,64}$/, "must be 16 to 64 characters from A-Z, a-z, 0-9, _ and -")

const propValue = z.union([z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.propValue), z.number().finite(), z.boolean(), z.null()])

const props = z
  .record(z.string().regex(STORABLE, STORABLE_MESSAGE).min(1).max(LIMITS.propKey), propValue)
  .refine((p) => Object.keys(p).length <= LIMITS.propsKeys, `at most ${LIMITS.propsKeys} properties`)

const decimal = z.union([
  z.number().finite().nonnegative(),
  z.string().regex(STORABLE, STORABLE_MESSAGE).regex(/^\d{1,15}(\.\d{1,4})?$/, "must be a non-negative decimal like 99.99"),
])

/** One storefront event (CONTRACT.md "Collector event"). Unknown fields are refused. */
export const CollectorEvent = z
  .strictObject({
    type: z.enum(["pageview", "event", "identify", "purchase"]),
    visitor_id: clientId,
    session_id: clientId,
    url: z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.url).optional(),
    referrer: z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.url).nullish(),
    title: z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.title).nullish(),
    ts: z.number().int().nonnegative().optional(),
    name: z.string().regex(STORABLE, STORABLE_MESSAGE).min(1).max(LIMITS.name).optional(),
    props: props.optional(),
    email: z.string().regex(STORABLE, STORABLE_MESSAGE).trim().toLowerCase().max(LIMITS.email).email().optional(),
    order_id: z.string().regex(STORABLE, STORABLE_MESSAGE).min(1).max(LIMITS.orderId).optional(),
    amount: decimal.optional(),
    currency: z.string().regex(STORABLE, STORABLE_MESSAGE).regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code like USD").optional(),
    /** For server-side callers of the /store route: the browser's user agent they forward. */
    user_agent: z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.userAgent).optional(),
  })
  .superRefine((e, ctx) => {
    const need = (field: keyof typeof e, why: string) => {
      if (e[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `is required for a ${why} event` })
      }
    }
    if (e.type === "pageview") need("url", "pageview")
    if (e.type === "event") need("name", "custom")
    if (e.type === "identify") need("email", "identify")
    if (e.type === "purchase") {
      need("order_id", "purchase")
      need("amount", "purchase")
      need("currency", "purchase")
      if (e.currency !== undefined && !isKnownCurrency(e.currency)) {
        ctx.addIssue({ code: "custom", path: ["currency"], message: `${e.currency} is not an ISO 4217 currency` })
      } else if (e.currency !== undefined && e.amount !== undefined) {
        try {
          majorToMinor(e.amount, e.currency)
        } catch (err) {
          ctx.addIssue({ code: "custom", path: ["amount"], message: (err as Error).message })
        }
      }
    }
  })
export type CollectorEvent = z.infer<typeof CollectorEvent>

const events = z.array(CollectorEvent).min(1).max(LIMITS.eventsPerRequest)

/** `POST /store/attribution/events`: the key travels in Medusa's header. */
export const StoreEventsBody = z.strictObject({ events })

/** `POST /attribution/events`: the same JSON plus the publishable key, sent as text/plain. */
export const FastPathBody = z.strictObject({ key: z.string().regex(STORABLE, STORABLE_MESSAGE).min(1).max(256), events })

/** "events.0.visitor_id: must be ..." for every problem, so a developer sees what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ")
}

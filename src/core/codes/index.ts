/**
 * Promotion codes as attribution touches (issue 10, "Discount codes"): which codes an order
 * used, and the touch a mapped code adds at order time. Framework-free and deterministic.
 */
import type { Touch } from "../attribution/types"
import { isChannel, type Channel } from "../channel"

/** Longest code accepted in a mapping (Medusa sets no limit; real codes are short). */
export const MAX_CODE_LENGTH = 100
/** Longest source, medium or campaign accepted in a mapping. */
export const MAX_LABEL_LENGTH = 200

/**
 * A code touch's id in the path given to the models. Session ids are URL-safe
 * (`[A-Za-z0-9_-]`), so nothing with a colon can collide with one.
 */
export const CODE_TOUCH_PREFIX = "code:"

export type CodeMapping = {
  code: string
  channel: Channel
  source: string | null
  medium: string | null
  campaign: string | null
}

/**
 * The form codes are stored and compared in: trimmed, upper-case. Medusa itself matches codes
 * case-sensitively, so two promotions differing only in case are one code to the reports.
 */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase()
}

/** Codes upper-case, without blanks or repeats, sorted in code-unit order (the same on every machine). */
export function normalizeCodes(codes: readonly unknown[]): string[] {
  const set = new Set<string>()
  for (const code of codes) {
    if (typeof code === "string" && code.trim() !== "") set.add(normalizeCode(code))
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

type WithAdjustments = { adjustments?: ({ code?: string | null } | null)[] | null } | null

/** What `query.graph` answers for an order with the fields in `ORDER_PROMOTION_CODE_FIELDS`. */
export type OrderWithPromotions = {
  items?: WithAdjustments[] | null
  shipping_methods?: WithAdjustments[] | null
  promotions?: ({ code?: string | null } | null)[] | null
}

/** The order's graph fields that carry the promotion codes it used. */
export const ORDER_PROMOTION_CODE_FIELDS = [
  "items.adjustments.code",
  "shipping_methods.adjustments.code",
  "promotions.code",
]

/**
 * The codes an order used: those of its line-item and shipping adjustments (what was actually
 * discounted) and of the promotions linked to it at checkout. Normalised (`normalizeCodes`).
 */
export function orderPromotionCodes(order: OrderWithPromotions): string[] {
  const adjusted = [...(order.items ?? []), ...(order.shipping_methods ?? [])].flatMap((line) =>
    (line?.adjustments ?? []).map((a) => a?.code)
  )
  const linked = (order.promotions ?? []).map((p) => p?.code)
  return normalizeCodes([...adjusted, ...linked])
}

/** The code of a code touch's id, or null for a session id. */
export function codeOfTouch(touchId: string | null | undefined): string | null {
  return touchId?.startsWith(CODE_TOUCH_PREFIX) ? touchId.slice(CODE_TOUCH_PREFIX.length) : null
}

/**
 * The touches the mapped codes among `codes` add to a payment's path: one per mapped code, at
 * the payment's time (the order is where the code was used), with the mapping's channel. They
 * come last in time, so `last_touch` and `last_non_direct` credit the code and `first_touch`
 * still credits the visitor's first session. Codes without a mapping add nothing.
 */
export function codeTouches(
  codes: readonly string[] | null | undefined,
  mappings: readonly CodeMapping[],
  paymentAt: Date
): Touch[] {
  const byCode = new Map(mappings.map((m) => [normalizeCode(m.code), m]))
  return normalizeCodes(codes ?? []).flatMap((code) => {
    const mapping = byCode.get(code)
    if (!mapping || !isChannel(mapping.channel)) return []
    return [{ sessionId: `${CODE_TOUCH_PREFIX}${code}`, startedAt: paymentAt, channel: mapping.channel }]
  })
}

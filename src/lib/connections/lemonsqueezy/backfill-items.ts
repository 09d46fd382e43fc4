/**
 * LemonSqueezy API resources (orders, subscription invoices) → the items a backfill hands to
 * `ingestProviderEvent`. Each resource is wrapped into the body its webhook would have had and
 * read by the webhook parser, so a backfilled payment gets the key its webhook gets
 * (`order:<id>`, `subscription-invoice:<id>`) and the two converge on one row.
 *
 * What the API cannot give: the checkout's custom data. LemonSqueezy sends it only in webhook
 * `meta.custom_data`; the order and invoice objects have no such field. A backfilled payment
 * therefore carries no visitor id of its own and is linked by subscription, email or time.
 */
import { orderKey, parseLemonSqueezyEvent, subscriptionInvoiceKey } from "../../../core/providers/lemonsqueezy"
import { fromIsoDateTime, idString, isRecord, list, rec, type JsonRecord } from "../../../core/providers/shared"
import type { PaymentFact, ProviderFact } from "../../../core/providers/types"
import type { BackfillItem } from "../types"

/** One JSON:API resource object as the list endpoints return it. */
export type Resource = { type: string; id: string; attributes: JsonRecord; relationships: JsonRecord }

type Kind = {
  type: "orders" | "subscription-invoices"
  key: (id: string) => string
  paidEvent: string
  refundedEvent: string
}

export const ORDERS: Kind = { type: "orders", key: orderKey, paidEvent: "order_created", refundedEvent: "order_refunded" }
export const SUBSCRIPTION_INVOICES: Kind = {
  type: "subscription-invoices",
  key: subscriptionInvoiceKey,
  paidEvent: "subscription_payment_success",
  refundedEvent: "subscription_payment_refunded",
}

/** Statuses of a resource that was paid and has since been refunded, fully or partly. */
const REFUNDED_STATUSES = new Set(["refunded", "partial_refund"])

/** The `data` array of a list response, keeping only well-formed resources. */
export function resourcesOf(body: unknown): Resource[] {
  const out: Resource[] = []
  for (const item of list(body, "data")) {
    const id = isRecord(item) ? idString(item.id) : null
    if (!isRecord(item) || !id || typeof item.type !== "string" || !isRecord(item.attributes)) continue
    out.push({ type: item.type, id, attributes: item.attributes, relationships: rec(item, "relationships") })
  }
  return out
}

export function createdAt(resource: Resource): Date | null {
  return fromIsoDateTime(resource.attributes.created_at)
}

/**
 * The webhook body LemonSqueezy would have sent for this resource. `paid` marks a refunded
 * resource as paid, so it reads as the payment it was (as the webhook route's fallback does).
 */
function webhookBody(resource: Resource, eventName: string, paid: boolean) {
  const attributes = paid ? { ...resource.attributes, status: "paid" } : resource.attributes
  return {
    meta: { event_name: eventName, test_mode: resource.attributes.test_mode === true },
    data: { type: resource.type, id: resource.id, attributes },
  }
}

/** The subscription an order started, from the `subscriptions` relationship (`include=subscriptions`). */
function relatedSubscriptionId(resource: Resource): string | null {
  const first = list(rec(resource.relationships, "subscriptions"), "data")[0]
  return isRecord(first) ? idString(first.id) : null
}

/**
 * The payment (or why it is not one) and, when money was refunded, the refund of one order or
 * subscription invoice. Event ids are stable per object, and a refund's also names the refunded
 * total, so an import run twice stores nothing new while a later, larger refund is recorded.
 */
export function itemsFor(resource: Resource, kind: Kind): BackfillItem[] {
  const key = kind.key(resource.id)
  const status = resource.attributes.status
  const refunded = typeof status === "string" && REFUNDED_STATUSES.has(status)
  const fact = withSubscription(parseLemonSqueezyEvent(webhookBody(resource, kind.paidEvent, refunded)), resource)

  const items: BackfillItem[] = []
  if (fact.kind === "ignored") {
    // The status is part of the id: a pending order imported again once paid is not a duplicate.
    items.push({ event_id: `backfill:${key}:status:${String(status)}`, event_type: kind.paidEvent, fact })
    return items
  }
  items.push({ event_id: `backfill:${key}`, event_type: kind.paidEvent, fact })
  const refund = parseLemonSqueezyEvent(webhookBody(resource, kind.refundedEvent, false))
  if (refund.kind === "refund") {
    items.push({
      event_id: `backfill:${key}:refunded:${refund.cumulativeRefunded}`,
      event_type: kind.refundedEvent,
      fact: refund,
      paymentFallback: fact.kind === "payment" ? fact : null,
    })
  }
  return items
}

/**
 * The order API names the subscription an order started only as a relationship; the webhook
 * parser reads it from attributes. Setting it lets renewals inherit the order's visitor, and
 * fills it in on a row the `order_created` webhook stored without it.
 */
function withSubscription(fact: ProviderFact, resource: Resource): ProviderFact {
  if (fact.kind !== "payment" || fact.subscriptionId) return fact
  const subscriptionId = relatedSubscriptionId(resource)
  return subscriptionId ? ({ ...fact, subscriptionId } satisfies PaymentFact) : fact
}

/**
 * The first invoice of a subscription is the same money as its order, which the orders phase
 * records; the parser ignores it, and the backfill leaves it out rather than count it skipped.
 */
export function isInitialInvoice(resource: Resource): boolean {
  return resource.type === "subscription-invoices" && resource.attributes.billing_reason === "initial"
}

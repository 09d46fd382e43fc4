import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { parseStripeEvent } from "../../../core/providers/stripe"
import type { BackfillCursor, BackfillItem, BackfillPage } from "../types"

/**
 * One page of past Stripe payments, in three phases: checkout sessions, charges, invoices.
 * Each object becomes the event the webhook would have delivered for it, parsed by the same
 * `parseStripeEvent`, so a payment imported here and one delivered by a webhook are the same
 * fact and converge on one row through their ids (payment intent, charge, invoice, session).
 *
 * Event ids are `backfill:<object id>` (refunds: `backfill:<charge id>:refunded:<total>`), stable
 * across runs: a second import is all duplicates. An object is imported only once it is in its
 * final paid state (a session still `unpaid`, a charge pending or not captured is left for the
 * webhook or a later import), because a delivery id, once claimed, is never processed again.
 */

/** Stripe's largest page. */
const PAGE_SIZE = 100

/** The fields of a listed object this module reads; everything else goes to the parser as it is. */
type Listed = { id: string; created: number; livemode: boolean }
type ListPage = { data: Listed[]; has_more: boolean }

type Phase = {
  name: string
  label: string
  list(stripe: Stripe, params: { created: { gte: number }; limit: number; starting_after?: string }): Promise<ListPage>
  items(object: Listed): BackfillItem[]
}

const PHASES: Phase[] = [
  {
    name: "checkout_sessions",
    label: "checkout sessions",
    list: (stripe, params) => stripe.checkout.sessions.list({ ...params, status: "complete" }),
    items: sessionItems,
  },
  {
    name: "charges",
    label: "charges",
    // The refunds are expanded only for their times (see refundItem).
    list: (stripe, params) => stripe.charges.list({ ...params, expand: ["data.refunds"] }),
    items: chargeItems,
  },
  {
    name: "invoices",
    label: "invoices",
    list: (stripe, params) => stripe.invoices.list({ ...params, status: "paid" }),
    items: invoiceItems,
  },
]

export const BACKFILL_PHASES = PHASES.map((p) => p.name)

export async function stripeBackfillPage(stripe: Stripe, since: Date, cursor: BackfillCursor | null): Promise<BackfillPage> {
  const index = cursor ? PHASES.findIndex((p) => p.name === cursor.phase) : 0
  const phase = PHASES[index]
  if (!phase) {
    // A cursor saved by another version of the plugin, or edited: start the backfill again.
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Unknown Stripe backfill phase ${JSON.stringify(cursor?.phase)} (expected one of ${BACKFILL_PHASES.join(", ")})`
    )
  }
  const page = await phase.list(stripe, {
    created: { gte: Math.floor(since.getTime() / 1000) },
    limit: PAGE_SIZE,
    ...(cursor?.after ? { starting_after: cursor.after } : {}),
  })
  const last = page.data.at(-1)
  const following = PHASES[index + 1]
  const next =
    page.has_more && last
      ? { phase: phase.name, after: last.id }
      : following
        ? { phase: following.name, after: null }
        : null
  return { items: page.data.flatMap((object) => phase.items(object)), next, label: phase.label }
}

/** The event Stripe would have sent for this object, as the webhook route would parse it. */
function item(eventId: string, type: string, object: Listed, created = object.created): BackfillItem {
  const event = { id: eventId, object: "event", type, livemode: object.livemode, created, data: { object } }
  return { event_id: eventId, event_type: type, fact: parseStripeEvent(event) }
}

function sessionItems(session: Listed): BackfillItem[] {
  // An asynchronous payment method (bank debit) completes the session unpaid; it may be paid later.
  if ((session as Partial<Stripe.Checkout.Session>).payment_status === "unpaid") {
    return []
  }
  return [item(`backfill:${session.id}`, "checkout.session.completed", session)]
}

function chargeItems(listed: Listed): BackfillItem[] {
  const charge = listed as Listed & Partial<Stripe.Charge>
  // Failed charges never pay; pending and uncaptured ones may still.
  if (charge.status !== "succeeded" || charge.captured === false) {
    return []
  }
  const paid = item(`backfill:${charge.id}`, "charge.succeeded", charge)
  const refund = refundItem(charge)
  if (!refund) {
    return [paid]
  }
  // The charge describes its payment: stored first if this refund is ever handled alone.
  return [paid, { ...refund, paymentFallback: paid.fact.kind === "payment" ? paid.fact : null }]
}

/**
 * The charge's refunds as the cumulative refunded total, the form a `charge.refunded` webhook
 * delivers since API 2022-11-15 (it no longer embeds the refund list), so a refund stored by
 * either one is not counted again by the other: the service stores only the difference from the
 * refunded amount already stored. Its time is that of the latest refund, read from the expanded
 * list (else the charge's own).
 */
function refundItem(charge: Listed & Partial<Stripe.Charge>): BackfillItem | null {
  const total = charge.amount_refunded
  if (typeof total !== "number" || total <= 0) {
    return null
  }
  const { refunds, ...withoutRefunds } = charge
  const times = (refunds?.data ?? []).filter((r) => r.status === "succeeded").map((r) => r.created)
  const refundedAt = times.length ? Math.max(...times) : charge.created
  return item(`backfill:${charge.id}:refunded:${total}`, "charge.refunded", withoutRefunds, refundedAt)
}

function invoiceItems(invoice: Listed): BackfillItem[] {
  return [item(`backfill:${invoice.id}`, "invoice.paid", invoice)]
}

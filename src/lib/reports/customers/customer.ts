import type { MedusaRequest } from "@medusajs/framework/http"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ICustomerModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { hashEmail } from "../../../core/identity"
import { FIRST_PAYMENT_IDS_SQL } from "../first-payments"
import { majorToMinor, minorToMajorString } from "../../../core/money"
import { amount } from "../figures"
import { ltvReport } from "./ltv"
import { rawWithoutJit } from "./no-jit"

/** The widget lists at most this many payments: the most recent. */
export const CUSTOMER_PAYMENTS_LIMIT = 200

/**
 * The hash of a Medusa customer's email, which payments made without the customer id (the
 * payment API, provider webhooks) carry. A customer deleted since is matched by its id alone.
 */
export async function customerEmailHash(req: MedusaRequest, customerId: string): Promise<string | null> {
  const customers = req.scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  try {
    const customer = await customers.retrieveCustomer(customerId, { select: ["id", "email"] })
    return customer.email ? hashEmail(customer.email) : null
  } catch (e) {
    if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_FOUND) return null
    throw e
  }
}

type Row = {
  id: string
  amount: string
  refunded_amount: string
  currency_code: string
  status: string
  is_test: boolean
  occurred_at: Date
  order_id: string | null
  is_first: boolean
  channel: string | null
  source: string | null
  medium: string | null
  campaign: string | null
}

/**
 * The customer widget's figures: each payment new or returning, the acquisition channel (the
 * first-touch credit of the customer's first payment), lifetime value to date in one currency,
 * and the average lifetime value of every customer acquired through the same channel in that
 * currency (all time), for comparison.
 *
 * A customer's payments are those with their Medusa id, and those with no Medusa customer id but
 * their email (the payment API, webhooks): the reports count the latter as a customer of their own
 * (keyed by the email hash), so such a customer can show two "new" payments.
 */
export async function customerReport(
  knex: Knex,
  target: { customer_id: string; email_hash: string | null },
  q: { currency?: string; include_test: boolean },
  now = new Date()
) {
  const match = target.email_hash
    ? {
        // The customer key's order (first-payments.ts): the Medusa id, else the email hash.
        sql: "(p.customer_id = ? or (not (p.provider = 'medusa' and p.customer_id is not null) and p.customer_email_hash = ?))",
        params: [target.customer_id, target.email_hash],
      }
    : { sql: "p.customer_id = ?", params: [target.customer_id] }
  const { rows } = await rawWithoutJit(
    knex,
    `with mine as (
       select p.id, p.amount::text as amount, p.refunded_amount::text as refunded_amount, p.currency_code, p.status,
              p.is_test, p.occurred_at, p.order_id
         from attribution_payment p
        where ${match.sql} and p.deleted_at is null ${q.include_test ? "" : "and not p.is_test"}
     )
     select m.*, m.id in (${FIRST_PAYMENT_IDS_SQL}) as is_first, a.channel, a.source, a.medium, a.campaign
       from mine m
       left join lateral (
         select c.channel, c.source, c.medium, c.campaign from attribution_credit c
          where c.payment_id = m.id and c.model = 'first_touch' and c.deleted_at is null
          order by c.weight desc, c.session_started_at nulls last limit 1
       ) a on true
      order by m.occurred_at desc, m.id desc`,
    match.params
  )
  const payments = rows as Row[]
  const live = payments.filter((p) => p.status !== "canceled")
  const first = [...live].reverse().find((p) => p.is_first) ?? null
  const currencies = [...new Set(live.map((p) => p.currency_code))]
  const currency = q.currency ?? first?.currency_code ?? currencies[0] ?? null

  const lifetime = currency ? lifetimeOf(live.filter((p) => p.currency_code === currency), currency) : null

  const acquisition = first
    ? {
        channel: first.channel ?? "Unassigned",
        source: first.source,
        medium: first.medium,
        campaign: first.campaign,
        first_payment_id: first.id,
        first_payment_at: new Date(first.occurred_at).toISOString(),
        currency: first.currency_code,
      }
    : null
  // The same channel's customers, all time, in the same currency: what the LTV report shows.
  const average =
    acquisition && currency
      ? ((
          await ltvReport(knex, { currency, from: new Date(0), to: now, include_test: q.include_test, channel: acquisition.channel })
        ).rows[0] ?? null)
      : null

  return {
    customer_id: target.customer_id,
    currency,
    currencies,
    acquisition,
    lifetime,
    channel_average: average && acquisition
      ? { channel: acquisition.channel, customers: average.customers, ltv: average.ltv, repeat_rate: average.repeat_rate }
      : null,
    payments: payments.slice(0, CUSTOMER_PAYMENTS_LIMIT).map((p) => ({
      id: p.id,
      order_id: p.order_id,
      occurred_at: new Date(p.occurred_at).toISOString(),
      amount: amount(p.amount, p.currency_code),
      refunded_amount: amount(p.refunded_amount, p.currency_code),
      currency_code: p.currency_code,
      status: p.status,
      is_test: p.is_test,
      customer_status: p.status === "canceled" ? null : p.is_first ? "new" : "returning",
    })),
  }
}

/** Revenue, refunds and net of one customer's payments in one currency, summed exactly. */
function lifetimeOf(payments: Row[], currency: string) {
  let revenue = 0n
  let refunded = 0n
  for (const p of payments) {
    revenue += majorToMinor(p.amount, currency)
    refunded += majorToMinor(p.refunded_amount, currency)
  }
  const major = (minor: bigint) => Number(minorToMajorString(minor, currency))
  return {
    revenue: major(revenue),
    refunded: major(refunded),
    net_revenue: major(revenue - refunded),
    payments: payments.length,
    repeat: payments.length >= 2,
  }
}

import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { majorToMinor, minorToMajorString } from "../../../core/money"
import { creditWhere } from "../credit-filter"
import { CUSTOMER_KEY_SQL, FIRST_PAYMENT_IDS_SQL } from "../first-payments"
import { keyOf } from "../revenue"
import type { NewReturningQuery } from "./query"
import { rawWithoutJit } from "./no-jit"

/** A payment is its customer's first (`new`), a later one (`returning`), or has no customer. */
const KINDS = ["new", "returning", "unknown"] as const
type Kind = (typeof KINDS)[number]

type Sums = { key: string | null } & Record<`${Kind}_revenue` | `${Kind}_refunded`, string> &
  Record<`${Kind}_payments` | "new_customers" | "returning_customers", number>

export type NewReturningFigures = Record<`${Kind}_revenue` | `${Kind}_net_revenue`, number> &
  Record<`${Kind}_payments` | "new_customers" | "returning_customers", number> & {
    revenue: number
    net_revenue: number
    payments: number
  }

const sumsOf = (kind: Kind) =>
  `coalesce(sum(t.amount) filter (where t.kind = '${kind}'), 0)::text as ${kind}_revenue,
   coalesce(sum(t.refunded_amount) filter (where t.kind = '${kind}'), 0)::text as ${kind}_refunded,
   (count(distinct t.payment_id) filter (where t.kind = '${kind}'))::int as ${kind}_payments`

function figuresOf(s: Sums, currency: string): NewReturningFigures {
  const major = (minor: bigint) => Number(minorToMajorString(minor, currency))
  const out = { new_customers: s.new_customers, returning_customers: s.returning_customers } as NewReturningFigures
  let revenue = 0n
  let net = 0n
  for (const kind of KINDS) {
    const gross = majorToMinor(s[`${kind}_revenue`], currency)
    const kindNet = gross - majorToMinor(s[`${kind}_refunded`], currency)
    out[`${kind}_revenue`] = major(gross)
    out[`${kind}_net_revenue`] = major(kindNet)
    out[`${kind}_payments`] = s[`${kind}_payments`]
    revenue += gross
    net += kindNet
  }
  out.revenue = major(revenue)
  out.net_revenue = major(net)
  out.payments = s.new_payments + s.returning_payments + s.unknown_payments
  return out
}

const NO_SUMS = {
  key: null,
  ...Object.fromEntries(KINDS.flatMap((k) => [[`${k}_revenue`, "0"], [`${k}_refunded`, "0"], [`${k}_payments`, 0]])),
  new_customers: 0,
  returning_customers: 0,
} as Sums

/**
 * Revenue by one dimension under one model, split into new customers' first payments,
 * returning customers' later ones, and payments with no customer (no Medusa customer id and no
 * email): one aggregation over the credits, like the revenue report, so a row's three parts add
 * up to the revenue report's row. Customers are counted once per row and once in the totals.
 */
export async function newReturningReport(knex: Knex, q: NewReturningQuery & { currency: string }) {
  const where = creditWhere(q)
  // A test-mode customer is another customer than the live one with the same key.
  const customer = `${CUSTOMER_KEY_SQL} || case when p.is_test then ':test' else '' end`
  // Credits are first added up per row and payment (a multi-touch model can credit one payment
  // several times in a row): fewer rows for the distinct counts. Payments and customers are
  // counted distinct, so the totals count each once however many rows share it.
  const { rows } = await rawWithoutJit(
    knex,
    `select case when grouping(t.key) = 0 then t.key end as key, ${KINDS.map(sumsOf).join(",\n")},
            (count(distinct t.customer) filter (where t.kind = 'new'))::int as new_customers,
            (count(distinct t.customer) filter (where t.kind = 'returning'))::int as returning_customers
       from (select ${keyOf(q.group_by, "c.")} as key, c.payment_id, sum(c.amount) as amount,
                    sum(c.refunded_amount) as refunded_amount, min(${customer}) as customer,
                    min(case when ${CUSTOMER_KEY_SQL} is null then 'unknown' when f.id is not null then 'new' else 'returning' end) as kind
               from attribution_credit c
               join attribution_payment p on p.id = c.payment_id
               left join (${FIRST_PAYMENT_IDS_SQL}) f on f.id = c.payment_id
              where ${where.sql}
              group by 1, 2) t
      group by grouping sets ((t.key), ())`,
    where.params
  )
  const sums = rows as Sums[]
  const totals = figuresOf(sums.find((r) => r.key === null) ?? NO_SUMS, q.currency)
  const list = sums
    .filter((r): r is Sums & { key: string } => r.key !== null)
    .map((r) => ({ key: r.key, ...figuresOf(r, q.currency) }))
    .sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key))
  return { rows: list, totals }
}

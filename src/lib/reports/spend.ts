import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { majorToMinor, minorToMajorString } from "../../core/money"
import type { CreditScope } from "./credit-filter"
import { FIRST_PAYMENT_IDS_SQL } from "./first-payments"
import type { Dimension } from "./revenue-query"
import { SPEND_COLUMN, spendKeyOf, type SpendSums } from "./spend-figures"
import { localDate } from "./time-zone"

export type SpendScope = CreditScope & { timezone: string; group_by: Dimension }

/**
 * The spend days of a report: every day of the report's time zone that [from, to) touches,
 * from the day of `from` to the day of the last instant before `to`. A report of November in
 * Europe/Paris reads the spend of Nov 1 to Nov 30, the days ad platforms report in the
 * account's time zone (set the report's zone to the ad account's for exact days).
 */
export function spendDays(q: { from: Date; to: Date; timezone: string }): { first: string; last: string } {
  return { first: localDate(q.from, q.timezone), last: localDate(new Date(q.to.getTime() - 1), q.timezone) }
}

/**
 * The spend of a report's range, or null when the store has no spend stored at all (then the
 * report keeps its shape without spend). Spend is small (days × campaigns): one grouped scan
 * of the (currency, day) index, beside the report's own queries.
 */
export async function loadSpend(knex: Knex, q: SpendScope): Promise<SpendSums | null> {
  const { first, last } = spendDays(q)
  const column = SPEND_COLUMN[q.group_by]
  const [sums, stored] = await Promise.all([
    knex.raw(
      `select currency_code, ${column ?? "null::text"} as value, sum(amount)::text as amount
         from attribution_spend where deleted_at is null and day >= ? and day <= ?
        group by 1, 2`,
      [first, last]
    ),
    knex.raw(`select exists (select 1 from attribution_spend where deleted_at is null) as any`),
  ])
  if (!stored.rows[0]?.any) return null
  const result: SpendSums = { total: null, byKey: new Map(), others: [] }
  const others = new Map<string, bigint>()
  for (const r of sums.rows as { currency_code: string; value: string | null; amount: string }[]) {
    const minor = majorToMinor(r.amount, r.currency_code)
    if (r.currency_code !== q.currency) {
      others.set(r.currency_code, (others.get(r.currency_code) ?? 0n) + minor)
      continue
    }
    result.total = (result.total ?? 0n) + minor
    if (r.value === null || !column) continue
    // Campaigns meet case-insensitively (src/core/spend/match.ts): spellings add up under one key.
    const key = spendKeyOf(q.group_by, r.value)
    const same = result.byKey.get(key)
    if (same) same.minor += minor
    else result.byKey.set(key, { minor, label: r.value })
  }
  result.others = [...others]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => ({ currency, amount: Number(minorToMajorString(minor, currency)) }))
  return result
}

/**
 * Which credits (`c`) belong to a payment that is its customer's first (first-payments.ts):
 * the report adds up the weights of such credits per row, so under multi-touch models a new
 * customer is shared among the rows that brought them and the rows add up to the total, which
 * counts the first payments themselves. A join rather than `c.payment_id in (...)` in the
 * select list: that form is a hashed subplan only while every first payment fits in
 * `work_mem`, and past it Postgres would scan them again for each credit; a join stays a hash
 * or merge join at any size.
 */
export const NEW_CUSTOMER_JOIN = {
  join: `left join (${FIRST_PAYMENT_IDS_SQL}) first_payment on first_payment.id = c.payment_id`,
  column: "first_payment.id is not null",
}

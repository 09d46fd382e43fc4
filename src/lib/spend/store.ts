import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { minorToMajorString } from "../../core/money"
import { matchKey, type SpendRow } from "../../core/spend"
import type { SpendOrigin } from "../../modules/attribution/models/spend"
import { newId } from "../../modules/attribution/ids"
import { amount } from "../reports/figures"

/** Rows written per statement: far below Postgres' parameter limit (one JSON parameter each). */
const CHUNK = 2_000

/**
 * Stores spend rows in one transaction: a row whose identity (`match_key`: day, campaign,
 * source, medium, channel) is already stored replaces it, in place, so re-importing a revised
 * day never doubles it. Answers how many rows were new and how many replaced.
 */
export async function storeSpend(knex: Knex, rows: SpendRow[], origin: SpendOrigin): Promise<{ stored: number; created: number; replaced: number }> {
  const records = rows.map((r) => {
    const major = minorToMajorString(r.amount_minor, r.currency)
    return {
      id: newId("aspd"),
      day: r.day,
      channel: r.channel,
      source: r.source,
      medium: r.medium,
      campaign: r.campaign,
      amount: major,
      raw_amount: { value: major, precision: 20 },
      currency_code: r.currency,
      origin,
      match_key: matchKey(r),
    }
  })
  let created = 0
  await knex.transaction(async (trx) => {
    for (let i = 0; i < records.length; i += CHUNK) {
      const { rows: written } = await trx.raw(
        `insert into attribution_spend (id, day, channel, source, medium, campaign, amount, raw_amount, currency_code, origin, match_key)
         select r.id, r.day, r.channel, r.source, r.medium, r.campaign, r.amount::numeric, r.raw_amount, r.currency_code, r.origin, r.match_key
           from jsonb_to_recordset(?::jsonb) as r(id text, day text, channel text, source text, medium text, campaign text,
                amount text, raw_amount jsonb, currency_code text, origin text, match_key text)
         on conflict (match_key) where deleted_at is null do update
            set day = excluded.day, channel = excluded.channel, source = excluded.source, medium = excluded.medium,
                campaign = excluded.campaign, amount = excluded.amount, raw_amount = excluded.raw_amount,
                currency_code = excluded.currency_code, origin = excluded.origin, updated_at = now()
         returning (xmax = 0) as created`,
        [JSON.stringify(records.slice(i, i + CHUNK))]
      )
      created += (written as { created: boolean }[]).filter((w) => w.created).length
    }
  })
  return { stored: records.length, created, replaced: records.length - created }
}

/** Days `first` ≤ day < `end` (either open), and optionally one currency. */
export type SpendRange = { from?: string; to?: string; currency?: string }

function rangeWhere(q: SpendRange): { sql: string; params: string[] } {
  const sql = ["deleted_at is null"]
  const params: string[] = []
  const add = (condition: string, value: string | undefined) => {
    if (value === undefined) return
    sql.push(condition)
    params.push(value)
  }
  add("day >= ?", q.from)
  add("day < ?", q.to)
  add("currency_code = ?", q.currency)
  return { sql: sql.join(" and "), params }
}

export type SpendListRow = {
  id: string
  date: string
  campaign: string | null
  source: string | null
  medium: string | null
  channel: string | null
  amount: number
  currency: string
  origin: SpendOrigin
  updated_at: string
}

/** The rows of a range, by day then campaign, a page at a time; totals per currency over all of them. */
export async function listSpend(knex: Knex, q: SpendRange & { limit: number; offset: number }) {
  const where = rangeWhere(q)
  const [rows, totals] = await Promise.all([
    knex.raw(
      `select id, day, campaign, source, medium, channel, amount::text as amount, currency_code, origin, updated_at
         from attribution_spend where ${where.sql}
        order by day, campaign nulls first, source nulls first, medium nulls first, channel nulls first, id
        limit ? offset ?`,
      [...where.params, q.limit, q.offset]
    ),
    knex.raw(
      `select currency_code, sum(amount)::text as amount, count(*)::int as rows
         from attribution_spend where ${where.sql} group by 1 order by 1`,
      where.params
    ),
  ])
  type Stored = { id: string; day: string; campaign: string | null; source: string | null; medium: string | null; channel: string | null; amount: string; currency_code: string; origin: SpendOrigin; updated_at: Date }
  const totalRows = (totals.rows as { rows: number }[]).reduce((n, t) => n + t.rows, 0)
  return {
    rows: (rows.rows as Stored[]).map(
      (r): SpendListRow => ({
        id: r.id,
        date: r.day,
        campaign: r.campaign,
        source: r.source,
        medium: r.medium,
        channel: r.channel,
        amount: amount(r.amount, r.currency_code),
        currency: r.currency_code,
        origin: r.origin,
        updated_at: new Date(r.updated_at).toISOString(),
      })
    ),
    count: totalRows,
    totals: (totals.rows as { currency_code: string; amount: string; rows: number }[]).map((t) => ({
      currency: t.currency_code,
      amount: amount(t.amount, t.currency_code),
      rows: t.rows,
    })),
  }
}

/** Removes the rows of a range (for good: spend holds no personal data); answers how many. */
export async function deleteSpend(knex: Knex, q: SpendRange): Promise<number> {
  const where = rangeWhere(q)
  const { rowCount } = await knex.raw(`delete from attribution_spend where ${where.sql}`, where.params)
  return rowCount ?? 0
}

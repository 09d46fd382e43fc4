import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { currencyExponent, minorToMajorString } from "../../core/money"
import { creditWhere, type CreditScope } from "./credit-filter"
import { rawWithSettings } from "./planner-settings"
import type { ProductGroup } from "./products-query"
import { distinctCount, keyOf } from "./revenue"
import type { Dimension } from "./revenue-query"

/** Revenue of a row or a cell, in major units. */
export type ProductFigures = { revenue: number; refunded: number; net_revenue: number }
/** A row's share credited to one value of `split_by`; `orders` only for one product's channels. */
export type ProductCell = ProductFigures & { key: string; orders?: number }
export type ProductRow = ProductFigures & {
  key: string
  /** Orders (payments) with a line of this key. */
  orders: number
  label: string | null
  /** Units sold (whole lines, never split among channels). */
  quantity: number
  /** The variant's SKU (`group_by=variant`). */
  sku?: string | null
  split?: ProductCell[]
}

export type ProductsOptions = CreditScope & {
  group_by: ProductGroup
  split_by?: Dimension
  /** Only this product's lines (the product widget); its payments' other lines still weigh. */
  product_id?: string
  limit?: number
}

/** Each group's key and label over a line `l` (categories: over its expanded category `g`). */
const GROUPS: Record<ProductGroup, { column: string; key: string; label: string; expand?: string }> = {
  product: { column: "product_id", key: "l.product_id", label: "l.product_title" },
  variant: {
    column: "variant_id",
    key: "l.variant_id",
    label: "concat_ws(' / ', l.product_title, l.variant_title)",
  },
  collection: { column: "collection_id", key: "l.collection_id", label: "l.collection_title" },
  // A line in several categories counts in each; a line in none under `(not set)`.
  category: {
    column: "categories",
    key: "g.value->>'id'",
    label: "g.value->>'name'",
    expand: `cross join lateral jsonb_array_elements(case when jsonb_typeof(l.categories) = 'array'
               and jsonb_array_length(l.categories) > 0 then l.categories else '[{}]'::jsonb end) g`,
  },
}

type SumRow = {
  kind: "cell" | "row" | "total" | "split_total" | "line" | "line_total" | "unlisted"
  key: string | null
  skey: string | null
  revenue: string | null
  refunded: string | null
  orders: number | null
  label: string | null
  sku: string | null
  quantity: string | null
}

/**
 * Revenue by product, variant, category or collection, optionally split by a dimension, under
 * one model, in one currency. Only payments with stored line items (Medusa orders) are in the
 * rows; `without_line_items` adds up the others so the figures reconcile with the revenue report.
 */
export async function productsReport(knex: Knex, o: ProductsOptions) {
  const exponent = currencyExponent(o.currency)
  const { sql, params } = productsSql(o)
  // Two queries on two connections at once: the shares, and the payments without lines.
  const [rows, unlisted] = await Promise.all([
    // The planner's estimates for these windows are far too high, which turns on JIT
    // compilation: seconds of it for a query that runs in tens of milliseconds.
    rawWithSettings(knex, { jit: "off", work_mem: "32MB" }, sql, params) as Promise<SumRow[]>,
    unlistedSum(knex, o, exponent),
  ])
  const report = assemble([...rows, unlisted], o, exponent)
  await labelRows(knex, o.group_by, report.rows)
  return report
}

/** The labels (and SKUs) of the rows shown, from the stored lines, by the key's index. */
async function labelRows(knex: Knex, groupBy: ProductGroup, rows: ProductRow[]): Promise<void> {
  const group = GROUPS[groupBy]
  if (group.expand || !rows.length) return
  const found = (
    await knex.raw(
      `select ${group.key} as key, max(${group.label}) as label, ${groupBy === "variant" ? "max(l.sku)" : "null"} as sku
         from attribution_line_item l where ${group.key} = any(?) and l.deleted_at is null group by 1`,
      [rows.map((r) => r.key)]
    )
  ).rows as { key: string; label: string | null; sku: string | null }[]
  const byKey = new Map(found.map((f) => [f.key, f]))
  for (const row of rows) {
    row.label = byKey.get(row.key)?.label ?? null
    if (groupBy === "variant") row.sku = byKey.get(row.key)?.sku ?? null
  }
}

/**
 * The shares are stored (attribution_line_credit, written with the credits): each credit's
 * share of each line, and each line's share of its whole payment, both exact to the smallest
 * unit. So the report is one scan of them in the range: split reports add up the credits'
 * shares by key and split value (cells add up to their row, and each split value's total to
 * its figure in the revenue report); reports without a split add up the lines' shares, so a
 * product's revenue is the same under every model. Units, orders and labels come from one row
 * per line (`line_primary`). The widget's product filter keeps only that product's lines, its
 * payments' other lines having weighed when the shares were made.
 */
function productsSql(o: ProductsOptions) {
  // The line credits carry the credit's filter and dimension columns under the same names.
  const where = creditWhere(o)
  const group = GROUPS[o.group_by]
  const key = `coalesce(${group.key}, '(not set)')`
  const expand = group.expand ?? ""
  const columns = [...new Set([group.column, "product_id"])].map((c) => `c.${c}`).join(", ")
  // Labels are read afterwards for the rows shown (labelRows), except categories': in the shares.
  const label = expand ? `max(${group.label})` : "null"
  const split = Boolean(o.split_by)
  // Without split_by there is no skey grouping to ask `grouping()` about.
  const cell = (inCell: string, whole: string) => (split ? `case when grouping(skey) = 0 then ${inCell} else ${whole} end` : whole)
  // Orders per cell only for one product (the widget): counting distinct payments per cell of
  // the whole report would need a sort of every share.
  const cellOrders = o.product_id ? `${distinctCount("l.payment_id")}::int` : "null::int"
  // Rows, cells and totals in one pass over the shares, except for categories (a line in
  // several counts in each row, once in the totals).
  const sets = [...(split ? ["(k, skey)"] : []), "(k)", ...(expand ? [] : [...(split ? ["(skey)"] : []), "()"])].join(", ")
  const kind = `case when grouping(k) = 1 then ${cell("'split_total'", "'total'")} else ${cell("'cell'", "'row'")} end`
  const sql = `with shared as (
    select c.payment_id, ${columns}, c.quantity, c.line_primary, ${o.split_by ? keyOf(o.split_by, "c.") : "''"} as skey,
           ${split ? "c.revenue_minor as rev, c.refunded_minor as ref" : "c.line_revenue_minor as rev, c.line_refunded_minor as ref"}
      from attribution_line_credit c where ${where.sql} ${o.product_id ? "and c.product_id = ?" : ""}
       -- Without a split, each line's share of its whole payment, on its one primary row.
       ${split ? "" : "and c.line_primary"}
  )
    select ${kind} as kind, case when grouping(k) = 0 then k end as key, ${cell("skey", "null")} as skey,
           sum(l.rev)::text as revenue, sum(l.ref)::text as refunded, ${cellOrders} as orders,
           null as label, null as sku, null as quantity
      from shared l ${expand} cross join lateral (select ${key} as k) kk
     group by grouping sets (${sets})
    ${
      expand
        ? `union all
    select ${cell("'split_total'", "'total'")}, null, ${cell("skey", "null")},
           sum(l.rev)::text, sum(l.ref)::text, null, null, null, null
      from shared l
     group by grouping sets (${split ? "(skey), ()" : "()"})`
        : ""
    }
    union all
    -- Labels, units and orders: one row per line, never split. Per key and payment first, so
    -- both steps are hash aggregations.
    select 'line', k, null, null, null, count(*)::int, max(label), max(sku), sum(quantity)::text
      from (select k, l.payment_id, ${label} as label, null as sku,
                   sum(l.quantity) as quantity
              from shared l ${expand} cross join lateral (select ${key} as k) kk
             where l.line_primary
             group by 1, 2) per_payment
     group by k
    union all
    select 'line_total', null, null, null, null, ${distinctCount("l.payment_id")}::int, null, null, sum(l.quantity)::text
      from shared l where l.line_primary`
  return { sql, params: [...where.params, ...(o.product_id ? [o.product_id] : [])] }
}

/**
 * Payments without lines (not Medusa orders), so the figures reconcile with the revenue
 * report: their credits in the range, in minor units. One product's channels have none.
 */
async function unlistedSum(knex: Knex, o: ProductsOptions, exponent: number): Promise<SumRow> {
  const empty: SumRow = { kind: "unlisted", key: null, skey: null, revenue: "0", refunded: "0", orders: 0, label: null, sku: null, quantity: null }
  if (o.product_id) return empty
  const where = creditWhere(o)
  const unit = `1${"0".repeat(exponent)}`
  const [row] = (await rawWithSettings(
    knex,
    { jit: "off" },
    `select coalesce(round(sum(c.amount) * ${unit}), 0)::bigint::text as revenue,
            coalesce(round(sum(c.refunded_amount) * ${unit}), 0)::bigint::text as refunded, ${distinctCount("c.payment_id")}::int as orders
       from attribution_credit c
      where ${where.sql}
        and not exists (select 1 from attribution_line_item x where x.payment_id = c.payment_id and x.deleted_at is null)`,
    where.params
  )) as SumRow[]
  return { ...empty, ...row, kind: "unlisted" }
}

function assemble(sums: SumRow[], o: ProductsOptions, exponent: number) {
  const money = (minor: bigint) => Number(minorToMajorString(minor, o.currency, exponent))
  const fig = (s: SumRow | undefined) => {
    const revenue = BigInt(s?.revenue ?? "0")
    const refunded = BigInt(s?.refunded ?? "0")
    return { revenue: money(revenue), refunded: money(refunded), net_revenue: money(revenue - refunded) }
  }
  const byRevenue = (a: { key: string; revenue: number; net_revenue: number }, b: { key: string; revenue: number; net_revenue: number }) =>
    b.revenue - a.revenue || b.net_revenue - a.net_revenue || a.key.localeCompare(b.key)

  const lines = new Map(sums.filter((s) => s.kind === "line").map((s) => [s.key!, s]))
  const cells = new Map<string, ProductCell[]>()
  for (const s of sums.filter((s) => s.kind === "cell")) {
    const cell: ProductCell = { key: s.skey!, ...fig(s), ...(s.orders === null ? {} : { orders: s.orders }) }
    cells.set(s.key!, [...(cells.get(s.key!) ?? []), cell])
  }
  const all: ProductRow[] = sums
    .filter((s) => s.kind === "row")
    .map((s) => {
      const line = lines.get(s.key!)
      const row: ProductRow = {
        key: s.key!,
        label: line?.label ?? null,
        ...fig(s),
        quantity: Number(line?.quantity ?? 0),
        orders: line?.orders ?? 0,
      }
      if (o.group_by === "variant") row.sku = line?.sku ?? null
      if (o.split_by) row.split = (cells.get(s.key!) ?? []).sort(byRevenue)
      return row
    })
    .sort(byRevenue)

  const lineTotal = sums.find((s) => s.kind === "line_total")
  const splitTotals = sums.filter((s) => s.kind === "split_total").map((s) => ({ key: s.skey!, ...fig(s) })).sort(byRevenue)
  const unlisted = sums.find((s) => s.kind === "unlisted")
  return {
    rows: all.slice(0, o.limit ?? all.length),
    row_count: all.length,
    ...(o.split_by ? { split_keys: splitTotals.map((s) => s.key) } : {}),
    totals: {
      ...fig(sums.find((s) => s.kind === "total")),
      quantity: Number(lineTotal?.quantity ?? 0),
      orders: lineTotal?.orders ?? 0,
      ...(o.split_by ? { split: splitTotals } : {}),
    },
    without_line_items: { ...fig(unlisted), payments: unlisted?.orders ?? 0 },
  }
}

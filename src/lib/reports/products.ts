import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { currencyExponent, minorToMajorString } from "../../core/money"
import { creditWhere, type CreditScope } from "./credit-filter"
import { rawWithSettings } from "./planner-settings"
import type { ProductGroup } from "./products-query"
import { keyOf } from "./revenue"
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
const GROUPS: Record<ProductGroup, { column: string; labels: string[]; key: string; label: string; expand?: string }> = {
  product: { column: "product_id", labels: ["product_title"], key: "l.product_id", label: "l.product_title" },
  variant: {
    column: "variant_id",
    labels: ["product_title", "variant_title", "sku"],
    key: "l.variant_id",
    label: "concat_ws(' / ', l.product_title, l.variant_title)",
  },
  collection: { column: "collection_id", labels: ["collection_title"], key: "l.collection_id", label: "l.collection_title" },
  // A line in several categories counts in each; a line in none under `(not set)`.
  category: {
    column: "categories",
    labels: [],
    key: "g.value->>'id'",
    label: "g.value->>'name'",
    expand: `cross join lateral jsonb_array_elements(case when jsonb_typeof(l.categories) = 'array'
               and jsonb_array_length(l.categories) > 0 then l.categories else '[{}]'::jsonb end) g`,
  },
}

/** Integer arithmetic on minor units: bigint (fast), or numeric when a product overflows it. */
type Arith = { cast: string; div: (a: string, b: string) => string; mod: (a: string, b: string) => string }
const BIGINT: Arith = { cast: "", div: (a, b) => `(${a} / ${b})`, mod: (a, b) => `(${a} % ${b})` }
const NUMERIC: Arith = { cast: "::numeric", div: (a, b) => `div(${a}, ${b})`, mod: (a, b) => `mod(${a}, ${b})` }

/**
 * The shares: each payment's credit under the model, added up per value of `split_by` (all
 * of it without one), is shared among the payment's lines in proportion to their amounts,
 * exact to the smallest unit (largest remainder, ties to the lower line id in byte order);
 * then its refunded part in proportion to those shares. The same rule as
 * src/core/products/split.ts, in SQL: one window sort over every (payment, split value) group,
 * another over the few with a refund. Amounts are integers of minor units. The sorted rows are
 * narrow, and partitioned by an integer group id: both keep the sorts cheap.
 */
function sharesSql(o: ProductsOptions, unit: string, where: { sql: string; params: Knex.Value[] }, m: Arith) {
  const group = GROUPS[o.group_by]
  const carry = [...new Set([group.column, ...(o.product_id ? ["product_id"] : [])])].join(", ")
  const lineColumns = [...new Set([group.column, ...group.labels, "product_id"])].map((c) => `l.${c}`).join(", ")
  const skey = o.split_by ? keyOf(o.split_by, "c.") : "''"
  // The widget reads only the payments with the product, through its index.
  const onlyProduct = o.product_id
    ? "and c.payment_id in (select payment_id from attribution_line_item where product_id = ? and deleted_at is null)"
    : ""
  const params: Knex.Value[] = [...where.params, ...(o.product_id ? [o.product_id] : [])]
  const refundPart = `rm${m.cast} * rev`
  const sql = `
  scope as (
    select row_number() over () as gid, x.* from (
      select c.payment_id, ${skey} as skey, round(sum(c.amount) * ${unit})::bigint as cm,
             round(sum(c.refunded_amount) * ${unit})::bigint as rm
        from attribution_credit c where ${where.sql} ${onlyProduct}
       group by 1, 2) x
  ),
  lines as (
    select l.id, l.line_item_id, l.payment_id, ${lineColumns}, l.quantity, round(greatest(l.amount, 0) * ${unit})::bigint as am
      from attribution_line_item l
     where l.deleted_at is null and l.payment_id in (select payment_id from scope)
  ),
  sums as (
    select payment_id, sum(am)::bigint as am_sum, sum(greatest(quantity, 0))::bigint as qty_sum, count(*) as n,
           sum(quantity) as qty
      from lines group by 1
  ),
  shares as (
    -- The line's weight and its payment's total weight as in src/core/products/split.ts lineWeights.
    select gid, payment_id, ${carry}, skey, rm, cm, line_item_id,
           ${m.div("cw", "w_sum")} + case when row_number() over g <= cm - sum(${m.div("cw", "w_sum")}) over (partition by gid)
                                         then 1 else 0 end as rev
      from (select s.gid, s.payment_id, s.skey, s.cm, s.rm, l.line_item_id, ${carry.split(", ").map((c) => `l.${c}`).join(", ")},
                   s.cm${m.cast} * w.w as cw, w.w_sum
              from scope s join sums t on t.payment_id = s.payment_id join lines l on l.payment_id = s.payment_id
                   cross join lateral (select case when t.am_sum > 0 then l.am when t.qty_sum > 0 then greatest(l.quantity, 0) else 1 end as w,
                                              case when t.am_sum > 0 then t.am_sum when t.qty_sum > 0 then t.qty_sum else t.n end as w_sum) w
           ) p
    window g as (partition by gid order by ${m.mod("cw", "w_sum")} desc, line_item_id collate "C")
  ),
  shared as (
    -- Refunded parts, in proportion to the revenue shares, where something was refunded.
    select payment_id, ${carry}, skey, rev, 0::bigint as ref from shares
    union all
    select payment_id, ${carry}, skey, 0, ${m.div(refundPart, "cm")} + case when row_number() over g
             <= rm - sum(${m.div(refundPart, "cm")}) over (partition by gid) then 1 else 0 end
      from shares where rm > 0 and cm > 0
    window g as (partition by gid order by ${m.mod(refundPart, "cm")} desc, line_item_id collate "C")
  )`
  return { sql, params }
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
  const run = async (m: Arith) => {
    const { sql, params } = productsSql(o, exponent, m)
    // The planner's estimates for these windows are far too high, which turns on JIT
    // compilation: seconds of it for a query that runs in tens of milliseconds. And the sorts
    // of a 90-day range fit in memory with a little more than the default 4 MB.
    // Merge joins would sort every share by its payment id (text, under the database's
    // collation); hash joins do not.
    return (await rawWithSettings(knex, { jit: "off", work_mem: "32MB", enable_mergejoin: "off" }, sql, params)) as SumRow[]
  }
  let rows: SumRow[]
  try {
    rows = await run(BIGINT)
  } catch (e) {
    // 22003: a credit times a line amount past 2^63 minor units; exact numeric is slower but has no limit.
    if ((e as { code?: string }).code !== "22003") throw e
    rows = await run(NUMERIC)
  }
  return assemble(rows, o, exponent)
}

function productsSql(o: ProductsOptions, exponent: number, m: Arith) {
  const where = creditWhere(o)
  const unit = `1${"0".repeat(exponent)}`
  const shares = sharesSql(o, unit, where, m)
  const group = GROUPS[o.group_by]
  const key = `coalesce(${group.key}, '(not set)')`
  const expand = group.expand ?? ""
  const only = o.product_id ? "where l.product_id = ?" : ""
  const onlyParams = o.product_id ? [o.product_id] : []
  const split = Boolean(o.split_by)
  // Without split_by there is no skey grouping to ask `grouping()` about.
  const cell = (inCell: string, whole: string) => (split ? `case when grouping(skey) = 0 then ${inCell} else ${whole} end` : whole)
  // Orders per cell only for one product (the widget): counting distinct payments per cell of
  // the whole report would need a sort of every share.
  const cellOrders = o.product_id ? "count(distinct l.payment_id)::int" : "null::int"
  // Rows, cells and totals in one pass over the shares, except for categories (a line in
  // several counts in each row, once in the totals).
  const sets = [...(split ? ["(k, skey)"] : []), "(k)", ...(expand ? [] : [...(split ? ["(skey)"] : []), "()"])].join(", ")
  const kind = `case when grouping(k) = 1 then ${cell("'split_total'", "'total'")} else ${cell("'cell'", "'row'")} end`
  const sql = `with ${shares.sql}
    select ${kind} as kind, case when grouping(k) = 0 then k end as key, ${cell("skey", "null")} as skey,
           sum(l.rev)::bigint::text as revenue, sum(l.ref)::bigint::text as refunded, ${cellOrders} as orders,
           null as label, null as sku, null as quantity
      from shared l ${expand} cross join lateral (select ${key} as k) kk ${only}
     group by grouping sets (${sets})
    ${
      expand
        ? `union all
    select ${cell("'split_total'", "'total'")}, null, ${cell("skey", "null")},
           sum(l.rev)::bigint::text, sum(l.ref)::bigint::text, null, null, null, null
      from shared l ${only}
     group by grouping sets (${split ? "(skey), ()" : "()"})`
        : ""
    }
    union all
    -- Labels, units and orders: one row per line, never split. Per key and payment first, so
    -- both steps are hash aggregations.
    select 'line', k, null, null, null, count(*)::int, max(label), max(sku), sum(quantity)::text
      from (select k, l.payment_id, max(${group.label}) as label, ${o.group_by === "variant" ? "max(l.sku)" : "null"} as sku,
                   sum(l.quantity) as quantity
              from lines l ${expand} cross join lateral (select ${key} as k) kk ${only}
             group by 1, 2) per_payment
     group by k
    union all
    select 'line_total', null, null, null, null, ${
      o.product_id
        ? "count(distinct l.payment_id)::int, null, null, sum(l.quantity)::text from lines l where l.product_id = ?"
        : "count(*)::int, null, null, sum(qty)::text from sums"
    }
    union all
    -- Payments without lines (not Medusa orders), so the figures reconcile with the revenue report.
    select 'unlisted', null, null, coalesce(sum(cm), 0)::bigint::text, coalesce(sum(rm), 0)::bigint::text,
           count(distinct payment_id)::int, null, null, null
      from scope where payment_id not in (select payment_id from sums)`
  // The product filter's parameter, once per query part that has it (`only`).
  const parts = (expand ? 3 : 2) + (o.product_id ? 1 : 0)
  return { sql, params: [...shares.params, ...Array.from({ length: parts }, () => onlyParams).flat()] }
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

import { MedusaError } from "@medusajs/framework/utils"
import iso4217 from "../../core/data/iso4217.json"
import { ATTRIBUTION_MODELS, type AttributionModel } from "../../core/attribution/types"
import type { Sql } from "../../lib/data-driven/sql"

/** Currencies whose ISO 4217 exponent is not 2, for the SQL below (others default to 2). */
const EXPONENTS = JSON.stringify(Object.fromEntries(Object.entries(iso4217.exponents).filter(([, e]) => e !== 2)))

/**
 * Rewrites the line credits (models/line-credit.ts) of these payments from their credits and
 * lines: each credit shared among its payment's lines in proportion to their amounts (the
 * quantities when every amount is 0, equal shares when those are too), then its refunded part
 * in proportion to those shares; both exact to the smallest unit by largest remainder, ties to
 * the lower line id in byte order. The same rule as src/core/products/split.ts, in one
 * statement. Only credits of `model` when given (the data-driven recompute rewrites one model).
 * Call it in the transaction that wrote the credits; payments without lines get no rows.
 */
export async function refreshLineCredits(sql: Sql, paymentIds: readonly string[], model?: AttributionModel): Promise<void> {
  if (!paymentIds.length) return
  await sql(lineCreditsStatement("select jsonb_array_elements_text(?::jsonb) as id", model ?? null), [JSON.stringify(paymentIds)])
}

/**
 * The statement, over the payments `paymentSet` selects (one column, `id`). Exported for the
 * migration that fills the table for the payments stored before it existed. Only literals are
 * inlined: the exponents (from our own data) and a model checked against the list.
 */
export function lineCreditsStatement(paymentSet: string, model: AttributionModel | null): string {
  if (model !== null && !(ATTRIBUTION_MODELS as readonly string[]).includes(model)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `unknown attribution model ${model}`)
  }
  const onlyModel = (column: string) => (model ? `${column} = '${model}'` : "true")
  return `with p as (${paymentSet}),
     gone as (
       delete from attribution_line_credit
        where payment_id in (select id from p) and deleted_at is null and ${onlyModel("model")}
     ),
     lines as (
       select l.id, l.payment_id, l.line_item_id, l.product_id, l.variant_id, l.collection_id, l.categories,
              l.quantity, greatest(l.quantity, 0)::numeric as q,
              round(greatest(l.amount, 0) * power(10::numeric, coalesce(('${EXPONENTS}'::jsonb ->> l.currency_code)::int, 2))) as am
         from attribution_line_item l
        where l.payment_id in (select id from p) and l.deleted_at is null
     ),
     sums as (select payment_id, sum(am) as am_sum, sum(q) as q_sum, count(*)::numeric as n from lines group by 1),
     -- Each line's weight, and the total weight of its payment's lines.
     lw as (
       select l.*, case when t.am_sum > 0 then l.am when t.q_sum > 0 then l.q else 1 end as w,
              case when t.am_sum > 0 then t.am_sum when t.q_sum > 0 then t.q_sum else t.n end as w_sum
         from lines l join sums t on t.payment_id = l.payment_id
     ),
     cr as (
       select c.*, round(c.amount * u.unit) as cm, round(c.refunded_amount * u.unit) as rm
         from attribution_credit c
              cross join lateral (select power(10::numeric, coalesce(('${EXPONENTS}'::jsonb ->> c.currency_code)::int, 2)) as unit) u
        where c.payment_id in (select payment_id from sums) and c.deleted_at is null and ${onlyModel("c.model")}
     ),
     -- Each credit shared among the lines (split reports add these up by the split's value).
     shares as (
       select *, div(cw, w_sum) + case when row_number() over g <= cm - sum(div(cw, w_sum)) over (partition by credit_id)
                                       then 1 else 0 end as rev
         from (select cr.id as credit_id, cr.model, cr.cm, cr.rm, l.id as line_id, l.line_item_id, l.product_id,
                      l.variant_id, l.collection_id, l.categories, l.quantity, cr.cm * l.w as cw, l.w_sum
                 from cr join lw l on l.payment_id = cr.payment_id) x
       window g as (partition by credit_id order by mod(cw, w_sum) desc, line_item_id collate "C")
     ),
     refunds as (
       select *, case when rm > 0 and cm > 0 then div(rm * rev, cm) + case when row_number() over g
                      <= rm - sum(div(rm * rev, cm)) over (partition by credit_id) then 1 else 0 end else 0 end as ref
         from shares
       window g as (partition by credit_id order by mod(rm * rev, case when cm > 0 then cm else 1 end) desc, line_item_id collate "C")
     ),
     -- The whole payment shared among its lines once (reports without a split read these, so a
     -- line's revenue is its exact share of the payment, never off by a rounding per credit).
     totals as (select payment_id, model, sum(cm) as cm, sum(rm) as rm from cr group by 1, 2),
     line_shares as (
       select *, div(cw, w_sum) + case when row_number() over g <= cm - sum(div(cw, w_sum)) over (partition by payment_id, model)
                                       then 1 else 0 end as rev
         from (select t.payment_id, t.model, t.cm, t.rm, l.id as line_id, l.line_item_id, t.cm * l.w as cw, l.w_sum
                 from totals t join lw l on l.payment_id = t.payment_id) x
       window g as (partition by payment_id, model order by mod(cw, w_sum) desc, line_item_id collate "C")
     ),
     line_totals as (
       select *, case when rm > 0 and cm > 0 then div(rm * rev, cm) + case when row_number() over g
                      <= rm - sum(div(rm * rev, cm)) over (partition by payment_id, model) then 1 else 0 end else 0 end as ref
         from line_shares
       window g as (partition by payment_id, model order by mod(rm * rev, case when cm > 0 then cm else 1 end) desc, line_item_id collate "C")
     ),
     rows as (
       select r.*, c.payment_id, c.currency_code, c.is_test, c.occurred_at, c.channel, c.source, c.medium, c.campaign,
              c.term, c.content, c.landing_page, c.referrer_domain,
              row_number() over (partition by r.line_id, r.model order by r.credit_id collate "C") = 1 as line_primary
         from refunds r join cr c on c.id = r.credit_id
     )
     insert into attribution_line_credit (id, credit_id, payment_id, line_id, line_item_id, product_id, variant_id,
       collection_id, categories, quantity, line_primary, model, currency_code, is_test, occurred_at, channel, source,
       medium, campaign, term, content, landing_page, referrer_domain, revenue_minor, refunded_minor,
       line_revenue_minor, line_refunded_minor)
     select 'alcr_' || replace(gen_random_uuid()::text, '-', ''), r.credit_id, r.payment_id, r.line_id, r.line_item_id,
            r.product_id, r.variant_id, r.collection_id, r.categories, r.quantity, r.line_primary, r.model, r.currency_code,
            r.is_test, r.occurred_at, r.channel, r.source, r.medium, r.campaign, r.term, r.content, r.landing_page,
            r.referrer_domain, r.rev, r.ref,
            case when r.line_primary then t.rev else 0 end, case when r.line_primary then t.ref else 0 end
       from rows r join line_totals t on t.line_id = r.line_id and t.model = r.model`
}

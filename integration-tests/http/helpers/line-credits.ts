/**
 * The invariants of attribution_line_credit against the credits and payments it derives from:
 * every credit of a payment with lines is shared among all its lines, its shares adding up to
 * it exactly (revenue and refunded), and each line's share of the whole payment (on one primary
 * row per line and model) adding up to the payment's credited total. Answers the offending rows.
 */
export async function lineCreditViolations(sql: (q: string) => Promise<any[]>): Promise<any[]> {
  const unit = `power(10::numeric, case c.currency_code when 'JPY' then 0 when 'KRW' then 0 when 'KWD' then 3 when 'BHD' then 3 else 2 end)`
  return sql(
    `select 'credit' as what, c.id, round(c.amount * ${unit}) as expected, x.rev as got, round(c.refunded_amount * ${unit}) as expected_refunded, x.ref as got_refunded
       from attribution_credit c
       join (select credit_id, sum(revenue_minor) as rev, sum(refunded_minor) as ref, count(*) as n from attribution_line_credit
              where deleted_at is null group by 1) x on x.credit_id = c.id
      where c.deleted_at is null
        and (x.rev <> round(c.amount * ${unit}) or x.ref <> round(c.refunded_amount * ${unit})
             or x.n <> (select count(*) from attribution_line_item l where l.payment_id = c.payment_id and l.deleted_at is null))
     union all
     select 'uncovered credit', c.id, null, null, null, null from attribution_credit c
      where c.deleted_at is null and exists (select 1 from attribution_line_item l where l.payment_id = c.payment_id and l.deleted_at is null)
        and not exists (select 1 from attribution_line_credit lc where lc.credit_id = c.id and lc.deleted_at is null)
     union all
     select 'payment total', x.payment_id || ' ' || x.model, x.credited, x.lines, x.credited_refunded, x.lines_refunded
       from (select lc.payment_id, lc.model, sum(lc.line_revenue_minor) as lines, sum(lc.line_refunded_minor) as lines_refunded,
                    (select sum(round(c.amount * ${unit})) from attribution_credit c where c.payment_id = lc.payment_id and c.model = lc.model and c.deleted_at is null) as credited,
                    (select sum(round(c.refunded_amount * ${unit})) from attribution_credit c where c.payment_id = lc.payment_id and c.model = lc.model and c.deleted_at is null) as credited_refunded
               from attribution_line_credit lc where lc.deleted_at is null group by 1, 2) x
      where x.lines <> x.credited or x.lines_refunded <> x.credited_refunded`
  )
}

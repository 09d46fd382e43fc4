import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { z } from "@medusajs/framework/zod"
import { PAYMENT_STATUSES } from "../../modules/attribution/models/payment"
import { creditedBy, paymentJson, PAYMENT_COLUMNS, type PaymentRow } from "./payment-json"
import { booleanField, currencyField, integerField, modelField, rangeFields, withRange } from "./query-fields"

/** `GET /admin/attribution/payments`: filters, page, and the model `credited` is read under. */
export const PaymentsQuery = z
  .object({
    ...rangeFields,
    include_test: booleanField.default(false),
    linked: booleanField.optional(),
    provider: z
      .string({ error: "must be a provider name like stripe" })
      .toLowerCase()
      .regex(/^[a-z0-9_-]{1,64}$/, "must be a provider name like stripe")
      .optional(),
    status: z.enum(PAYMENT_STATUSES, { error: `must be one of ${PAYMENT_STATUSES.join(", ")}` }).optional(),
    currency: currencyField.optional(),
    model: modelField,
    limit: integerField(1, 100).default(20),
    offset: integerField(0, 100_000_000).default(0),
  })
  .transform(withRange)

export type PaymentsQuery = z.infer<typeof PaymentsQuery>

/** One page of payments, newest first, and how many match. */
export async function listPayments(knex: Knex, q: PaymentsQuery) {
  const conditions = ["p.occurred_at >= ?", "p.occurred_at < ?", "p.deleted_at is null"]
  const params: Knex.Value[] = [q.from, q.to]
  if (!q.include_test) conditions.push("not p.is_test")
  if (q.linked !== undefined) conditions.push(q.linked ? "p.visitor_id is not null" : "p.visitor_id is null")
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return
    conditions.push(`${column} = ?`)
    params.push(value)
  }
  equal("p.provider", q.provider)
  equal("p.status", q.status)
  equal("p.currency_code", q.currency)
  const where = conditions.join(" and ")

  const [page, count] = await Promise.all([
    knex.raw(
      `select ${PAYMENT_COLUMNS} from attribution_payment p where ${where}
        order by p.occurred_at desc, p.id desc limit ? offset ?`,
      [...params, q.limit, q.offset]
    ),
    knex.raw(`select count(*)::int as count from attribution_payment p where ${where}`, params),
  ])
  const rows = page.rows as PaymentRow[]
  const credited = await creditedBy(knex, rows.map((r) => r.id), q.model)
  return {
    payments: rows.map((r) => paymentJson(r, credited.get(r.id) ?? null)),
    count: (count.rows[0] as { count: number }).count,
    limit: q.limit,
    offset: q.offset,
  }
}

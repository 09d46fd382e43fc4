import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { AttributionModel } from "../../core/attribution/types"

/** What selects the credits a report adds up. */
export type CreditScope = {
  model: AttributionModel
  currency: string
  from: Date
  to: Date
  include_test: boolean
}

/**
 * The WHERE clause over `attribution_credit c` for one model, one currency and a range of
 * payment times, with its parameters. Canceled payments are left out, and test-mode ones
 * unless asked for. `deleted_at is null` lets Postgres use Medusa's partial indexes, which all
 * carry that condition.
 */
export function creditWhere(s: CreditScope): { sql: string; params: Knex.Value[] } {
  return {
    // Canceled payments are few: read once from their partial index and hashed, instead of
    // joining every credit to its payment.
    sql: `c.model = ? and c.currency_code = ? and c.occurred_at >= ? and c.occurred_at < ?
      and c.deleted_at is null ${s.include_test ? "" : "and not c.is_test"}
      and c.payment_id not in (select id from attribution_payment where status = 'canceled' and deleted_at is null)`,
    params: [s.model, s.currency, s.from, s.to],
  }
}

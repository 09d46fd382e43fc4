import { newId } from "./ids"
import { rawBigNumber, type SqlRunner } from "./sql"

/** One line of a Medusa order, as the order.placed subscriber reads it (products by channel). */
export type LineItemInput = {
  line_item_id: string
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  sku: string | null
  collection_id: string | null
  collection_title: string | null
  categories: { id: string; name: string | null }[]
  quantity: number
  /** The line's total after discounts: exact decimal string in major units, at the currency's precision. */
  amount: string
}

/**
 * Stores the lines of a payment in the payment's transaction, keyed by (payment, line): the
 * subscriber can run twice, and a second run overwrites the first with the same values.
 * `paymentId` is the stored payment's id, so when the order's payment was already stored from
 * a Stripe webhook (merged by reference), the lines attach to that row.
 */
export async function storeLineItems(
  manager: SqlRunner,
  paymentId: string,
  orderId: string,
  currency: string,
  lines: LineItemInput[]
): Promise<void> {
  if (!lines.length) {
    return
  }
  const rows = lines.map((l) => ({
    id: newId("alin"),
    line_item_id: l.line_item_id,
    product_id: l.product_id,
    variant_id: l.variant_id,
    product_title: l.product_title,
    variant_title: l.variant_title,
    sku: l.sku,
    collection_id: l.collection_id,
    collection_title: l.collection_title,
    categories: l.categories.length ? l.categories : null,
    quantity: l.quantity,
    amount: l.amount,
    raw_amount: JSON.parse(rawBigNumber(l.amount)),
  }))
  // One statement for every line (JSON, so the query builder does not spread a JS array).
  await manager.execute(
    `insert into attribution_line_item (id, payment_id, order_id, line_item_id, product_id, variant_id, product_title,
        variant_title, sku, collection_id, collection_title, categories, quantity, amount, raw_amount, currency_code)
     select r.id, ?, ?, r.line_item_id, r.product_id, r.variant_id, r.product_title, r.variant_title, r.sku,
            r.collection_id, r.collection_title, r.categories, r.quantity, r.amount, r.raw_amount, ?
       from jsonb_to_recordset(?::jsonb) as r(id text, line_item_id text, product_id text, variant_id text,
            product_title text, variant_title text, sku text, collection_id text, collection_title text,
            categories jsonb, quantity integer, amount numeric, raw_amount jsonb)
     on conflict (payment_id, line_item_id) where deleted_at is null do update
        set product_id = excluded.product_id, variant_id = excluded.variant_id, product_title = excluded.product_title,
            variant_title = excluded.variant_title, sku = excluded.sku, collection_id = excluded.collection_id,
            collection_title = excluded.collection_title, categories = excluded.categories, quantity = excluded.quantity,
            amount = excluded.amount, raw_amount = excluded.raw_amount, order_id = excluded.order_id, updated_at = now()`,
    [paymentId, orderId, currency.toUpperCase(), JSON.stringify(rows)]
  )
}

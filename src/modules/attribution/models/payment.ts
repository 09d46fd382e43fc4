import { model } from "@medusajs/framework/utils"

export const PAYMENT_STATUSES = ["paid", "partially_refunded", "refunded", "canceled"] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** How a payment was tied to a visitor, in the order the linker tries them. */
export const LINK_METHODS = ["metadata", "email", "timestamp", "unlinked"] as const
export type LinkMethod = (typeof LINK_METHODS)[number]

/**
 * One verified payment, stored once whatever route reported it. `(provider,
 * provider_payment_id)` is the idempotency key; other ids the same payment is known by
 * (a Stripe checkout session, charge or invoice; the Medusa order's payment intent) live in
 * `attribution_payment_reference`. Amounts are exact decimals in major units.
 */
export const AttributionPayment = model
  .define("attribution_payment", {
    id: model.id({ prefix: "apay" }).primaryKey(),
    provider: model.text(),
    provider_payment_id: model.text(),
    order_id: model.text().nullable(),
    subscription_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    customer_email: model.text().nullable(),
    customer_email_hash: model.text().nullable(),
    amount: model.bigNumber(),
    refunded_amount: model.bigNumber().default(0),
    currency_code: model.text(),
    status: model.enum([...PAYMENT_STATUSES]).default("paid"),
    is_test: model.boolean().default(false),
    visitor_id: model.text().nullable(),
    session_id: model.text().nullable(),
    link_method: model.enum([...LINK_METHODS]).default("unlinked"),
    linked_at: model.dateTime().nullable(),
    occurred_at: model.dateTime(),
    metadata: model.json().nullable(),
    /** The promotion codes a Medusa order used, upper-case (revenue by code; mapped codes are touches). */
    promotion_codes: model.array().nullable(),
  })
  .indexes([
    {
      name: "IDX_attribution_payment_provider_payment_id_unique",
      on: ["provider", "provider_payment_id"],
      unique: true,
      where: null,
    },
    { name: "IDX_attribution_payment_occurred_at", on: ["occurred_at"] },
    { name: "IDX_attribution_payment_visitor_id", on: ["visitor_id"], where: "visitor_id IS NOT NULL" },
    { name: "IDX_attribution_payment_order_id", on: ["order_id"], where: "order_id IS NOT NULL" },
    { name: "IDX_attribution_payment_customer_email_hash", on: ["customer_email_hash"], where: "customer_email_hash IS NOT NULL" },
    { name: "IDX_attribution_payment_subscription_id", on: ["subscription_id"], where: "subscription_id IS NOT NULL" },
    { name: "IDX_attribution_payment_link_method", on: ["link_method", "occurred_at"] },
    // A customer's journey: payments by the customer's id (or email hash, above).
    { name: "IDX_attribution_payment_customer_id", on: ["customer_id"], where: "customer_id IS NOT NULL" },
    // Reports leave canceled payments out: a short list, read from this index.
    { name: "IDX_attribution_payment_canceled", on: ["id"], where: "status = 'canceled'" },
    // The settings page's latest arrivals: by when the row was written, not when the payment was made.
    { name: "IDX_attribution_payment_created_at", on: ["created_at"] },
  ])

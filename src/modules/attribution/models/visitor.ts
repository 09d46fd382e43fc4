import { model } from "@medusajs/framework/utils"

/**
 * A browser, identified by the `_ra_vid` cookie. The id is the cookie value itself, so the
 * collector can write without a lookup. No plaintext email and no IP address is ever stored:
 * `email_hash` is the SHA-256 of the normalised email given to `identify`.
 */
export const AttributionVisitor = model
  .define("attribution_visitor", {
    id: model.id({ prefix: "vis" }).primaryKey(),
    email_hash: model.text().nullable(),
    customer_id: model.text().nullable(),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
  })
  .indexes([
    { name: "IDX_attribution_visitor_email_hash", on: ["email_hash"], where: "email_hash IS NOT NULL" },
    { name: "IDX_attribution_visitor_customer_id", on: ["customer_id"], where: "customer_id IS NOT NULL" },
    { name: "IDX_attribution_visitor_first_seen_at", on: ["first_seen_at"] },
  ])

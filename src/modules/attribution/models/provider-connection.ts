import { model } from "@medusajs/framework/utils"

/**
 * A payment provider the owner connected from the admin with an API key (issue 8). The key and
 * the webhook signing secret are stored encrypted (src/core/secret-box.ts) and never answered;
 * `api_key_hint` (the key's prefix and last four characters) is what the admin shows.
 * The backfill columns make an import of past payments resumable: the runner saves its cursor
 * after every page, and a lease says which process is running it.
 */
export const AttributionProviderConnection = model
  .define("attribution_provider_connection", {
    id: model.id({ prefix: "apcon" }).primaryKey(),
    provider: model.text(),
    api_key_encrypted: model.text(),
    api_key_hint: model.text(),
    /** LemonSqueezy's store id; null for Stripe. */
    store_id: model.text().nullable(),
    account_name: model.text().nullable(),
    is_test: model.boolean().default(false),
    /** The endpoint the plugin registered at the provider; null when the owner set it up by hand. */
    webhook_endpoint_id: model.text().nullable(),
    webhook_url: model.text().nullable(),
    webhook_secret_encrypted: model.text().nullable(),
    backfill_status: model.enum(["idle", "running", "done", "failed"]).default("idle"),
    backfill_days: model.number().nullable(),
    backfill_since: model.dateTime().nullable(),
    backfill_cursor: model.json().nullable(),
    backfill_payments: model.number().default(0),
    backfill_refunds: model.number().default(0),
    backfill_skipped: model.number().default(0),
    backfill_error: model.text().nullable(),
    backfill_started_at: model.dateTime().nullable(),
    backfill_finished_at: model.dateTime().nullable(),
    backfill_lease_until: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_attribution_provider_connection_provider_unique", on: ["provider"], unique: true, where: "deleted_at IS NULL" },
  ])

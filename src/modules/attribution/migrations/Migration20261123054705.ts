import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { lineCreditsStatement } from "../line-credits";

// Edited after generation: the *_minor columns are bigint (minor units of a large IDR or VND
// order pass 2^31), which the DML cannot declare (see models/line-credit.ts).

export class Migration20261123054705 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "attribution_line_credit" ("id" text not null, "credit_id" text not null, "payment_id" text not null, "line_id" text not null, "line_item_id" text not null, "product_id" text null, "variant_id" text null, "collection_id" text null, "categories" jsonb null, "quantity" integer not null, "line_primary" boolean not null, "model" text check ("model" in ('first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based', 'time_decay', 'data_driven')) not null, "currency_code" text not null, "is_test" boolean not null default false, "occurred_at" timestamptz not null, "channel" text check ("channel" in ('Direct', 'Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Affiliates', 'Referral', 'Display', 'Organic Video', 'Paid Video', 'Organic Shopping', 'Paid Shopping', 'Paid Other', 'Cross-network', 'SMS', 'Mobile Push Notifications', 'Audio', 'Unassigned')) not null, "source" text null, "medium" text null, "campaign" text null, "term" text null, "content" text null, "landing_page" text null, "referrer_domain" text null, "revenue_minor" bigint not null, "refunded_minor" bigint not null, "line_revenue_minor" bigint not null, "line_refunded_minor" bigint not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_line_credit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_credit_deleted_at" ON "attribution_line_credit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_credit_model_occurred" ON "attribution_line_credit" ("model", "currency_code", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_credit_payment_id" ON "attribution_line_credit" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_credit_product_id" ON "attribution_line_credit" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_item_variant_id" ON "attribution_line_item" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_item_collection_id" ON "attribution_line_item" ("collection_id") WHERE deleted_at IS NULL;`);
    // Line credits of the orders stored before this table existed, from their credits and lines.
    this.addSql(lineCreditsStatement(`select distinct payment_id as id from attribution_line_item where deleted_at is null`, null));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_line_credit" cascade;`);

    this.addSql(`drop index if exists "IDX_attribution_line_item_variant_id";`);
    this.addSql(`drop index if exists "IDX_attribution_line_item_collection_id";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123015805 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "attribution_spend" drop constraint if exists "attribution_spend_match_key_unique";`);
    this.addSql(`alter table if exists "attribution_line_item" drop constraint if exists "attribution_line_item_payment_line_unique";`);
    this.addSql(`alter table if exists "attribution_code_mapping" drop constraint if exists "attribution_code_mapping_code_unique";`);
    this.addSql(`create table if not exists "attribution_code_mapping" ("id" text not null, "code" text not null, "channel" text check ("channel" in ('Direct', 'Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Affiliates', 'Referral', 'Display', 'Organic Video', 'Paid Video', 'Organic Shopping', 'Paid Shopping', 'Paid Other', 'Cross-network', 'SMS', 'Mobile Push Notifications', 'Audio', 'Unassigned')) not null, "source" text null, "medium" text null, "campaign" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_code_mapping_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_code_mapping_deleted_at" ON "attribution_code_mapping" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_code_mapping_code_unique" ON "attribution_code_mapping" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_line_item" ("id" text not null, "payment_id" text not null, "order_id" text not null, "line_item_id" text not null, "product_id" text null, "variant_id" text null, "product_title" text null, "variant_title" text null, "sku" text null, "collection_id" text null, "collection_title" text null, "categories" jsonb null, "quantity" integer not null, "amount" numeric not null, "currency_code" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_line_item_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_item_deleted_at" ON "attribution_line_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_line_item_payment_line_unique" ON "attribution_line_item" ("payment_id", "line_item_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_line_item_product_id" ON "attribution_line_item" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_model_weights" ("id" text not null, "weights" jsonb not null, "paths" integer not null, "conversions" integer not null, "window_from" timestamptz not null, "window_to" timestamptz not null, "computed_at" timestamptz not null, "duration_ms" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_model_weights_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_model_weights_deleted_at" ON "attribution_model_weights" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_model_weights_computed_at" ON "attribution_model_weights" ("computed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_spend" ("id" text not null, "day" text not null, "channel" text null, "source" text null, "medium" text null, "campaign" text null, "amount" numeric not null, "currency_code" text not null, "origin" text check ("origin" in ('google_ads', 'meta_ads', 'template', 'api')) not null default 'api', "match_key" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_spend_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_spend_deleted_at" ON "attribution_spend" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_spend_match_key_unique" ON "attribution_spend" ("match_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_spend_currency_day" ON "attribution_spend" ("currency_code", "day") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "attribution_credit" add column if not exists "promotion_code" text null;`);

    this.addSql(`alter table if exists "attribution_payment" add column if not exists "promotion_codes" text[] null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_code_mapping" cascade;`);

    this.addSql(`drop table if exists "attribution_line_item" cascade;`);

    this.addSql(`drop table if exists "attribution_model_weights" cascade;`);

    this.addSql(`drop table if exists "attribution_spend" cascade;`);

    this.addSql(`alter table if exists "attribution_credit" drop column if exists "promotion_code";`);

    this.addSql(`alter table if exists "attribution_payment" drop column if exists "promotion_codes";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123045445 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "attribution_provider_connection" drop constraint if exists "attribution_provider_connection_provider_unique";`);
    this.addSql(`create table if not exists "attribution_provider_connection" ("id" text not null, "provider" text not null, "api_key_encrypted" text not null, "api_key_hint" text not null, "store_id" text null, "account_name" text null, "is_test" boolean not null default false, "webhook_endpoint_id" text null, "webhook_url" text null, "webhook_secret_encrypted" text null, "backfill_status" text check ("backfill_status" in ('idle', 'running', 'done', 'failed')) not null default 'idle', "backfill_days" integer null, "backfill_since" timestamptz null, "backfill_cursor" jsonb null, "backfill_payments" integer not null default 0, "backfill_refunds" integer not null default 0, "backfill_skipped" integer not null default 0, "backfill_error" text null, "backfill_started_at" timestamptz null, "backfill_finished_at" timestamptz null, "backfill_lease_until" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_provider_connection_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_provider_connection_deleted_at" ON "attribution_provider_connection" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_provider_connection_provider_unique" ON "attribution_provider_connection" ("provider") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_provider_connection" cascade;`);
  }

}

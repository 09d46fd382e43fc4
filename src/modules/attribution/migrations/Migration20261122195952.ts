import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122195952 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "attribution_webhook_delivery" drop constraint if exists "attribution_webhook_delivery_event_unique";`);
    this.addSql(`alter table if exists "attribution_refund" drop constraint if exists "attribution_refund_provider_refund_id_unique";`);
    this.addSql(`alter table if exists "attribution_payment_reference" drop constraint if exists "attribution_payment_reference_unique";`);
    this.addSql(`alter table if exists "attribution_payment" drop constraint if exists "attribution_payment_provider_payment_id_unique";`);
    this.addSql(`create table if not exists "attribution_credit" ("id" text not null, "payment_id" text not null, "model" text check ("model" in ('first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based', 'time_decay', 'data_driven')) not null, "session_id" text null, "visitor_id" text null, "weight" real not null, "amount" numeric not null, "refunded_amount" numeric not null default 0, "currency_code" text not null, "is_test" boolean not null default false, "occurred_at" timestamptz not null, "session_started_at" timestamptz null, "channel" text check ("channel" in ('Direct', 'Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Affiliates', 'Referral', 'Display', 'Organic Video', 'Paid Video', 'Organic Shopping', 'Paid Shopping', 'Paid Other', 'Cross-network', 'SMS', 'Mobile Push Notifications', 'Audio', 'Unassigned')) not null, "source" text null, "medium" text null, "campaign" text null, "term" text null, "content" text null, "landing_page" text null, "referrer_domain" text null, "raw_amount" jsonb not null, "raw_refunded_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_credit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_credit_deleted_at" ON "attribution_credit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_credit_payment_model" ON "attribution_credit" ("payment_id", "model") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_credit_model_occurred" ON "attribution_credit" ("model", "currency_code", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_credit_model_channel" ON "attribution_credit" ("model", "channel", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_credit_session_id" ON "attribution_credit" ("session_id") WHERE session_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_event" ("id" text not null, "visitor_id" text not null, "session_id" text not null, "type" text check ("type" in ('pageview', 'event', 'identify', 'purchase')) not null, "name" text null, "url" text null, "path" text null, "title" text null, "props" jsonb null, "order_id" text null, "amount" numeric null, "currency_code" text null, "occurred_at" timestamptz not null, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_deleted_at" ON "attribution_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_occurred_at" ON "attribution_event" ("occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_session_id" ON "attribution_event" ("session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_visitor_id" ON "attribution_event" ("visitor_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_payment" ("id" text not null, "provider" text not null, "provider_payment_id" text not null, "order_id" text null, "subscription_id" text null, "customer_id" text null, "customer_email" text null, "customer_email_hash" text null, "amount" numeric not null, "refunded_amount" numeric not null default 0, "currency_code" text not null, "status" text check ("status" in ('paid', 'partially_refunded', 'refunded', 'canceled')) not null default 'paid', "is_test" boolean not null default false, "visitor_id" text null, "session_id" text null, "link_method" text check ("link_method" in ('metadata', 'email', 'timestamp', 'unlinked')) not null default 'unlinked', "linked_at" timestamptz null, "occurred_at" timestamptz not null, "metadata" jsonb null, "raw_amount" jsonb not null, "raw_refunded_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_payment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_deleted_at" ON "attribution_payment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_payment_provider_payment_id_unique" ON "attribution_payment" ("provider", "provider_payment_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_occurred_at" ON "attribution_payment" ("occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_visitor_id" ON "attribution_payment" ("visitor_id") WHERE visitor_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_order_id" ON "attribution_payment" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_customer_email_hash" ON "attribution_payment" ("customer_email_hash") WHERE customer_email_hash IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_subscription_id" ON "attribution_payment" ("subscription_id") WHERE subscription_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_link_method" ON "attribution_payment" ("link_method", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_payment_reference" ("id" text not null, "payment_id" text not null, "provider" text not null, "external_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_payment_reference_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_reference_deleted_at" ON "attribution_payment_reference" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_payment_reference_unique" ON "attribution_payment_reference" ("provider", "external_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_reference_payment_id" ON "attribution_payment_reference" ("payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_refund" ("id" text not null, "payment_id" text not null, "provider" text not null, "provider_refund_id" text not null, "amount" numeric not null, "currency_code" text not null, "occurred_at" timestamptz not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_refund_deleted_at" ON "attribution_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_refund_provider_refund_id_unique" ON "attribution_refund" ("provider", "provider_refund_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_refund_payment_id" ON "attribution_refund" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_refund_occurred_at" ON "attribution_refund" ("occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_session" ("id" text not null, "visitor_id" text not null, "started_at" timestamptz not null, "last_seen_at" timestamptz not null, "source" text null, "medium" text null, "campaign" text null, "term" text null, "content" text null, "click_ids" jsonb null, "referrer" text null, "referrer_domain" text null, "landing_page" text null, "channel" text check ("channel" in ('Direct', 'Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Affiliates', 'Referral', 'Display', 'Organic Video', 'Paid Video', 'Organic Shopping', 'Paid Shopping', 'Paid Other', 'Cross-network', 'SMS', 'Mobile Push Notifications', 'Audio', 'Unassigned')) not null default 'Direct', "device_type" text null, "browser" text null, "os" text null, "pageviews" integer not null default 0, "events" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_session_deleted_at" ON "attribution_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_session_visitor_started" ON "attribution_session" ("visitor_id", "started_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_session_started_at" ON "attribution_session" ("started_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_session_channel_started" ON "attribution_session" ("channel", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_visitor" ("id" text not null, "email_hash" text null, "customer_id" text null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_visitor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_visitor_deleted_at" ON "attribution_visitor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_visitor_email_hash" ON "attribution_visitor" ("email_hash") WHERE email_hash IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_visitor_customer_id" ON "attribution_visitor" ("customer_id") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_visitor_first_seen_at" ON "attribution_visitor" ("first_seen_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_webhook_delivery" ("id" text not null, "provider" text not null, "event_id" text not null, "event_type" text not null, "outcome" text check ("outcome" in ('processed', 'ignored')) not null default 'processed', "payment_id" text null, "received_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_webhook_delivery_deleted_at" ON "attribution_webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_attribution_webhook_delivery_event_unique" ON "attribution_webhook_delivery" ("provider", "event_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_webhook_delivery_received_at" ON "attribution_webhook_delivery" ("received_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_credit" cascade;`);

    this.addSql(`drop table if exists "attribution_event" cascade;`);

    this.addSql(`drop table if exists "attribution_payment" cascade;`);

    this.addSql(`drop table if exists "attribution_payment_reference" cascade;`);

    this.addSql(`drop table if exists "attribution_refund" cascade;`);

    this.addSql(`drop table if exists "attribution_session" cascade;`);

    this.addSql(`drop table if exists "attribution_visitor" cascade;`);

    this.addSql(`drop table if exists "attribution_webhook_delivery" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123003128 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "attribution_report_event_hour" ("id" text not null, "hour" timestamptz not null, "events" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_report_event_hour_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_event_hour_deleted_at" ON "attribution_report_event_hour" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_event_hour_hour" ON "attribution_report_event_hour" ("hour") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "attribution_report_session" ("id" text not null, "visitor_id" text not null, "started_at" timestamptz not null, "channel" text not null, "source" text null, "medium" text null, "campaign" text null, "term" text null, "content" text null, "landing_page" text null, "referrer_domain" text null, "previous_at" timestamptz null, "previous_channel_at" timestamptz null, "previous_source_at" timestamptz null, "previous_medium_at" timestamptz null, "previous_campaign_at" timestamptz null, "previous_term_at" timestamptz null, "previous_content_at" timestamptz null, "previous_landing_page_at" timestamptz null, "previous_referrer_domain_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_report_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_session_deleted_at" ON "attribution_report_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_session_started_at" ON "attribution_report_session" ("started_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_session_visitor_id" ON "attribution_report_session" ("visitor_id") WHERE deleted_at IS NULL;`);
    // Added by hand (DML cannot declare it): a session deleted (a visitor erased) takes its
    // rollup row with it, so the visitor is no longer counted and nothing of them is kept.
    this.addSql(`alter table if exists "attribution_report_session" add constraint "attribution_report_session_session_fk" foreign key ("id") references "attribution_session" ("id") on delete cascade;`);

    this.addSql(`create table if not exists "attribution_report_state" ("id" text not null, "snapshot_at" timestamptz not null, "events_before" timestamptz not null, "rebuilt_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_report_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_report_state_deleted_at" ON "attribution_report_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_created_at" ON "attribution_event" ("created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_event_purchase" ON "attribution_event" ("currency_code", "occurred_at") WHERE type = 'purchase' AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_customer_id" ON "attribution_payment" ("customer_id") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_canceled" ON "attribution_payment" ("id") WHERE status = 'canceled' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_payment_created_at" ON "attribution_payment" ("created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_report_event_hour" cascade;`);

    this.addSql(`drop table if exists "attribution_report_session" cascade;`);

    this.addSql(`drop table if exists "attribution_report_state" cascade;`);

    this.addSql(`drop index if exists "IDX_attribution_event_created_at";`);
    this.addSql(`drop index if exists "IDX_attribution_event_purchase";`);

    this.addSql(`drop index if exists "IDX_attribution_payment_customer_id";`);
    this.addSql(`drop index if exists "IDX_attribution_payment_canceled";`);
    this.addSql(`drop index if exists "IDX_attribution_payment_created_at";`);
  }

}

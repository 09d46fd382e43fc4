import { newId } from "./ids"
import { HAS_LINES, type PaymentRow } from "./linking"
import type { SessionRow } from "./credits"
import { rawBigNumber, type SqlRunner } from "./sql"
import { storableText } from "../../core/text"
import { normalizeCodes } from "../../core/codes"
import type { RecordPaymentInput } from "./service"

/** Fields a later report of the same payment may fill in, never overwrite. */
const MERGEABLE_FIELDS = [
  "order_id",
  "subscription_id",
  "customer_id",
  "customer_email",
  "customer_email_hash",
  "visitor_id",
  "session_id",
] as const

/** The columns `loadPayment` reads, for the statement's `returning`. */
const PAYMENT_COLUMNS = `id, amount::text as amount, refunded_amount::text as refunded_amount, currency_code, occurred_at,
  visitor_id, session_id, link_method, customer_email_hash, subscription_id, is_test, status, promotion_codes`

export type UpsertedPayment = {
  payment: PaymentRow
  created: boolean
  /** The visitor's sessions inside the attribution window, oldest first (empty without a visitor). */
  sessions: SessionRow[]
}

/**
 * Stores a payment, or merges a new report into the row one of its references already points
 * to, records every reference, optionally notes the webhook delivery that brought it, and reads
 * back the row and its visitor's sessions: one statement, one round trip. The caller holds the
 * advisory locks of the references, taken in an earlier statement so that this one's snapshot
 * sees what a concurrent writer of the same payment committed.
 */
export async function upsertPayment(
  manager: SqlRunner,
  input: RecordPaymentInput,
  options: { windowDays: number; delivery?: { provider: string; event_id: string } }
): Promise<UpsertedPayment> {
  // Signed provider events are trusted, not clean: a NUL would make the insert fail forever.
  input = storableText(input)
  const references = [
    { provider: input.provider, external_id: input.provider_payment_id },
    ...(input.references ?? []),
  ].map((r) => ({ ...r, id: newId("apref") }))
  const amount = input.amount
  const visitorId = input.visitor_id ?? null
  const metadata = input.metadata ? JSON.stringify(input.metadata) : null
  const merged = MERGEABLE_FIELDS.map((f) => `${f} = coalesce(p.${f}, ?)`).join(", ")
  // Promotion codes as a JSON array (null: none known), read into text[] in order; a report
  // without codes (e.g. the Stripe webhook of a Medusa order) keeps the stored ones.
  const codes = input.promotion_codes?.length ? JSON.stringify(normalizeCodes(input.promotion_codes)) : null
  const codesSql = `nullif(array(select c from jsonb_array_elements_text(?::jsonb) with ordinality as t(c, i) order by i), '{}'::text[])`

  const [row] = await manager.execute(
    `with refs as (
       select r->>'provider' as provider, r->>'external_id' as external_id, r->>'id' as id, i
         from jsonb_array_elements(?::jsonb) with ordinality as t(r, i)
     ),
     existing as (
       -- The first reference, in the caller's order, that is already known wins.
       -- One probe of the unique index per reference. The inner \`limit\` keeps Postgres from
       -- flattening this into a hash join over the whole table (it cannot know that the JSON
       -- holds only a few references).
       select pr.payment_id from refs cross join lateral (
         select payment_id from attribution_payment_reference r
          where r.provider = refs.provider and r.external_id = refs.external_id and r.deleted_at is null
          limit 1
       ) pr order by refs.i limit 1
     ),
     inserted as (
       insert into attribution_payment (id, provider, provider_payment_id, order_id, subscription_id, customer_id,
          customer_email, customer_email_hash, amount, raw_amount, refunded_amount, raw_refunded_amount, currency_code,
          status, is_test, visitor_id, session_id, link_method, linked_at, occurred_at, metadata, promotion_codes)
       -- Casts: in a select list, untyped parameters would be text.
       select ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::numeric, ?::jsonb, 0, ?::jsonb,
              ?::text, 'paid', ?::boolean, ?::text, ?::text, ?::text, ?::timestamptz, ?::timestamptz, ?::jsonb, ${codesSql}
        where not exists (select 1 from existing)
       returning ${PAYMENT_COLUMNS}, true as created
     ),
     updated as (
       -- A later report fills in what is missing and links a payment stored unlinked; every
       -- expression reads the row as it was before this update. Metadata from each report is
       -- merged: Stripe does not copy checkout-session metadata to the payment intent.
       update attribution_payment p
          set link_method = case when p.visitor_id is null and ?::text is not null then 'metadata' else p.link_method end,
              linked_at = case when p.visitor_id is null and ?::text is not null then now() else p.linked_at end,
              ${merged},
              metadata = coalesce(p.metadata, '{}'::jsonb) || coalesce(?::jsonb, '{}'::jsonb),
              is_test = p.is_test or ?,
              promotion_codes = coalesce(${codesSql}, p.promotion_codes),
              updated_at = now()
         from existing where p.id = existing.payment_id
       returning ${PAYMENT_COLUMNS}, false as created
     ),
     payment as (select * from inserted union all select * from updated),
     new_refs as (
       insert into attribution_payment_reference (id, payment_id, provider, external_id)
       select refs.id, payment.id, refs.provider, refs.external_id from refs, payment
       on conflict (provider, external_id) do nothing
     ),
     noted as (
       update attribution_webhook_delivery set payment_id = (select id from payment)
        where provider = ?::text and event_id = ?::text
     )
     select payment.*, ${HAS_LINES("payment.id")}, (
       select coalesce(json_agg(s order by s.started_at, s.id), '[]'::json) from (
         select id, started_at, channel, source, medium, campaign, term, content, landing_page, referrer_domain
           from attribution_session
          where visitor_id = payment.visitor_id and deleted_at is null
            and started_at <= payment.occurred_at and started_at >= payment.occurred_at - make_interval(days => ?)
       ) s
     ) as sessions
     from payment`,
    [
      JSON.stringify(references),
      newId("apay"),
      input.provider,
      input.provider_payment_id,
      input.order_id ?? null,
      input.subscription_id ?? null,
      input.customer_id ?? null,
      input.customer_email ?? null,
      input.customer_email_hash ?? null,
      amount,
      rawBigNumber(amount),
      rawBigNumber("0"),
      input.currency_code.toUpperCase(),
      input.is_test ?? false,
      visitorId,
      input.session_id ?? null,
      input.link_method ?? (visitorId ? "metadata" : "unlinked"),
      visitorId ? new Date() : null,
      input.occurred_at,
      metadata,
      codes,
      visitorId,
      visitorId,
      ...MERGEABLE_FIELDS.map((f) => input[f] ?? null),
      metadata,
      input.is_test ?? false,
      codes,
      options.delivery?.provider ?? null,
      options.delivery?.event_id ?? null,
      options.windowDays,
    ]
  )
  const { created, sessions, ...payment } = row
  return { payment: payment as PaymentRow, created, sessions: sessions as SessionRow[] }
}

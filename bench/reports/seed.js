// Seeds a store's attribution tables for bench/reports, straight in SQL (generate_series and
// set-based inserts through `pg`): visitors, sessions with a realistic channel mix, storefront
// events, payments in several currencies with refunds, cancellations and test mode, and their
// credits under the seven models, consistent with what the plugin stores (the credits of a
// payment under a model add up exactly to its amount, and their refunded shares to its refund).
//
// Deterministic for a given `now` (setseed), so two runs measure the same data.

const DAY_SECONDS = 86_400

// Channel mix of the sessions: [channel, source, medium, referrer domain, weight, campaigns].
// Roughly what a small DTC shop sees; paid and email traffic carries campaigns.
const MIX = [
  ["Direct", "(direct)", "(none)", null, 24, null],
  ["Organic Search", "google", "organic", "google.com", 24, null],
  ["Organic Search", "bing", "organic", "bing.com", 3, null],
  ["Organic Search", "duckduckgo", "organic", "duckduckgo.com", 2, null],
  ["Paid Search", "google", "cpc", "google.com", 11, ["brand", "generic-shoes", "black-friday", "retargeting-q4", "pmax-all"]],
  ["Paid Search", "bing", "cpc", "bing.com", 1, ["brand", "generic-shoes"]],
  ["Organic Social", "instagram", "social", "instagram.com", 5, null],
  ["Organic Social", "facebook", "social", "facebook.com", 3, null],
  ["Paid Social", "facebook", "paid_social", "facebook.com", 5, ["launch", "lookalike-1pct", "black-friday", "ugc-video"]],
  ["Paid Social", "tiktok", "cpc", "tiktok.com", 3, ["ugc-video", "spark-ads"]],
  ["Email", "newsletter", "email", null, 6, ["weekly-01", "weekly-02", "weekly-03", "weekly-04", "black-friday", "winback"]],
  ["Referral", "blog.example.org", "referral", "blog.example.org", 3, null],
  ["Referral", "reddit", "referral", "reddit.com", 2, null],
  ["Display", "google", "display", null, 2, ["remarketing"]],
  ["Affiliates", "partner-network", "affiliate", null, 2, ["creator-program"]],
  ["Organic Video", "youtube", "referral", "youtube.com", 2, null],
  ["Unassigned", "(not set)", "(not set)", null, 2, null],
]

/** The mix as a VALUES list with cumulative bounds in [0, 1). */
function mixValues() {
  const total = MIX.reduce((n, m) => n + m[4], 0)
  let lo = 0
  const quote = (v) => (v === null ? "null" : `'${String(v).replace(/'/g, "''")}'`)
  return MIX.map(([channel, source, medium, domain, weight, campaigns]) => {
    const hi = lo + weight / total
    const row = `(${quote(channel)}, ${quote(source)}, ${quote(medium)}, ${quote(domain)}, ${lo}, ${hi === 1 ? 1.0001 : hi}, ${
      campaigns ? `array[${campaigns.map(quote).join(", ")}]` : "null::text[]"
    })`
    lo = hi
    return row
  }).join(",\n")
}

/**
 * Seeds the database `client` is connected to. `now` ends the 90 days of data. Answers the
 * counts of what was written.
 */
async function seedReportsData(client, { now = new Date(), days = 90, sessions = 200_000, events = 1_000_000, payments = 20_000, log = () => {} } = {}) {
  const q = (sql, params) => client.query(sql, params)
  const nowIso = now.toISOString()
  const span = days * DAY_SECONDS
  await q(`select setseed(0.4242)`)

  log("visitors and sessions")
  // Sessions per visitor: most visit once, some come back a few times (1.8 on average).
  await q(`create temp table bench_mix (channel text, source text, medium text, referrer_domain text, lo float8, hi float8, campaigns text[])`)
  await q(`insert into bench_mix values ${mixValues()}`)
  await q(
    `create temp table bench_planned_sessions as
     select row_number() over (order by v, k) as n, 'bvis_' || lpad(v::text, 8, '0') as visitor_id,
            $1::timestamptz - make_interval(secs => floor(random() * $2)) as started_at, random() as r
       from (select v, case when r < 0.70 then 1 when r < 0.90 then 2 + floor(random() * 2)::int
                            else 4 + floor(random() * 5)::int end as n
               from (select v, random() as r from generate_series(1, $3::int) v) t) visitors,
            generate_series(1, visitors.n) k
      limit $4`,
    [nowIso, span, Math.ceil(sessions / 1.5), sessions]
  )
  await q(
    `insert into attribution_session (id, visitor_id, started_at, last_seen_at, source, medium, campaign, term, content,
        referrer, referrer_domain, landing_page, channel, device_type, browser, os, pageviews, events, created_at, updated_at)
     select 'bses_' || lpad(s.n::text, 8, '0'), s.visitor_id, s.started_at, s.last_seen_at,
            m.source, m.medium,
            case when m.campaigns is null then null else m.campaigns[1 + floor(random() * array_length(m.campaigns, 1))::int] end,
            case when m.medium = 'cpc' and random() < 0.5 then 'running shoes' end,
            case when m.campaigns is not null and random() < 0.3 then 'variant-' || (1 + floor(random() * 3))::int end,
            case when m.referrer_domain is null then null else 'https://' || m.referrer_domain || '/' end,
            m.referrer_domain,
            '/products/item-' || (1 + floor(random() * 300))::int,
            m.channel,
            (array['desktop', 'mobile', 'mobile', 'tablet'])[1 + floor(random() * 4)::int],
            (array['Chrome', 'Safari', 'Firefox', 'Edge'])[1 + floor(random() * 4)::int],
            (array['Windows', 'iOS', 'Android', 'Mac OS'])[1 + floor(random() * 4)::int],
            5, 5, s.started_at, s.last_seen_at
       from (select *, least($1::timestamptz, started_at + make_interval(secs => floor(random() * 1500))) as last_seen_at
               from bench_planned_sessions) s
       join bench_mix m on s.r >= m.lo and s.r < m.hi`,
    [nowIso]
  )
  // Rows as if written when they happened (a report treats recently written sessions apart).
  await q(
    `insert into attribution_visitor (id, first_seen_at, last_seen_at, email_hash, created_at, updated_at)
     select visitor_id, min(started_at), max(last_seen_at),
            case when random() < 0.1 then md5(visitor_id) || md5(visitor_id || 'x') end, min(started_at), max(last_seen_at)
       from attribution_session where id like 'bses_%' group by visitor_id`
  )

  log("events")
  // Five events a session: a pageview on landing, then pageviews, custom events, the odd
  // identify, and client-claimed purchases (kept apart from verified revenue).
  const perSession = Math.max(1, Math.round(events / sessions))
  await q(
    `insert into attribution_event (id, visitor_id, session_id, type, name, url, path, title, order_id, amount, raw_amount,
        currency_code, occurred_at, created_at, updated_at)
     select 'bev_' || lpad(((s.n - 1) * $2 + k)::text, 9, '0'), s.visitor_id, s.id, t.type,
            case when t.type = 'event' then (array['add_to_cart', 'view_item', 'begin_checkout'])[1 + floor(random() * 3)::int] end,
            'https://shop.example' || s.path, s.path, 'Item', 
            case when t.type = 'purchase' then 'order_claim_' || s.n end,
            claim.amount,
            case when claim.amount is not null then jsonb_build_object('value', claim.amount::text, 'precision', 20) end,
            case when t.type = 'purchase' then 'USD' end,
            t.at, t.at, t.at
       from (select id, visitor_id, started_at, landing_page as path, substr(id, 6)::int as n from attribution_session
              where id like 'bses_%') s,
            generate_series(0, $2 - 1) k,
            lateral (select case when k = 0 then 'pageview'
                                 when random() < 0.85 then 'pageview'
                                 when random() < 0.8 then 'event'
                                 when random() < 0.5 then 'identify'
                                 else 'purchase' end as type,
                            least($1::timestamptz, s.started_at + make_interval(secs => k * 45)) as at) t,
            lateral (select case when t.type = 'purchase' then round((20 + random() * 200)::numeric, 2) end as amount) claim
      limit $3`,
    [nowIso, perSession, events]
  )

  log("payments")
  // 85% linked to the visitor of a session, made within half an hour of it; the rest unlinked.
  // Mostly USD; refunds, cancellations and test mode at plausible rates.
  const linked = Math.round(payments * 0.85)
  await q(
    `create temp table bench_payments as
     with picked as (
       select row_number() over () as n, s.visitor_id, s.id as session_id,
              least($1::timestamptz, s.started_at + make_interval(secs => floor(random() * 1800))) as occurred_at
         from (select * from attribution_session where id like 'bses_%' order by random() limit $2) s
       union all
       select $2 + g, null, null, $1::timestamptz - make_interval(secs => floor(random() * $3))
         from generate_series(1, $4::int) g
     ),
     dressed as (
       select p.*, random() as rc, random() as ra, random() as rs, random() as rp, random() as rcu from picked p
     )
     select n, 'bpay_' || lpad(n::text, 8, '0') as id,
            case when rp < 0.6 then 'medusa' when rp < 0.95 then 'stripe' else 'lemonsqueezy' end as provider,
            visitor_id, session_id, occurred_at,
            cur.code as currency_code, cur.exp,
            case cur.exp when 0 then round((1500 + ra * 30000)::numeric, 0)
                         when 3 then round((5 + ra * 90)::numeric, 3)
                         else round((15 + ra * 285)::numeric, 2) end as amount,
            case when rs < 0.03 then 'refunded' when rs < 0.08 then 'partially_refunded'
                 when rs < 0.09 then 'canceled' else 'paid' end as status,
            rs >= 0.09 and rs < 0.10 as is_test,
            case when rcu < 0.5 then 'cus_bench_' || (n % 9000) end as customer_id,
            case when rcu < 0.7 then md5('buyer' || (n % 9000)) || md5('buyer' || (n % 9000) || 'x') end as email_hash
       from dressed,
            lateral (select case when rc < 0.75 then 'USD' when rc < 0.88 then 'EUR' when rc < 0.95 then 'GBP'
                                 when rc < 0.98 then 'JPY' else 'KWD' end as code) c,
            lateral (select c.code as code, case c.code when 'JPY' then 0 when 'KWD' then 3 else 2 end as exp) cur`,
    [nowIso, linked, span, payments - linked]
  )
  await q(
    `alter table bench_payments add column refunded numeric;
     update bench_payments set refunded = case status when 'refunded' then amount
                                                       when 'partially_refunded' then round(amount * 0.3, exp) else 0 end`
  )
  await q(
    `insert into attribution_payment (id, provider, provider_payment_id, order_id, customer_id, customer_email_hash,
        amount, raw_amount, refunded_amount, raw_refunded_amount, currency_code, status, is_test, visitor_id, session_id,
        link_method, linked_at, occurred_at, created_at, updated_at)
     select id, provider, provider || '_bench_' || n, case when provider = 'medusa' then 'order_bench_' || n end,
            customer_id, email_hash, amount, jsonb_build_object('value', amount::text, 'precision', 20),
            refunded, jsonb_build_object('value', refunded::text, 'precision', 20), currency_code, status, is_test,
            visitor_id, session_id, case when visitor_id is null then 'unlinked' else 'metadata' end,
            case when visitor_id is not null then occurred_at end, occurred_at, occurred_at, occurred_at
       from bench_payments`
  )
  await q(
    `insert into attribution_refund (id, payment_id, provider, provider_refund_id, amount, raw_amount, currency_code, occurred_at)
     select 'bref_' || n, id, provider, 're_bench_' || n, refunded, jsonb_build_object('value', refunded::text, 'precision', 20),
            currency_code, least($1::timestamptz, occurred_at + interval '3 days')
       from bench_payments where refunded > 0`,
    [nowIso]
  )

  log("credits")
  // The visitor's sessions in the 90-day window before each payment, numbered from the first
  // and from the last, and with non-Direct sessions ranked first for last_non_direct.
  await q(
    `create temp table bench_touches as
     select p.id as payment_id, p.n, p.amount, p.refunded, p.exp, p.currency_code, p.is_test, p.occurred_at, p.visitor_id,
            s.id as session_id, s.started_at, s.channel, s.source, s.medium, s.campaign, s.term, s.content, s.landing_page, s.referrer_domain,
            row_number() over (partition by p.id order by s.started_at, s.id) as i,
            row_number() over (partition by p.id order by s.started_at desc, s.id desc) as from_last,
            row_number() over (partition by p.id order by (s.channel = 'Direct'), s.started_at desc, s.id desc) as non_direct_rank,
            count(*) over (partition by p.id) as touches
       from bench_payments p
       join attribution_session s on s.visitor_id = p.visitor_id and s.deleted_at is null
        and s.started_at <= p.occurred_at and s.started_at >= p.occurred_at - interval '90 days'`
  )
  const creditColumns = `id, payment_id, model, session_id, visitor_id, weight, amount, raw_amount, refunded_amount,
    raw_refunded_amount, currency_code, is_test, occurred_at, session_started_at, channel, source, medium, campaign, term,
    content, landing_page, referrer_domain`
  // Single-touch models: the whole amount to one session.
  await q(
    `insert into attribution_credit (${creditColumns})
     select 'bcr_' || m.model || '_' || t.n, t.payment_id, m.model, t.session_id, t.visitor_id, 1, t.amount,
            jsonb_build_object('value', t.amount::text, 'precision', 20), t.refunded,
            jsonb_build_object('value', t.refunded::text, 'precision', 20), t.currency_code, t.is_test, t.occurred_at,
            t.started_at, t.channel, t.source, t.medium, t.campaign, t.term, t.content, t.landing_page, t.referrer_domain
       from bench_touches t
       join (values ('first_touch'), ('last_touch'), ('last_non_direct')) m(model)
         on (m.model = 'first_touch' and t.i = 1) or (m.model = 'last_touch' and t.from_last = 1)
         or (m.model = 'last_non_direct' and t.non_direct_rank = 1)`
  )
  // Multi-touch models: equal shares in minor units, the leftover units one each to the first
  // sessions (largest remainder with equal weights), so the shares add up exactly.
  await q(
    `insert into attribution_credit (${creditColumns})
     select 'bcr_' || m.model || '_' || t.n || '_' || t.i, t.payment_id, m.model, t.session_id, t.visitor_id, 1.0 / t.touches,
            a.amount, jsonb_build_object('value', a.amount::text, 'precision', 20), a.refunded,
            jsonb_build_object('value', a.refunded::text, 'precision', 20), t.currency_code, t.is_test, t.occurred_at,
            t.started_at, t.channel, t.source, t.medium, t.campaign, t.term, t.content, t.landing_page, t.referrer_domain
       from bench_touches t
       cross join (values ('linear'), ('position_based'), ('time_decay'), ('data_driven')) m(model)
       cross join lateral (
         select round((floor(t.amount * u.unit / t.touches) + case when t.i <= mod(t.amount * u.unit, t.touches) then 1 else 0 end)
                        / u.unit, t.exp) as amount,
                round((floor(t.refunded * u.unit / t.touches) + case when t.i <= mod(t.refunded * u.unit, t.touches) then 1 else 0 end)
                        / u.unit, t.exp) as refunded
           from (select power(10::numeric, t.exp) as unit) u
       ) a`
  )
  // Unlinked payments: one Unassigned credit per model.
  await q(
    `insert into attribution_credit (${creditColumns})
     select 'bcr_' || m.model || '_' || p.n, p.id, m.model, null, null, 1, p.amount,
            jsonb_build_object('value', p.amount::text, 'precision', 20), p.refunded,
            jsonb_build_object('value', p.refunded::text, 'precision', 20), p.currency_code, p.is_test, p.occurred_at,
            null, 'Unassigned', null, null, null, null, null, null, null
       from bench_payments p
       cross join (values ('first_touch'), ('last_touch'), ('last_non_direct'), ('linear'), ('position_based'),
                          ('time_decay'), ('data_driven')) m(model)
      where p.visitor_id is null`
  )
  await q(
    `insert into attribution_webhook_delivery (id, provider, event_id, event_type, outcome, payment_id, received_at)
     select 'bwh_' || n, provider, 'evt_bench_' || n, case provider when 'stripe' then 'payment_intent.succeeded' else 'order_created' end,
            'processed', id, occurred_at
       from bench_payments where provider <> 'medusa'`
  )

  const [counts] = (
    await q(`select
      (select count(*) from attribution_visitor)::int as visitors,
      (select count(*) from attribution_session)::int as sessions,
      (select count(*) from attribution_event)::int as events,
      (select count(*) from attribution_payment)::int as payments,
      (select count(*) from attribution_refund)::int as refunds,
      (select count(*) from attribution_credit)::int as credits`)
  ).rows
  // The numeric division above must leave the exact decimals the plugin stores: check it.
  const [bad] = (
    await q(`select count(*)::int as n from (
      select c.payment_id, c.model from attribution_credit c join attribution_payment p on p.id = c.payment_id
       group by 1, 2, p.amount, p.refunded_amount
      having sum(c.amount) <> p.amount or sum(c.refunded_amount) <> p.refunded_amount) x`)
  ).rows
  if (bad.n) throw new Error(`seed: ${bad.n} (payment, model) pairs whose credits do not add up to the payment`)
  await q(`drop table bench_mix, bench_planned_sessions, bench_payments, bench_touches`)
  return counts
}

module.exports = { seedReportsData }

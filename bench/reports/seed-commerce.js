// What issue 10's reports read besides credits, seeded straight in SQL on top of seed.js:
// - line items for every Medusa order (1 to 4 lines over 300 products in 12 categories and 6
//   collections; the lines of an order add up exactly to its amount);
// - promotion codes on one Medusa order in six (one of eight codes), two codes mapped to a source;
// - 90 days of ad spend for 50 campaigns (USD), matched to the seeded campaigns where they exist;
// - the line credits (each credit's share of each line) the plugin derives from credits and lines.
// Deterministic (setseed), like seed.js.

const path = require("path")

/** The plugin's statement for line credits, from its TypeScript source. */
function lineCreditsStatement(paymentSet, model) {
  require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(__dirname, "../../tsconfig.json") })
  return require("../../src/modules/attribution/line-credits").lineCreditsStatement(paymentSet, model)
}

const CODES = ["ANNA10", "WELCOME15", "BF2026", "VIP20", "FREESHIP", "SPRING5", "LEO10", "NEWS10"]

async function seedCommerceData(client, { now = new Date(), days = 90, campaigns = 50 } = {}) {
  const q = (sql, params) => client.query(sql, params)
  await q(`select setseed(0.1717)`)

  // Line items: k lines per order, each an equal share in minor units, the leftover units to
  // the first lines (the seeded amounts have the currency's exponent already).
  await q(
    `insert into attribution_line_item (id, payment_id, order_id, line_item_id, product_id, variant_id, product_title,
        variant_title, sku, collection_id, collection_title, categories, quantity, amount, raw_amount, currency_code)
     select 'bli_' || o.n || '_' || k, o.id, o.order_id, 'ordli_bench_' || o.n || '_' || k,
            'prod_bench_' || pr.p, 'variant_bench_' || pr.p || '_' || pr.v, 'Product ' || pr.p, 'Size ' || pr.v,
            'SKU-' || pr.p || '-' || pr.v,
            'pcol_bench_' || (pr.p % 6), 'Collection ' || (pr.p % 6),
            jsonb_build_array(jsonb_build_object('id', 'pcat_bench_' || (pr.p % 12), 'name', 'Category ' || (pr.p % 12))),
            1 + floor(random() * 3)::int, a.amount, jsonb_build_object('value', a.amount::text, 'precision', 20), o.currency_code
       from (select id, order_id, currency_code, amount, substr(id, 6)::int as n,
                    1 + floor(random() * 4)::int as lines,
                    case currency_code when 'JPY' then 0 when 'KWD' then 3 else 2 end as exp
               from attribution_payment where provider = 'medusa' and id like 'bpay_%') o,
            generate_series(1, o.lines) k,
            -- \`+ 0 * k\` ties the draw to each line: an uncorrelated subquery would run once.
            lateral (select 1 + floor(random() * 300)::int + 0 * k as p, 1 + floor(random() * 3)::int + 0 * k as v) pr,
            lateral (select power(10::numeric, o.exp) as unit) u,
            lateral (select round((floor(o.amount * u.unit / o.lines)
                                   + case when k <= mod(o.amount * u.unit, o.lines) then 1 else 0 end) / u.unit, o.exp) as amount) a`
  )
  const codeList = `array[${CODES.map((c) => `'${c}'`).join(", ")}]`
  await q(
    `update attribution_payment set promotion_codes = array[(${codeList})[1 + floor(random() * ${CODES.length})::int]]
      where provider = 'medusa' and id like 'bpay_%' and random() < 1.0 / 6`
  )
  await q(
    `insert into attribution_code_mapping (id, code, channel, source, medium, campaign)
     values ('acmap_bench_1', 'ANNA10', 'Affiliates', 'anna', 'influencer', null),
            ('acmap_bench_2', 'LEO10', 'Affiliates', 'leo', 'influencer', null)`
  )

  // Spend: the seeded campaigns first (so ROAS has revenue to divide), then made-up ones.
  const { rows } = await q(
    `select campaign, min(source) as source, min(medium) as medium, min(channel) as channel from attribution_session
      where campaign is not null group by campaign order by campaign`
  )
  const list = rows.slice(0, campaigns)
  for (let i = list.length; i < campaigns; i++) list.push({ campaign: `campaign-${i}`, source: "google", medium: "cpc", channel: "Paid Search" })
  await q(
    `insert into attribution_spend (id, day, channel, source, medium, campaign, amount, raw_amount, currency_code, origin, match_key)
     select 'bspd_' || c.i || '_' || d, to_char(($1::timestamptz - make_interval(days => d)) at time zone 'UTC', 'YYYY-MM-DD'),
            c.channel, c.source, c.medium, c.campaign, s.amount, jsonb_build_object('value', s.amount::text, 'precision', 20),
            'USD', 'api', 'bench|' || c.i || '|' || d
       from jsonb_to_recordset($2::jsonb) as c(i int, campaign text, source text, medium text, channel text),
            generate_series(0, $3::int - 1) d,
            lateral (select round((5 + random() * 195)::numeric, 2) as amount) s`,
    [now.toISOString(), JSON.stringify(list.map((c, i) => ({ i, ...c }))), days]
  )
  // The line credits the plugin writes with every order's credits (the Products report reads
  // them), by the plugin's own statement.
  await q(lineCreditsStatement(`select distinct payment_id as id from attribution_line_item where deleted_at is null`, null))
  await q(`analyze attribution_line_credit`)

  const [counts] = (
    await q(`select (select count(*) from attribution_line_item)::int as line_items,
                    (select count(*) from attribution_line_credit)::int as line_credits,
                    (select count(*) from attribution_payment where promotion_codes is not null)::int as coded_payments,
                    (select count(*) from attribution_spend)::int as spend_rows`)
  ).rows
  const [bad] = (
    await q(`select count(*)::int as n from (select l.payment_id from attribution_line_item l join attribution_payment p on p.id = l.payment_id
              group by l.payment_id, p.amount having sum(l.amount) <> p.amount) x`)
  ).rows
  if (bad.n) throw new Error(`seed: ${bad.n} orders whose line items do not add up to the order`)
  const [{ products }] = (await q(`select count(distinct product_id)::int as products from attribution_line_item`)).rows
  if (products < 250) throw new Error(`seed: the line items name ${products} products, expected about 300`)
  counts.products = products
  return counts
}

module.exports = { seedCommerceData }

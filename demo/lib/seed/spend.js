// The demo's ad spend: what the paid campaigns of ./traffic-sources.js cost each of the sixty
// days, sent through the real route (POST /admin/attribution/spend). The same anchor gives the
// same rows, and a row with the same day and campaign replaces the stored one, so a second run
// changes nothing. Google and Meta bill in EUR, the currency of most of the demo's payments;
// TikTok bills in USD: the EUR reports show it apart, never added in.
const { DAY } = require("./plan")
const { createRandom } = require("./random")
const { SALE } = require("./traffic-sources")

const DAYS = 60

const CAMPAIGNS = [
  { campaign: "brand", source: "google", medium: "cpc", currency: "EUR", cents: [400, 900] },
  { campaign: "rain-jackets", source: "google", medium: "cpc", currency: "EUR", cents: [800, 1600] },
  { campaign: "autumn-sale", source: "facebook", medium: "paid_social", currency: "EUR", cents: [500, 1000], sale: 3 },
  { campaign: "autumn-sale", source: "instagram", medium: "paid_social", currency: "EUR", cents: [500, 1000], sale: 3 },
  { campaign: "creator-collab", source: "tiktok", medium: "paid_social", currency: "USD", cents: [300, 800] },
]

/** YYYY-MM-DD in UTC. */
const day = (ms) => new Date(ms).toISOString().slice(0, 10)

function spendRows(anchor) {
  const random = createRandom(0x5bd1e995)
  const today = Math.floor(anchor / DAY) * DAY
  const rows = []
  for (let d = 0; d < DAYS; d++) {
    const date = day(today - (DAYS - 1 - d) * DAY)
    for (const c of CAMPAIGNS) {
      const base = random.int(c.cents[0], c.cents[1])
      // Meta's budget is raised for the autumn sale's days.
      const cents = c.sale && d >= SALE.firstDay && d <= SALE.lastDay ? base * c.sale : base
      rows.push({ date, campaign: c.campaign, source: c.source, medium: c.medium, amount: (cents / 100).toFixed(2), currency: c.currency })
    }
  }
  return rows
}

/** Stores (or replaces) the demo's spend; answers the route's `{ stored, created, replaced }`. */
async function seedSpend({ admin, anchor }) {
  return admin.post("/admin/attribution/spend", { rows: spendRows(anchor) })
}

module.exports = { seedSpend, spendRows }

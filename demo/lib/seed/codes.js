// The demo's discount codes (created by the catalogue seed, demo/store/src/scripts/seed-catalogue.ts):
// ANNA10, an influencer's, mapped through the plugin's admin route to Affiliates / anna, and
// WELCOME5, a newsletter's, left unmapped. Some Medusa orders apply them through the Store API.
const DEMO_CODE_MAPPING = { code: "ANNA10", channel: "Affiliates", source: "anna", medium: "influencer", campaign: null }

/**
 * Codes of the plan's Medusa orders (`promoCodes`), by plan order: one in four applies ANNA10,
 * one in four WELCOME5, and one in eight both (an order that counts under each code).
 */
function assignCodes(medusaPayments) {
  medusaPayments.forEach((p, i) => {
    if (i % 8 === 1) p.promoCodes = ["ANNA10", "WELCOME5"]
    else if (i % 4 === 1) p.promoCodes = ["ANNA10"]
    else if (i % 4 === 3) p.promoCodes = ["WELCOME5"]
  })
}

module.exports = { DEMO_CODE_MAPPING, assignCodes }

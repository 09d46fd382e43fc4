// What the revenue report must show for the seeded payments, per currency, counted the way
// the report counts: every payment once in its own currency, canceled orders and test-mode
// payments left out, refunds as the refunded part of the payments made in the range.
const { paidMinor } = require("./orders")
const { refundMinor } = require("./provider-events")

/**
 * `orders` maps plan keys of Medusa orders to the order Medusa placed (what was paid for it is
 * the payment's amount); `medusaRefunds` maps them to the cents refunded in Medusa's admin.
 * Answers `{ EUR: { revenue, refunded, net_revenue, payments }, ... }` in major units.
 */
function expectedTotals(payments, orders, medusaRefunds) {
  const sums = {}
  for (const p of payments) {
    if (p.test || p.cancel) continue
    const currency = p.currency.toUpperCase()
    const amount = p.route === "medusa" ? paidMinor(orders.get(p.key)) : p.amountMinor
    const refunded = p.route === "medusa" ? medusaRefunds.get(p.key) ?? 0 : refundMinor(p)
    const s = (sums[currency] ??= { revenue: 0, refunded: 0, payments: 0 })
    s.revenue += amount
    s.refunded += refunded
    s.payments += 1
  }
  return Object.fromEntries(
    Object.entries(sums).map(([currency, s]) => [
      currency,
      { revenue: s.revenue / 100, refunded: s.refunded / 100, net_revenue: (s.revenue - s.refunded) / 100, payments: s.payments },
    ])
  )
}

/**
 * What the codes report must show per currency for the orders that applied codes (`promoCodes`):
 * `{ EUR: { ANNA10: { revenue, refunded, net_revenue, payments } } }`, counted like the totals;
 * an order with two codes counts under each.
 */
function expectedCodeTotals(payments, orders, medusaRefunds) {
  const sums = {}
  for (const p of payments) {
    if (!p.promoCodes || p.test || p.cancel) continue
    const byCode = (sums[p.currency.toUpperCase()] ??= {})
    for (const code of p.promoCodes) {
      const s = (byCode[code] ??= { revenue: 0, refunded: 0, payments: 0 })
      s.revenue += paidMinor(orders.get(p.key))
      s.refunded += medusaRefunds.get(p.key) ?? 0
      s.payments += 1
    }
  }
  const major = (s) => ({ revenue: s.revenue / 100, refunded: s.refunded / 100, net_revenue: (s.revenue - s.refunded) / 100, payments: s.payments })
  return Object.fromEntries(
    Object.entries(sums).map(([currency, byCode]) => [currency, Object.fromEntries(Object.entries(byCode).map(([c, s]) => [c, major(s)]))])
  )
}

module.exports = { expectedCodeTotals, expectedTotals }

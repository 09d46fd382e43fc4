// Payments made outside Medusa's checkout, sent through the plugin's real routes: Stripe and
// Lemon Squeezy webhooks signed with the demo's secrets, and the payment API with a Medusa
// secret key. All are idempotent on the plugin's side, so sending them again adds nothing.
const { eachLimit } = require("./http")
const { lemonSqueezyEvents, lemonSqueezySignature, refundMinor, stripeEvents, stripeSignature } = require("./provider-events")

const major = (minor) => (minor / 100).toFixed(2)

async function deliver(client, path, body, headers) {
  const res = await fetch(`${client.base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body })
  if (res.status !== 200) {
    throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
  }
}

async function sendStripe(client, p, secret) {
  for (const event of stripeEvents(p)) {
    const payload = JSON.stringify(event)
    await deliver(client, "/attribution/webhooks/stripe", payload, { "stripe-signature": stripeSignature(payload, secret) })
  }
}

async function sendLemonSqueezy(client, p, secret) {
  for (const body of lemonSqueezyEvents(p)) {
    const payload = JSON.stringify(body)
    await deliver(client, "/attribution/webhooks/lemonsqueezy", payload, { "x-signature": lemonSqueezySignature(payload, secret) })
  }
}

async function sendPaymentApi(client, p, secretKey) {
  const headers = { authorization: `Bearer ${secretKey}` }
  await client.request("POST", "/attribution/v1/payments", {
    headers,
    body: {
      provider: "checkout-pos",
      providerPaymentId: `demo-${p.key}`,
      amount: major(p.amountMinor),
      currency: p.currency.toUpperCase(),
      ...(p.visitorId ? { visitorId: p.visitorId, sessionId: p.sessionId } : {}),
      customerEmail: p.email,
      occurredAt: new Date(p.at).toISOString(),
      orderId: `POS-${p.key.toUpperCase()}`,
    },
  })
  if (p.refund) {
    await client.request("POST", "/attribution/v1/refunds", {
      headers,
      body: { provider: "checkout-pos", providerPaymentId: `demo-${p.key}`, amount: major(refundMinor(p)), refundId: `demo-refund-${p.key}` },
    })
  }
}

/**
 * Sends every outside payment in the order they happened (a subscription renewal after its
 * first payment, so it can inherit that payment's visitor), a few at a time.
 */
async function sendOutsidePayments({ client, payments, secrets, secretKey }) {
  const ordered = [...payments].sort((a, b) => a.at - b.at)
  await eachLimit(ordered, 3, async (p) => {
    if (p.route === "stripe") await sendStripe(client, p, secrets.stripe)
    else if (p.route === "lemonsqueezy") await sendLemonSqueezy(client, p, secrets.lemonsqueezy)
    else if (p.route === "api") await sendPaymentApi(client, p, secretKey)
  })
}

module.exports = { sendOutsidePayments }

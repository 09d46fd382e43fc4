// The plan's page views, sign-ups and purchases, as collector events with their past
// timestamps, grouped for the demo store's history route (POST /admin/demo/history). A visitor's
// events always travel in one batch: when a batch is written, the plugin credits that visitor's
// payments again with all of their sessions.

const MAX_EVENTS_PER_BATCH = 500

function collectorEvents(visitor, orderIdByKey) {
  return visitor.sessions.flatMap((session) =>
    session.events.map(({ paymentKey, ...event }) => ({
      ...event,
      ...(paymentKey ? { order_id: orderIdByKey.get(paymentKey) ?? paymentKey } : {}),
      referrer: event.referrer ?? undefined,
      visitor_id: visitor.id,
      session_id: session.id,
      user_agent: visitor.ua,
    }))
  )
}

function historyBatches(visitors, orderIdByKey) {
  const batches = []
  let current = []
  for (const visitor of visitors) {
    const events = collectorEvents(visitor, orderIdByKey)
    if (current.length && current.length + events.length > MAX_EVENTS_PER_BATCH) {
      batches.push({ events: current })
      current = []
    }
    current.push(...events)
  }
  if (current.length) batches.push({ events: current })
  return batches
}

module.exports = { historyBatches }

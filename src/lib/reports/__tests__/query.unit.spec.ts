import { describeIssues } from "../../collector/schema"
import { JourneyQuery } from "../journey-query"
import { PaymentsQuery } from "../payments-list"
import { RevenueQuery } from "../revenue-query"
import { TimeseriesQuery } from "../timeseries-query"

const problems = (schema: { safeParse: (v: unknown) => any }, query: Record<string, unknown>) => {
  const r = schema.safeParse(query)
  return r.success ? null : describeIssues(r.error)
}

describe("report query parameters", () => {
  it("default to the last 30 days, last non-direct, no test payments", () => {
    const before = Date.now()
    const q = RevenueQuery.parse({})
    expect(q).toMatchObject({ model: "last_non_direct", group_by: "channel", include_test: false, timezone: "UTC" })
    expect(q.to.getTime()).toBeGreaterThanOrEqual(before)
    expect(q.to.getTime() - q.from.getTime()).toBe(30 * 86_400_000)
    expect(RevenueQuery.parse({ to: "2026-11-01" }).from.toISOString()).toBe("2026-10-02T00:00:00.000Z")
  })

  it("read dates in the time zone and upper-case the currency", () => {
    const q = RevenueQuery.parse({ from: "2026-11-01", to: "2026-12-01", timezone: "Europe/Paris", currency: "eur" })
    expect([q.from.toISOString(), q.to.toISOString(), q.currency]).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z", "EUR"])
  })

  it("name every bad parameter", () => {
    expect(problems(RevenueQuery, { model: "x", group_by: "y" })).toMatch(/^model: must be one of .*; group_by: must be one of /)
    expect(problems(RevenueQuery, { from: "2026-11-02", to: "2026-11-01" })).toBe("from: must be before `to`")
    expect(problems(RevenueQuery, { to: ["2026-11-01", "2026-11-02"] })).toMatch(/^to: /)
    expect(problems(TimeseriesQuery, { from: "2026-01-01", to: "2026-12-31", interval: "day" })).toBe(null)
    expect(problems(TimeseriesQuery, { from: "2025-01-01", to: "2026-12-31", interval: "day" })).toMatch(/^interval: the range holds 729 day buckets/)
    expect(problems(PaymentsQuery, { limit: "1.5" })).toMatch(/^limit: must be an integer from 1 to 100/)
    expect(problems(JourneyQuery, {})).toMatch(/^order_id: give exactly one of/)
    expect(problems(JourneyQuery, { customer_id: "  " })).toMatch(/^customer_id: must be a Medusa customer id/)
  })

  it("parse payment filters", () => {
    expect(PaymentsQuery.parse({ linked: "false", provider: "Stripe", status: "refunded", limit: "5", offset: "10" })).toMatchObject({
      linked: false,
      provider: "stripe",
      status: "refunded",
      limit: 5,
      offset: 10,
    })
  })
})

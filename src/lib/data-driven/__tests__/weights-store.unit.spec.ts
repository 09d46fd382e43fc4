import { resolveOptions } from "../../../modules/attribution/options"
import { dataDrivenFromLinear } from "../rewrite-credits"
import { dataDrivenStatus, forgetCachedWeights, usesWeights, weightsInUse, type StoredWeights } from "../weights-store"

const row = (conversions: number, weights: Record<string, number> = { Email: 0.6, "Paid Search": 0.4 }): StoredWeights => ({
  id: "amw_1",
  weights,
  paths: 10,
  conversions,
  window_from: "2026-08-25T00:00:00.000Z",
  window_to: "2026-11-23T00:00:00.000Z",
  computed_at: "2026-11-23T00:00:00.000Z",
  duration_ms: 5,
})

describe("data-driven options", () => {
  it("defaults to 100 conversions over 90 days, allows 0 and refuses nonsense", () => {
    expect(resolveOptions({}, {})).toMatchObject({ dataDrivenMinConversions: 100, dataDrivenWindowDays: 90 })
    expect(resolveOptions({ dataDrivenMinConversions: 0, dataDrivenWindowDays: 30 }, {})).toMatchObject({
      dataDrivenMinConversions: 0,
      dataDrivenWindowDays: 30,
    })
    expect(() => resolveOptions({ dataDrivenMinConversions: -1 }, {})).toThrow(/dataDrivenMinConversions/)
    expect(() => resolveOptions({ dataDrivenWindowDays: 0 }, {})).toThrow(/dataDrivenWindowDays/)
  })
})

describe("whether the weights are used", () => {
  it("falls back to linear below the minimum, without a row, or with no positive weight", () => {
    expect(usesWeights(row(100), 100)).toBe(true)
    expect(usesWeights(row(99), 100)).toBe(false)
    expect(usesWeights(null, 0)).toBe(false)
    expect(usesWeights(row(0, {}), 0)).toBe(false)
    expect(usesWeights(row(5, { Email: 0 }), 0)).toBe(false)
    expect(dataDrivenStatus(row(99), 100)).toEqual({
      status: "linear_fallback",
      computed_at: "2026-11-23T00:00:00.000Z",
      paths: 10,
      conversions: 99,
      min_conversions: 100,
    })
    expect(dataDrivenStatus(null, 100)).toEqual({ status: "linear_fallback", computed_at: null, paths: 0, conversions: 0, min_conversions: 100 })
  })

  it("reads the newest row at most once a minute, and again after forgetCachedWeights", async () => {
    forgetCachedWeights()
    let reads = 0
    const sql = async () => {
      reads++
      return [{ ...row(200), weights: JSON.stringify(row(200).weights) }]
    }
    const t0 = 1_000_000
    expect(await weightsInUse(sql, 100, t0)).toEqual({ Email: 0.6, "Paid Search": 0.4 })
    expect(await weightsInUse(sql, 300, t0 + 59_000)).toBeNull() // same row, higher minimum
    expect(reads).toBe(1)
    await weightsInUse(sql, 100, t0 + 61_000)
    expect(reads).toBe(2)
    forgetCachedWeights()
    await weightsInUse(sql, 100, t0 + 62_000)
    expect(reads).toBe(3)
    forgetCachedWeights()
  })
})

describe("dataDrivenFromLinear", () => {
  const base = { payment_id: "p1", amount: "100.00", refunded: "25.00", currency_code: "USD", occurred_at: "2026-10-10T00:00:00Z", promotion_code: null }
  it("re-splits a payment's linear touches by the weights, refunds prorated, exactly", () => {
    const rows = [
      { ...base, id: "c1", session_id: "s1", session_started_at: "2026-10-01T00:00:00Z", channel: "Paid Search" },
      { ...base, id: "c2", session_id: "s2", session_started_at: "2026-10-05T00:00:00Z", channel: "Email" },
    ]
    const out = dataDrivenFromLinear(rows, { "Paid Search": 0.4, Email: 0.6 })
    expect(out.map((c) => [c.src, c.a, c.r])).toEqual([
      ["c1", "40.00", "10.00"],
      ["c2", "60.00", "15.00"],
    ])
    // Without weights: like linear.
    expect(dataDrivenFromLinear(rows, null).map((c) => c.a)).toEqual(["50.00", "50.00"])
  })

  it("keeps an unattributed payment's single credit whole, and a code's touch at the payment's time", () => {
    const single = [{ ...base, id: "c1", session_id: null, session_started_at: null, channel: "Unassigned" }]
    expect(dataDrivenFromLinear(single, { Email: 1 }).map((c) => [c.src, c.a, c.w])).toEqual([["c1", "100.00", 1]])
    const withCode = [
      { ...base, id: "c1", session_id: "s1", session_started_at: "2026-10-01T00:00:00Z", channel: "Email" },
      { ...base, id: "c2", session_id: null, session_started_at: null, promotion_code: "ANNA", channel: "Affiliates" },
    ]
    expect(dataDrivenFromLinear(withCode, { Email: 0.25, Affiliates: 0.75 }).map((c) => [c.src, c.a])).toEqual([
      ["c1", "25.00"],
      ["c2", "75.00"],
    ])
  })
})

import { figuresChange, previousPeriod } from "../change"
import { figures, perUnit, ratio } from "../figures"

describe("figures", () => {
  it("divides exact minor units, rounding half up, per currency", () => {
    expect(perUnit("214.99", 4, "USD")).toBe(53.75)
    expect(perUnit("214.99", 6, "USD")).toBe(35.83)
    expect(perUnit("0.05", 2, "USD")).toBe(0.03)
    expect(perUnit("1500", 4, "JPY")).toBe(375)
    expect(perUnit("1501", 2, "JPY")).toBe(751)
    expect(perUnit("12.345", 4, "KWD")).toBe(3.086)
    expect(perUnit("10", 0, "USD")).toBe(0)
  })

  it("computes net revenue and ratios from the sums, never from floats", () => {
    expect(figures({ revenue: "0.30", refunded: "0.10", payments: 3, converted: 1 }, 3, "USD")).toEqual({
      revenue: 0.3,
      refunded: 0.1,
      net_revenue: 0.2,
      payments: 3,
      visitors: 3,
      conversion_rate: 0.3333,
      revenue_per_visitor: 0.1,
      average_order_value: 0.1,
    })
    expect(ratio(1, 0)).toBe(0)
  })
})

describe("figuresChange", () => {
  const base = { revenue: 80, refunded: 0, net_revenue: 80, payments: 1, visitors: 1, conversion_rate: 1, revenue_per_visitor: 80, average_order_value: 80 }

  it("answers the change as a fraction, null where the previous value is 0", () => {
    const current = { revenue: 214.99, refunded: 25, net_revenue: 189.99, payments: 6, visitors: 4, conversion_rate: 0.75, revenue_per_visitor: 53.75, average_order_value: 35.83 }
    expect(figuresChange(current, base)).toEqual({
      revenue: 1.6874,
      refunded: null,
      net_revenue: 1.3749,
      payments: 5,
      visitors: 3,
      conversion_rate: -0.25,
      revenue_per_visitor: -0.3281,
      average_order_value: -0.5521,
    })
    expect(figuresChange(base, base).revenue).toBe(0)
  })

  it("takes the previous period of the same length, ending where this one starts", () => {
    expect(previousPeriod({ from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") })).toEqual({
      from: new Date("2026-08-31T00:00:00Z"),
      to: new Date("2026-10-01T00:00:00Z"),
    })
  })
})

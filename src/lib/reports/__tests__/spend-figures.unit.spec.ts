import { figures } from "../figures"
import { attachSpend, spendFigures } from "../spend-figures"

const row = (key: string, revenue: string, visitors: number) => ({ key, ...figures({ revenue, refunded: "0", payments: 1, converted: 1 }, visitors, "USD") })

describe("spendFigures", () => {
  it("divides exact minor units: ROAS to 4 decimals, CAC and cost per visitor half up", () => {
    const f = figures({ revenue: "100.00", refunded: "0", payments: 3, converted: 3 }, 3, "USD")
    expect(spendFigures(f, 3000n, 3, "USD")).toEqual({ spend: 30, roas: 3.3333, cac: 10, cost_per_visitor: 10, new_customers: 3 })
    expect(spendFigures(f, 1000n, 1.5, "USD")).toEqual({ spend: 10, roas: 10, cac: 6.67, cost_per_visitor: 3.33, new_customers: 1.5 })
    expect(spendFigures(f, 0n, 0, "USD")).toEqual({ spend: 0, roas: null, cac: null, cost_per_visitor: 0, new_customers: 0 })
    expect(spendFigures(f, null, 2, "USD")).toEqual({ spend: null, roas: null, cac: null, cost_per_visitor: null, new_customers: 2 })
    const yen = figures({ revenue: "1500", refunded: "0", payments: 1, converted: 1 }, 7, "JPY")
    expect(spendFigures(yen, 1000n, 3, "JPY")).toMatchObject({ spend: 1000, roas: 1.5, cac: 333, cost_per_visitor: 143 })
  })
})

describe("attachSpend", () => {
  it("gives each campaign's spend to one row, exact spelling first, and adds rows for spend alone", () => {
    const report = { rows: [row("black friday", "50.00", 1), row("Black Friday", "10.00", 1), row("(not set)", "0", 2)], totals: figures({ revenue: "60.00", refunded: "0", payments: 2, converted: 2 }, 4, "USD") }
    const spend = {
      total: 9000n,
      byKey: new Map([
        ["black friday", { minor: 3000n, label: "Black Friday" }],
        ["brand", { minor: 5000n, label: "brand" }],
      ]),
      others: [{ currency: "EUR", amount: 5 }],
    }
    const out = attachSpend(report, "campaign", "USD", spend, { byKey: new Map([["Black Friday", 1]]), total: 1 })
    expect(out.rows.map((r) => [r.key, r.spend, r.new_customers])).toEqual([
      ["black friday", null, 0],
      ["Black Friday", 30, 1],
      ["(not set)", null, 0],
      ["brand", 50, 0],
    ])
    expect(out.totals).toMatchObject({ spend: 90, roas: 0.6667, cac: 90, cost_per_visitor: 22.5, new_customers: 1 })
    expect(out.spend_other_currencies).toEqual([{ currency: "EUR", amount: 5 }])
    // A dimension spend has no column for: totals only, no extra rows.
    const byTerm = attachSpend(report, "term", "USD", spend, { byKey: new Map(), total: 1 })
    expect(byTerm.rows).toHaveLength(3)
    expect(byTerm.rows.every((r) => r.spend === null)).toBe(true)
  })
})

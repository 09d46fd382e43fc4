import { csvField, csvLine, neutralizeFormula } from "../csv"
import { exportFileName, revenueCsv } from "../revenue-csv"

describe("CSV fields", () => {
  it("quote only what RFC 4180 requires, doubling quotes", () => {
    expect(csvField("Paid Search")).toBe("Paid Search")
    expect(csvField("a,b")).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField("two\nlines")).toBe('"two\nlines"')
    expect(csvField("cr\r")).toBe('"cr\r"')
    expect(csvLine(["a", "b,c", ""])).toBe('a,"b,c",\r\n')
  })

  it("keep spreadsheets from running a key as a formula", () => {
    for (const text of ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutralizeFormula(text)).toBe(`'${text}`)
    }
    expect(neutralizeFormula("spring-sale")).toBe("spring-sale")
    expect(csvField(neutralizeFormula('=HYPERLINK("http://x","y")'))).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
  })
})

describe("revenueCsv", () => {
  const figures = { revenue: 10.5, refunded: 0, net_revenue: 10.5, payments: 1, visitors: 3, conversion_rate: 0.3333, revenue_per_visitor: 3.5, average_order_value: 10.5 }

  it("writes amounts with the currency's decimals, and a total line", () => {
    const text = revenueCsv({ rows: [{ key: "-5% off", ...figures }], totals: figures }, "USD")
    expect(text.split("\r\n")).toEqual([
      "\uFEFFkey,revenue,refunded,net_revenue,payments,visitors,conversion_rate,revenue_per_visitor,average_order_value",
      "'-5% off,10.50,0.00,10.50,1,3,0.3333,3.50,10.50",
      "(total),10.50,0.00,10.50,1,3,0.3333,3.50,10.50",
      "",
    ])
    const kwd = { ...figures, revenue: 1.25, net_revenue: 1.25, revenue_per_visitor: 0.417, average_order_value: 1.25 }
    expect(revenueCsv({ rows: [], totals: kwd }, "KWD")).toContain("(total),1.250,0.000,1.250,1,3,0.3333,0.417,1.250\r\n")
  })
})

describe("exportFileName", () => {
  it("names the range by its first and last day in the report's time zone", () => {
    const q = { group_by: "channel", model: "linear", from: new Date("2026-10-31T23:00:00Z"), to: new Date("2026-11-30T23:00:00Z"), timezone: "Europe/Paris" }
    expect(exportFileName(q, "EUR")).toBe("attribution-channel-linear-EUR-2026-11-01-2026-11-30.csv")
    expect(exportFileName({ ...q, timezone: "UTC" }, "EUR")).toBe("attribution-channel-linear-EUR-2026-10-31-2026-11-30.csv")
  })
})

import { majorToMinor, minorToMajorString } from "../../money"
import { lineWeights, splitCreditOverLines, type LineWeight } from "../split"

const line = (amount: string, currency: string, quantity = 1): LineWeight => ({
  amountMinor: majorToMinor(amount, currency),
  quantity,
})
const major = (parts: bigint[], currency: string) => parts.map((p) => minorToMajorString(p, currency))
const sum = (parts: bigint[]) => parts.reduce((a, b) => a + b, 0n)

describe("splitCreditOverLines", () => {
  it("shares 10.00 over three equal lines as 3.34 / 3.33 / 3.33 (the extra cent to the first line)", () => {
    const lines = [line("5.00", "USD"), line("5.00", "USD"), line("5.00", "USD")]
    const { revenue, refunded } = splitCreditOverLines(1000n, 0n, lines)
    expect(major(revenue, "USD")).toEqual(["3.34", "3.33", "3.33"])
    expect(major(refunded, "USD")).toEqual(["0.00", "0.00", "0.00"])
  })

  it("shares in proportion to the line amounts, the leftover units to the largest remainders", () => {
    // 100.00 over 10 / 20 / 30: 16.666.. / 33.333.. / 50 → 16.67 / 33.33 / 50.00
    const { revenue } = splitCreditOverLines(10000n, 0n, [line("10", "EUR"), line("20", "EUR"), line("30", "EUR")])
    expect(major(revenue, "EUR")).toEqual(["16.67", "33.33", "50.00"])
  })

  it("works in JPY (no decimals): 1000 over three equal lines is 334 / 333 / 333", () => {
    const lines = [line("1500", "JPY"), line("1500", "JPY"), line("1500", "JPY")]
    const { revenue } = splitCreditOverLines(majorToMinor("1000", "JPY"), 0n, lines)
    expect(major(revenue, "JPY")).toEqual(["334", "333", "333"])
  })

  it("works in KWD (three decimals): 1.000 over three equal lines is 0.334 / 0.333 / 0.333", () => {
    const lines = [line("2.500", "KWD"), line("2.500", "KWD"), line("2.500", "KWD")]
    const { revenue, refunded } = splitCreditOverLines(majorToMinor("1.000", "KWD"), majorToMinor("0.100", "KWD"), lines)
    expect(major(revenue, "KWD")).toEqual(["0.334", "0.333", "0.333"])
    // The refund follows the revenue shares: 0.1 × 334/1000 = 0.0334 → 0.034 after the leftover unit.
    expect(major(refunded, "KWD")).toEqual(["0.034", "0.033", "0.033"])
  })

  it("gives nothing to a zero-amount line (a free gift) while others are paid", () => {
    const { revenue } = splitCreditOverLines(4999n, 0n, [line("49.99", "USD"), line("0", "USD", 3)])
    expect(major(revenue, "USD")).toEqual(["49.99", "0.00"])
  })

  it("a fully discounted order with paid shipping: the shipping is shared by quantity", () => {
    expect(lineWeights([line("0", "USD", 1), line("0", "USD", 3)])).toEqual([1n, 3n])
    const { revenue } = splitCreditOverLines(490n, 0n, [line("0", "USD", 1), line("0", "USD", 3)])
    expect(major(revenue, "USD")).toEqual(["1.23", "3.67"])
  })

  it("a fully discounted order with nothing paid: every share is 0", () => {
    const { revenue, refunded } = splitCreditOverLines(0n, 0n, [line("0", "USD"), line("0", "USD")])
    expect(revenue).toEqual([0n, 0n])
    expect(refunded).toEqual([0n, 0n])
  })

  it("equal shares when neither amounts nor quantities say anything", () => {
    expect(lineWeights([line("0", "USD", 0), line("0", "USD", 0)])).toEqual([1n, 1n])
  })

  it("a negative line amount weighs as 0", () => {
    expect(lineWeights([line("-5", "USD"), line("5", "USD")])).toEqual([0n, 500n])
  })

  it("the shares always add up to the credit and the refunded shares to the refund, never above a line's revenue", () => {
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: 1 + rand(6) }, () => ({ amountMinor: BigInt(rand(3) === 0 ? 0 : rand(100000)), quantity: rand(4) }))
      const credit = BigInt(rand(1_000_000))
      const refund = BigInt(rand(Number(credit) + 1))
      const { revenue, refunded } = splitCreditOverLines(credit, refund, lines)
      expect(sum(revenue)).toBe(credit)
      expect(sum(refunded)).toBe(revenue.some((r) => r > 0n) ? refund : 0n)
      refunded.forEach((r, k) => expect(r <= revenue[k]! && r >= 0n).toBe(true))
    }
  })

  it("no lines, no shares", () => {
    expect(splitCreditOverLines(100n, 0n, [])).toEqual({ revenue: [], refunded: [] })
  })
})

import { AttributionError, prorateRefund, type Credit } from "../models"

const c = (sessionId: string | null, amountMinor: bigint, weight = 0): Credit => ({ sessionId, amountMinor, weight })

describe("prorateRefund", () => {
  it.each<[string, Credit[], bigint, bigint[]]>([
    ["a full refund gives back each credit", [c("a", 3334n), c("b", 3333n), c("c", 3333n)], 10000n, [3334n, 3333n, 3333n]],
    ["half of 4000/2000/4000", [c("a", 4000n), c("b", 2000n), c("c", 4000n)], 5000n, [2000n, 1000n, 2000n]],
    // 1000 × 3334/10000 = 333.4, 333.3, 333.3 → floors 333 ×3, one unit left → the largest remainder (.4)
    ["1000 over 3334/3333/3333", [c("a", 3334n), c("b", 3333n), c("c", 3333n)], 1000n, [334n, 333n, 333n]],
    // 1 over 2:1 → 0.67 | 0.33 → the first
    ["1 unit over 2:1", [c("a", 2n), c("b", 1n)], 1n, [1n, 0n]],
    ["a credit with 0 gets 0", [c("a", 1n, 1 / 3), c("b", 0n, 1 / 3), c("c", 0n, 1 / 3)], 1n, [1n, 0n, 0n]],
    ["an unattributed credit takes it all", [c(null, 9999n, 1)], 2500n, [2500n]],
    ["zero refund", [c("a", 5n), c("b", 5n)], 0n, [0n, 0n]],
    ["a negative refund splits like its absolute value", [c("a", 2n), c("b", 1n)], -3n, [-2n, -1n]],
    ["zero amounts fall back to the weights", [c("a", 0n, 0.75), c("b", 0n, 0.25)], 4n, [3n, 1n]],
    ["zero amounts and weights split equally", [c("a", 0n), c("b", 0n)], 3n, [2n, 1n]],
  ])("%s", (_name, credits, refund, expected) => {
    const parts = prorateRefund(credits, refund)
    expect(parts).toEqual(expected)
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(refund)
  })

  it("no credits: [] for a zero refund, an error otherwise", () => {
    expect(prorateRefund([], 0n)).toEqual([])
    expect(() => prorateRefund([], 1n)).toThrow(AttributionError)
    expect(() => prorateRefund([c("a", 1n)], 1 as unknown as bigint)).toThrow(AttributionError)
  })
})

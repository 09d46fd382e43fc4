import { CHANNELS, type Channel } from "../../channel"
import { eligibleTouches } from "../touches"
import { ATTRIBUTION_MODELS, computeCredits, prorateRefund, type Touch } from "../models"

/** mulberry32: a small seeded PRNG, so every run checks the same 500 cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY = 86_400_000
const PAY = new Date("2026-06-15T08:30:00.000Z")

function randomCase(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n)
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!
  const n = int(9) // 0..8 touches
  const touches: Touch[] = []
  for (let i = 0; i < n; i++) {
    // mostly inside a 90-day window, some older, some after the payment, some exactly a week apart
    const ageMs = rand() < 0.3 ? int(15) * 7 * DAY : Math.round((rand() * 130 - 10) * DAY)
    touches.push({ sessionId: `s${int(6)}`, startedAt: new Date(PAY.getTime() - ageMs), channel: pick(CHANNELS) })
  }
  const amounts = [0n, 1n, 2n, 3n, 7n, 100n, BigInt(int(1_000_000)), BigInt(int(2 ** 31)) * BigInt(int(2 ** 31)) + 1n]
  const amountMinor = pick(amounts)
  let dataDrivenWeights: Partial<Record<Channel, number>> | null = null
  if (rand() < 0.6) {
    dataDrivenWeights = {}
    for (const ch of CHANNELS) if (rand() < 0.5) dataDrivenWeights[ch] = pick([0, rand(), rand() * 1000, 1e-120])
  }
  return { touches, amountMinor, windowDays: pick([90, 90, 90, 30, 7, 0.5]), dataDrivenWeights }
}

describe("properties over 500 random paths", () => {
  const rand = prng(20260131)
  const cases = Array.from({ length: 500 }, () => randomCase(rand))

  it("every model sums exactly to the amount, with no negative credit", () => {
    let attributed = 0
    let multiTouch = 0
    for (const cse of cases) {
      const input = { ...cse, paymentAt: PAY }
      const result = computeCredits(input)
      const path = eligibleTouches(cse.touches, PAY, cse.windowDays)
      if (path.length > 0) attributed++
      if (path.length >= 3) multiTouch++
      for (const model of ATTRIBUTION_MODELS) {
        const credits = result[model]
        expect(credits.length).toBeGreaterThan(0)
        expect(credits.reduce((a, c) => a + c.amountMinor, 0n)).toBe(cse.amountMinor)
        for (const c of credits) {
          expect(c.amountMinor >= 0n).toBe(true)
          expect(c.amountMinor <= cse.amountMinor).toBe(true)
          expect(c.weight >= 0 && c.weight <= 1 + 1e-12).toBe(true)
        }
        expect(credits.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 9)
        const ids = credits.map((c) => c.sessionId)
        if (path.length === 0) {
          expect(credits).toEqual([{ sessionId: null, amountMinor: cse.amountMinor, weight: 1 }])
        } else {
          // credits name eligible sessions, once each, in path order
          const order = path.map((t) => t.sessionId)
          expect(new Set(ids).size).toBe(ids.length)
          const positions = ids.map((id) => order.indexOf(id as string))
          expect(positions.every((p) => p >= 0)).toBe(true)
          expect([...positions].sort((a, b) => a - b)).toEqual(positions)
        }
      }
      if (path.length > 0) {
        expect(result.first_touch[0]!.sessionId).toBe(path[0]!.sessionId)
        expect(result.last_touch[0]!.sessionId).toBe(path[path.length - 1]!.sessionId)
        expect(result.linear).toHaveLength(path.length)
        expect(result.position_based).toHaveLength(path.length)
      }
      // deterministic and independent of input order
      expect(computeCredits({ ...input, touches: [...cse.touches].reverse() })).toEqual(result)
    }
    // the generator really does produce both attributed and unattributed payments
    expect(attributed).toBeGreaterThan(250)
    expect(attributed).toBeLessThan(500)
    expect(multiTouch).toBeGreaterThan(100)
  })

  it("prorateRefund sums exactly and never takes more than a credit", () => {
    for (const cse of cases) {
      const result = computeCredits({ ...cse, paymentAt: PAY })
      for (const model of ATTRIBUTION_MODELS) {
        const credits = result[model]
        const refund = cse.amountMinor === 0n ? 0n : (cse.amountMinor * BigInt(Math.floor(rand() * 1001))) / 1000n
        const parts = prorateRefund(credits, refund)
        expect(parts).toHaveLength(credits.length)
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(refund)
        parts.forEach((p, i) => {
          expect(p >= 0n).toBe(true)
          expect(p <= credits[i]!.amountMinor).toBe(true)
        })
        expect(prorateRefund(credits, cse.amountMinor)).toEqual(credits.map((c) => c.amountMinor))
      }
    }
  })
})

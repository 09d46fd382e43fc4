import type { Channel } from "../../channel"
import {
  MARKOV_CONVERSION,
  MARKOV_NULL,
  MARKOV_START,
  markovRemovalEffects,
  transitionsOfPaths,
  type MarkovPath,
} from "../markov"
import { computeModelCredits } from "../models"

const path = (converted: boolean, ...channels: string[]): MarkovPath => ({ channels, converted })
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 12)

describe("markovRemovalEffects: hand-computed examples", () => {
  // Paths: A → B → conv, A → null, B → conv, C → null.
  // Transitions: START→A 2, START→B 1, START→C 1; A→B 1, A→null 1; B→conv 2; C→null 1.
  // Probabilities: START: A 1/2, B 1/4, C 1/4.  A: B 1/2, null 1/2.  B: conv 1.  C: null 1.
  // Absorption in conversion: x_B = 1, x_A = 1/2 · x_B = 1/2, x_C = 0.
  // P(conv) = 1/2 · 1/2 + 1/4 · 1 + 1/4 · 0 = 1/2.
  // Remove A (START→A goes to null): P = 1/4 · 1 = 1/4        → effect 1 − (1/4)/(1/2) = 1/2.
  // Remove B (START→B and A→B go to null): P = 0             → effect 1 − 0 = 1.
  // Remove C: P = 1/2 (C never leads to a conversion)         → effect 0.
  // Weights: A 1/2 ÷ 3/2 = 1/3, B 1 ÷ 3/2 = 2/3, C 0.
  const paths = [path(true, "A", "B"), path(false, "A"), path(true, "B"), path(false, "C")]

  it("counts the transitions of the paths", () => {
    const t = transitionsOfPaths(paths)
    const count = (from: string, to: string) => t.find((x) => x.from === from && x.to === to)?.count ?? 0
    expect(count(MARKOV_START, "A")).toBe(2)
    expect(count(MARKOV_START, "B")).toBe(1)
    expect(count(MARKOV_START, "C")).toBe(1)
    expect(count("A", "B")).toBe(1)
    expect(count("A", MARKOV_NULL)).toBe(1)
    expect(count("B", MARKOV_CONVERSION)).toBe(2)
    expect(count("C", MARKOV_NULL)).toBe(1)
    expect(t).toHaveLength(7)
  })

  it("answers the removal effects and weights computed by hand", () => {
    const r = markovRemovalEffects(transitionsOfPaths(paths))
    close(r.conversionProbability, 1 / 2)
    close(r.removalEffects.A, 1 / 2)
    close(r.removalEffects.B, 1)
    expect(r.removalEffects.C).toBe(0)
    close(r.weights!.A, 1 / 3)
    close(r.weights!.B, 2 / 3)
    expect(r.weights!.C).toBe(0)
  })

  it("solves a chain with a cycle", () => {
    // Paths: A → B → A → conv, B → null.
    // Transitions: START→A 1, START→B 1; A→B 1, A→conv 1; B→A 1, B→null 1.
    // x_A = 1/2 x_B + 1/2 and x_B = 1/2 x_A  →  x_A = 1/4 x_A + 1/2  →  x_A = 2/3, x_B = 1/3.
    // P(conv) = 1/2 · 2/3 + 1/2 · 1/3 = 1/2.
    // Remove A: x_B = 0 (B→A goes to null), START→A to null: P = 0          → effect 1.
    // Remove B: x_A = 1/2 (A→B goes to null), P = 1/2 · 1/2 = 1/4           → effect 1/2.
    // Weights: A 1 ÷ 3/2 = 2/3, B 1/2 ÷ 3/2 = 1/3.
    const r = markovRemovalEffects(transitionsOfPaths([path(true, "A", "B", "A"), path(false, "B")]))
    close(r.conversionProbability, 1 / 2)
    close(r.removalEffects.A, 1)
    close(r.removalEffects.B, 1 / 2)
    close(r.weights!.A, 2 / 3)
    close(r.weights!.B, 1 / 3)
  })

  it("weights add up to 1 and are in [0, 1] on a larger mix", () => {
    const channels = ["Paid Search", "Email", "Direct", "Organic Search", "Referral"]
    const paths: MarkovPath[] = []
    for (let i = 0; i < 500; i++) {
      const len = 1 + (i % 4)
      const chs = Array.from({ length: len }, (_, k) => channels[(i * 7 + k * 3) % channels.length])
      paths.push({ channels: chs, converted: i % 5 === 0 || chs.includes("Email") })
    }
    const r = markovRemovalEffects(transitionsOfPaths(paths))
    const w = Object.values(r.weights!)
    close(w.reduce((a, b) => a + b, 0), 1)
    for (const x of w) expect(x >= 0 && x <= 1).toBe(true)
  })
})

describe("markovRemovalEffects: edge cases", () => {
  it("answers no weights without a conversion", () => {
    const r = markovRemovalEffects(transitionsOfPaths([path(false, "A", "B"), path(false, "C")]))
    expect(r.conversionProbability).toBe(0)
    expect(r.weights).toBeNull()
    expect(r.removalEffects).toEqual({ A: 0, B: 0, C: 0 })
  })

  it("answers no weights for no paths at all", () => {
    const r = markovRemovalEffects([])
    expect(r).toEqual({ conversionProbability: 0, removalEffects: {}, weights: null })
  })

  it("gives a single channel the whole weight", () => {
    // START→A 3; A→conv 1, A→null 2: P = 1/3; without A, P = 0: effect 1, weight 1.
    const r = markovRemovalEffects(transitionsOfPaths([path(true, "A"), path(false, "A"), path(false, "A")]))
    close(r.conversionProbability, 1 / 3)
    expect(r.weights).toEqual({ A: 1 })
  })

  it("gives 0 to a channel never on a converting path (and that leads to none)", () => {
    const r = markovRemovalEffects(transitionsOfPaths([path(true, "A"), path(false, "B"), path(false, "B", "B")]))
    expect(r.weights).toEqual({ A: 1, B: 0 })
  })

  it("gives the same result whether repeated channels are collapsed or not", () => {
    // A → A → B → conv has the self-loop A→A; a state's absorption probability with a
    // self-loop p is that of its other transitions ÷ (1 − p), so nothing changes.
    const repeated = markovRemovalEffects(
      transitionsOfPaths([path(true, "A", "A", "B"), path(false, "A", "A"), path(true, "B", "B", "B"), path(false, "C", "A")])
    )
    const collapsed = markovRemovalEffects(
      transitionsOfPaths([path(true, "A", "B"), path(false, "A"), path(true, "B"), path(false, "C", "A")])
    )
    close(repeated.conversionProbability, collapsed.conversionProbability)
    for (const c of ["A", "B", "C"]) close(repeated.weights![c], collapsed.weights![c])
  })

  it("ignores counts that are not positive and transitions out of absorbing states", () => {
    const r = markovRemovalEffects([
      { from: MARKOV_START, to: "A", count: 2 },
      { from: "A", to: MARKOV_CONVERSION, count: 1 },
      { from: "A", to: MARKOV_NULL, count: 1 },
      { from: MARKOV_START, to: "B", count: 0 },
      { from: MARKOV_START, to: "B", count: Number.NaN },
      { from: MARKOV_CONVERSION, to: "A", count: 5 },
      { from: "A", to: MARKOV_START, count: 5 },
    ])
    close(r.conversionProbability, 1 / 2)
    expect(r.weights).toEqual({ A: 1 })
  })

  it("counts weighted paths like repeated ones", () => {
    const once = markovRemovalEffects(transitionsOfPaths([{ channels: ["A", "B"], converted: true, count: 3 }, path(false, "B")]))
    const thrice = markovRemovalEffects(
      transitionsOfPaths([path(true, "A", "B"), path(true, "A", "B"), path(true, "A", "B"), path(false, "B")])
    )
    expect(once).toEqual(thrice)
  })
})

describe("the weights applied to a payment", () => {
  it("splits a payment over the channels of its own path in proportion to their weights, exactly", () => {
    // Weights 1/3 (Email) and 2/3 (Paid Search); the path Email, Paid Search, Paid Search:
    // Email's touch gets 1/3, each Paid Search touch 1/3 (its channel's 2/3 shared by 2 touches).
    // 100.00 = 10000 cents → 3334 / 3333 / 3333 (largest remainder, ties to the earlier touch).
    const touches = [
      { sessionId: "s1", startedAt: new Date("2026-10-01T00:00:00Z"), channel: "Email" as Channel },
      { sessionId: "s2", startedAt: new Date("2026-10-02T00:00:00Z"), channel: "Paid Search" as Channel },
      { sessionId: "s3", startedAt: new Date("2026-10-03T00:00:00Z"), channel: "Paid Search" as Channel },
    ]
    const credits = computeModelCredits("data_driven", {
      touches,
      paymentAt: new Date("2026-10-04T00:00:00Z"),
      amountMinor: 10000n,
      windowDays: 90,
      dataDrivenWeights: { Email: 1 / 3, "Paid Search": 2 / 3 },
    })
    expect(credits.map((c) => c.amountMinor)).toEqual([3334n, 3333n, 3333n])
  })
})

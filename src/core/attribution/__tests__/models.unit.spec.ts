import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Channel } from "../../channel"
import {
  ATTRIBUTION_MODELS,
  AttributionError,
  computeCredits,
  DEFAULT_MODEL,
  isAttributionModel,
  type AttributionModel,
  type Credit,
  type Touch,
} from "../models"
import { computeModelCredits, eligibleTouches } from "../index"

const DAY = 86_400_000
const PAY = new Date("2026-01-31T12:00:00.000Z")
const before = (days: number, extraMs = 0) => new Date(PAY.getTime() - days * DAY - extraMs)
const touch = (sessionId: string, days: number, channel: Channel, extraMs = 0): Touch => ({
  sessionId,
  startedAt: before(days, extraMs),
  channel,
})

// The reference path: one session a week for four weeks.
const T28 = touch("s28", 28, "Paid Search")
const T21 = touch("s21", 21, "Email")
const T14 = touch("s14", 14, "Direct")
const T7 = touch("s7", 7, "Organic Social")
const T0 = touch("s0", 0, "Direct")

/** `[sessionId, amountMinor]` pairs: what the tables below are written in. */
type Row = [string | null, bigint]
const rows = (credits: Credit[]): Row[] => credits.map((c) => [c.sessionId, c.amountMinor])

function credits(touches: Touch[], amountMinor = 10000n, windowDays = 90, dataDrivenWeights?: Partial<Record<Channel, number>> | null) {
  return computeCredits({ touches, paymentAt: PAY, amountMinor, windowDays, dataDrivenWeights })
}

describe("model list", () => {
  it("has the contract's seven models and last_non_direct as default", () => {
    expect([...ATTRIBUTION_MODELS]).toEqual([
      "first_touch",
      "last_touch",
      "last_non_direct",
      "linear",
      "position_based",
      "time_decay",
      "data_driven",
    ])
    expect(DEFAULT_MODEL).toBe("last_non_direct")
    expect(isAttributionModel("linear")).toBe(true)
    expect(isAttributionModel("Linear")).toBe(false)
    expect(isAttributionModel(undefined)).toBe(false)
  })

  it("matches the list in shared/CONTRACT.md when it is available", () => {
    let contract: string
    try {
      contract = readFileSync(join(__dirname, "../../../../../shared/CONTRACT.md"), "utf8")
    } catch {
      return // the contract lives outside the package
    }
    const line = contract.split("\n").find((l) => l.startsWith("`first_touch`"))
    expect(line).toBeDefined()
    const names = [...line!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])
    expect(names).toEqual([...ATTRIBUTION_MODELS])
  })
})

// Every expected amount below is worked out by hand with splitMinor's rule: each part gets the
// floor of its exact share, and the units left over go to the largest remainders, ties to the
// earlier touch.
describe.each<[string, Touch[], Record<AttributionModel, Row[]>]>([
  [
    "1 touch",
    [T7],
    {
      first_touch: [["s7", 10000n]],
      last_touch: [["s7", 10000n]],
      last_non_direct: [["s7", 10000n]],
      linear: [["s7", 10000n]],
      position_based: [["s7", 10000n]],
      time_decay: [["s7", 10000n]],
      data_driven: [["s7", 10000n]],
    },
  ],
  [
    "2 touches (Organic Social, then Direct)",
    [T7, T0],
    {
      first_touch: [["s7", 10000n]],
      last_touch: [["s0", 10000n]],
      last_non_direct: [["s7", 10000n]],
      linear: [["s7", 5000n], ["s0", 5000n]],
      position_based: [["s7", 5000n], ["s0", 5000n]],
      // weights 0.5, 1 → 1/3, 2/3: 3333.33 | 6666.67 → the leftover unit goes to .67
      time_decay: [["s7", 3333n], ["s0", 6667n]],
      data_driven: [["s7", 5000n], ["s0", 5000n]],
    },
  ],
  [
    "3 touches (Direct, Organic Social, Direct)",
    [T14, T7, T0],
    {
      first_touch: [["s14", 10000n]],
      last_touch: [["s0", 10000n]],
      last_non_direct: [["s7", 10000n]],
      // 3333.33 each: one unit left, equal remainders → the first touch
      linear: [["s14", 3334n], ["s7", 3333n], ["s0", 3333n]],
      position_based: [["s14", 4000n], ["s7", 2000n], ["s0", 4000n]],
      // weights 0.25, 0.5, 1 → 1/7, 2/7, 4/7: 1428.57 | 2857.14 | 5714.29 → unit to .57
      time_decay: [["s14", 1429n], ["s7", 2857n], ["s0", 5714n]],
      data_driven: [["s14", 3334n], ["s7", 3333n], ["s0", 3333n]],
    },
  ],
  [
    "5 touches",
    [T28, T21, T14, T7, T0],
    {
      first_touch: [["s28", 10000n]],
      last_touch: [["s0", 10000n]],
      last_non_direct: [["s7", 10000n]],
      linear: [["s28", 2000n], ["s21", 2000n], ["s14", 2000n], ["s7", 2000n], ["s0", 2000n]],
      // 40% | 20%/3 = 666.67 ×3 | 40%: two units left → the first two middle touches
      position_based: [["s28", 4000n], ["s21", 667n], ["s14", 667n], ["s7", 666n], ["s0", 4000n]],
      // weights 1/16 … 1 → k/31: 322.58 | 645.16 | 1290.32 | 2580.65 | 5161.29 → units to .65 and .58
      time_decay: [["s28", 323n], ["s21", 645n], ["s14", 1290n], ["s7", 2581n], ["s0", 5161n]],
      data_driven: [["s28", 2000n], ["s21", 2000n], ["s14", 2000n], ["s7", 2000n], ["s0", 2000n]],
    },
  ],
])("%s", (_name, touches, expected) => {
  const result = credits(touches)
  it.each([...ATTRIBUTION_MODELS])("%s", (model) => {
    expect(rows(result[model])).toEqual(expected[model])
  })
  it("computeModelCredits agrees with computeCredits", () => {
    for (const model of ATTRIBUTION_MODELS) {
      expect(computeModelCredits(model, { touches, paymentAt: PAY, amountMinor: 10000n, windowDays: 90 })).toEqual(result[model])
    }
  })
})

describe("shares (the weight field)", () => {
  it("are the model's exact shares", () => {
    const r = credits([T28, T21, T14, T7, T0])
    expect(r.first_touch).toEqual([{ sessionId: "s28", amountMinor: 10000n, weight: 1 }])
    expect(r.position_based.map((c) => c.weight)).toEqual([0.4, 1 / 15, 1 / 15, 1 / 15, 0.4])
    expect(r.linear.map((c) => c.weight)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2])
    const td = r.time_decay.map((c) => c.weight)
    ;[1, 2, 4, 8, 16].forEach((k, i) => expect(td[i]).toBeCloseTo(k / 31, 12))
  })

  it("position-based with 3 touches is 40/20/40", () => {
    expect(credits([T14, T7, T0]).position_based.map((c) => c.weight)).toEqual([0.4, 0.2, 0.4])
  })

  it("time decay with touches 0, 7 and 14 days before gives 1/7, 2/7, 4/7", () => {
    const td = credits([T0, T14, T7]).time_decay
    expect(td.map((c) => c.sessionId)).toEqual(["s14", "s7", "s0"])
    expect(td[0]!.weight).toBeCloseTo(1 / 7, 15)
    expect(td[1]!.weight).toBeCloseTo(2 / 7, 15)
    expect(td[2]!.weight).toBeCloseTo(4 / 7, 15)
  })

  it("time decay uses the exact age, not whole days (3.5 days = 2^-0.5)", () => {
    const td = credits([touch("a", 3.5, "Email"), T0]).time_decay
    const w = 2 ** -0.5
    expect(td[0]!.weight).toBeCloseTo(w / (1 + w), 12)
    // 10000 × 0.41421… = 4142.13 | 5857.86 → unit to .86
    expect(rows(td)).toEqual([["a", 4142n], ["s0", 5858n]])
  })
})

describe("last_non_direct", () => {
  it("takes the last non-Direct touch even when Direct sessions follow it", () => {
    expect(rows(credits([T28, T14, T0]).last_non_direct)).toEqual([["s28", 10000n]])
  })

  it("falls back to the last touch when every touch is Direct", () => {
    const all = [touch("d1", 9, "Direct"), touch("d2", 5, "Direct"), touch("d3", 1, "Direct")]
    const r = credits(all)
    expect(rows(r.last_non_direct)).toEqual([["d3", 10000n]])
    expect(rows(r.last_touch)).toEqual([["d3", 10000n]])
  })

  it("treats Unassigned as non-Direct", () => {
    expect(rows(credits([touch("u", 3, "Unassigned"), T0]).last_non_direct)).toEqual([["u", 10000n]])
  })
})

describe("data_driven", () => {
  const path = [T28, T21, T14, T7, T0] // Paid Search, Email, Direct, Organic Social, Direct

  it("gives each touch its channel's weight divided by that channel's touches on the path", () => {
    // 0.5 | 0.25 | 0.1/2 | 0.15 | 0.1/2 (sum 1)
    const r = credits(path, 10000n, 90, { "Paid Search": 0.5, Email: 0.25, Direct: 0.1, "Organic Social": 0.15 })
    expect(rows(r.data_driven)).toEqual([["s28", 5000n], ["s21", 2500n], ["s14", 500n], ["s7", 1500n], ["s0", 500n]])
  })

  it("splits a channel's weight among its touches", () => {
    // Email 1, Direct 1 shared by two sessions → 2 : 1 : 1
    const r = credits(path, 10000n, 90, { Email: 1, Direct: 1 })
    expect(rows(r.data_driven)).toEqual([["s21", 5000n], ["s14", 2500n], ["s0", 2500n]])
  })

  it("leaves out touches whose channel has no weight", () => {
    const r = credits(path, 10000n, 90, { "Paid Search": 3, Display: 5 })
    expect(r.data_driven).toEqual([{ sessionId: "s28", amountMinor: 10000n, weight: 1 }])
  })

  it("accepts weights on any scale", () => {
    const small = credits(path, 10000n, 90, { Email: 1e-150, Direct: 1e-150 })
    const large = credits(path, 10000n, 90, { Email: 1e200, Direct: 1e200 })
    expect(rows(small.data_driven)).toEqual([["s21", 5000n], ["s14", 2500n], ["s0", 2500n]])
    expect(rows(large.data_driven)).toEqual(rows(small.data_driven))
  })

  it.each<[string, Partial<Record<Channel, number>> | null | undefined]>([
    ["no weights", undefined],
    ["null", null],
    ["an empty object", {}],
    ["all zero", { "Paid Search": 0, Email: 0, Direct: 0, "Organic Social": 0 }],
    ["only other channels", { Display: 1 }],
    ["negative and non-finite", { "Paid Search": -1, Email: NaN, Direct: Infinity }],
  ])("falls back to linear with %s", (_name, weights) => {
    const r = credits(path, 10000n, 90, weights)
    expect(r.data_driven).toEqual(r.linear)
  })
})

describe("eligible touches", () => {
  it("excludes touches older than the window and after the payment; both bounds inclusive", () => {
    const touches = [
      touch("too-old", 10, "Email", 1), // 10 days and 1 ms before
      touch("edge-old", 10, "Paid Search"), // exactly 10 days before
      touch("mid", 4, "Organic Social"),
      touch("at-payment", 0, "Referral"), // exactly at the payment
      touch("after", 0, "Email", -1), // 1 ms after the payment
    ]
    const r = credits(touches, 10000n, 10)
    expect(rows(r.first_touch)).toEqual([["edge-old", 10000n]])
    expect(rows(r.last_touch)).toEqual([["at-payment", 10000n]])
    expect(rows(r.linear)).toEqual([["edge-old", 3334n], ["mid", 3333n], ["at-payment", 3333n]])
    expect(eligibleTouches(touches, PAY, 10).map((t) => t.sessionId)).toEqual(["edge-old", "mid", "at-payment"])
  })

  it("windowDays 0 keeps only sessions that started at the payment instant; Infinity keeps all before it", () => {
    expect(eligibleTouches([T7, T0], PAY, 0).map((t) => t.sessionId)).toEqual(["s0"])
    const ancient = touch("ancient", 5000, "Email")
    expect(eligibleTouches([T0, ancient], PAY, Infinity).map((t) => t.sessionId)).toEqual(["ancient", "s0"])
  })

  it("with no eligible touch every model answers one unattributed credit", () => {
    const none = [touch("old", 91, "Email"), touch("future", 0, "Email", -1000)]
    const r = credits(none, 12345n, 90)
    for (const model of ATTRIBUTION_MODELS) {
      expect(r[model]).toEqual([{ sessionId: null, amountMinor: 12345n, weight: 1 }])
    }
    expect(credits([], 0n).linear).toEqual([{ sessionId: null, amountMinor: 0n, weight: 1 }])
  })

  it("sorts by start, then session id, and removes duplicate sessions", () => {
    const sameTime = [touch("b", 3, "Email"), touch("a", 3, "Referral"), touch("a", 3, "Referral"), touch("c", 1, "Direct")]
    const r = credits(sameTime, 10000n)
    expect(rows(r.first_touch)).toEqual([["a", 10000n]])
    expect(rows(r.linear)).toEqual([["a", 3334n], ["b", 3333n], ["c", 3333n]])
  })

  it("keeps a duplicated session once, at its earliest eligible start", () => {
    const dup = [touch("x", 2, "Email"), touch("y", 5, "Referral"), touch("x", 8, "Email")]
    expect(eligibleTouches(dup, PAY, 90).map((t) => [t.sessionId, t.startedAt.getTime()])).toEqual([
      ["x", before(8).getTime()],
      ["y", before(5).getTime()],
    ])
    expect(rows(credits(dup).first_touch)).toEqual([["x", 10000n]])
  })

  it("ignores touches without a session id or a valid date", () => {
    const bad = [{ sessionId: "", startedAt: before(1), channel: "Email" as Channel }, { sessionId: "z", startedAt: new Date(NaN), channel: "Email" as Channel }, T7]
    expect(rows(credits(bad).linear)).toEqual([["s7", 10000n]])
  })

  it("does not depend on the order of the input", () => {
    const path = [T28, T21, T14, T7, T0]
    const reversed = [...path].reverse()
    const dd = { Email: 2, Direct: 1 }
    expect(credits(reversed, 9999n, 90, dd)).toEqual(credits(path, 9999n, 90, dd))
  })
})

describe("rounding", () => {
  it("1 cent over 3 touches goes to exactly one touch, always the same", () => {
    const r = credits([T14, T7, T0], 1n)
    const winner = (model: AttributionModel) => r[model].filter((c) => c.amountMinor === 1n).map((c) => c.sessionId)
    // linear: 1/3 each, equal remainders → the first touch
    expect(winner("linear")).toEqual(["s14"])
    // position-based: 2/5, 1/5, 2/5 → first and last tie → the first
    expect(winner("position_based")).toEqual(["s14"])
    // time decay: 1/7, 2/7, 4/7 → the newest
    expect(winner("time_decay")).toEqual(["s0"])
    expect(winner("first_touch")).toEqual(["s14"])
    expect(winner("last_touch")).toEqual(["s0"])
    expect(winner("last_non_direct")).toEqual(["s7"])
    // Touches with a share but no unit stay in the output with amount 0.
    expect(r.linear).toHaveLength(3)
    expect(r.linear.map((c) => c.amountMinor)).toEqual([1n, 0n, 0n])
    expect(credits([T14, T7, T0], 1n)).toEqual(r)
  })

  it("2 units over 3 touches: the first two under linear", () => {
    expect(rows(credits([T14, T7, T0], 2n).linear)).toEqual([["s14", 1n], ["s7", 1n], ["s0", 0n]])
  })

  it("single-winner models list only the winner", () => {
    const r = credits([T28, T21, T14, T7, T0])
    for (const model of ["first_touch", "last_touch", "last_non_direct"] as const) expect(r[model]).toHaveLength(1)
  })

  it("splits amounts beyond 2^53 exactly", () => {
    const big = 2n ** 70n + 1n // 1180591620717411303425
    const r = credits([T14, T7, T0], big)
    // ÷3 = 393530540239137101141.67 → the unit left goes to the first (equal remainders)
    expect(r.linear.map((c) => c.amountMinor)).toEqual([393530540239137101142n, 393530540239137101142n, 393530540239137101141n])
    expect(r.linear.reduce((a, c) => a + c.amountMinor, 0n)).toBe(big)
  })

  it("splits a negative amount like its absolute value, negated", () => {
    const r = credits([T14, T7, T0], -10000n)
    expect(rows(r.linear)).toEqual([["s14", -3334n], ["s7", -3333n], ["s0", -3333n]])
  })
})

describe("input errors", () => {
  const base = { touches: [T0], paymentAt: PAY, amountMinor: 100n, windowDays: 90 }
  it.each<[string, object]>([
    ["a number amount", { amountMinor: 100 }],
    ["an invalid payment date", { paymentAt: new Date("nope") }],
    ["a negative window", { windowDays: -1 }],
    ["a NaN window", { windowDays: NaN }],
    ["touches that are not an array", { touches: null }],
  ])("rejects %s", (_name, patch) => {
    const input = { ...base, ...patch } as Parameters<typeof computeCredits>[0]
    expect(() => computeCredits(input)).toThrow(AttributionError)
  })

  it("rejects an unknown model", () => {
    expect(() => computeModelCredits("u_shaped" as AttributionModel, base)).toThrow(AttributionError)
  })
})

import { computeCredits } from "../../attribution/models"
import type { Touch } from "../../attribution/types"
import { codeOfTouch, codeTouches, normalizeCodes, orderPromotionCodes, type CodeMapping } from "../index"

const DAY = 86_400_000
const PAY = new Date("2026-11-20T12:00:00.000Z")
const ANNA: CodeMapping = { code: "anna10", channel: "Affiliates", source: "anna", medium: "influencer", campaign: null }

describe("normalizeCodes", () => {
  it("upper-cases, trims, drops blanks and non-strings, de-duplicates and sorts", () => {
    expect(normalizeCodes([" anna10", "WELCOME", "Anna10", "", "  ", null, 5, "bf-2026"])).toEqual([
      "ANNA10",
      "BF-2026",
      "WELCOME",
    ])
  })
})

describe("orderPromotionCodes", () => {
  it("reads item and shipping adjustments and linked promotions", () => {
    const order = {
      items: [{ adjustments: [{ code: "anna10" }, { code: null }] }, { adjustments: null }, null],
      shipping_methods: [{ adjustments: [{ code: "FREESHIP" }] }],
      promotions: [{ code: "ANNA10" }, { code: "auto-5" }],
    }
    expect(orderPromotionCodes(order)).toEqual(["ANNA10", "AUTO-5", "FREESHIP"])
  })

  it("answers [] for an order without promotions", () => {
    expect(orderPromotionCodes({})).toEqual([])
    expect(orderPromotionCodes({ items: [], shipping_methods: null, promotions: null })).toEqual([])
  })
})

describe("codeTouches", () => {
  it("adds one touch per mapped code, at the payment time, with the mapping's channel", () => {
    const email: CodeMapping = { code: "NEWS5", channel: "Email", source: "newsletter", medium: "email", campaign: null }
    expect(codeTouches(["NEWS5", "UNMAPPED", "ANNA10"], [ANNA, email], PAY)).toEqual([
      { sessionId: "code:ANNA10", startedAt: PAY, channel: "Affiliates" },
      { sessionId: "code:NEWS5", startedAt: PAY, channel: "Email" },
    ])
  })

  it("adds nothing without codes or mappings", () => {
    expect(codeTouches(null, [ANNA], PAY)).toEqual([])
    expect(codeTouches(["ANNA10"], [], PAY)).toEqual([])
  })

  it("names the code back from the touch id, and nothing for a session id", () => {
    expect(codeOfTouch("code:ANNA10")).toBe("ANNA10")
    expect(codeOfTouch("sess_123")).toBeNull()
    expect(codeOfTouch(null)).toBeNull()
  })
})

describe("a code touch under the models", () => {
  const direct: Touch = { sessionId: "s_direct", startedAt: new Date(PAY.getTime() - 2 * DAY), channel: "Direct" }
  const search: Touch = { sessionId: "s_search", startedAt: new Date(PAY.getTime() - 10 * DAY), channel: "Organic Search" }
  const credit = (touches: Touch[]) =>
    computeCredits({ touches: [...touches, ...codeTouches(["ANNA10"], [ANNA], PAY)], paymentAt: PAY, amountMinor: 10000n, windowDays: 90 })

  it("turns a Direct order into Affiliates under last_non_direct, and first_touch keeps the first session", () => {
    const c = credit([direct])
    expect(c.last_non_direct).toEqual([{ sessionId: "code:ANNA10", amountMinor: 10000n, weight: 1 }])
    expect(c.last_touch.map((x) => x.sessionId)).toEqual(["code:ANNA10"])
    expect(c.first_touch.map((x) => x.sessionId)).toEqual(["s_direct"])
  })

  it("is one touch among the sessions for the multi-touch models, and every model adds up to the amount", () => {
    const c = credit([search, direct])
    expect(c.linear.map((x) => [x.sessionId, x.amountMinor])).toEqual([
      ["s_search", 3334n],
      ["s_direct", 3333n],
      ["code:ANNA10", 3333n],
    ])
    // 40/20/40: the code is the last touch.
    expect(c.position_based.map((x) => x.amountMinor)).toEqual([4000n, 2000n, 4000n])
    for (const list of Object.values(c)) expect(list.reduce((a, x) => a + x.amountMinor, 0n)).toBe(10000n)
  })

  it("gives a payment without any session (unlinked) the code's channel instead of no touch", () => {
    const c = credit([])
    for (const list of Object.values(c)) expect(list).toEqual([{ sessionId: "code:ANNA10", amountMinor: 10000n, weight: 1 }])
  })
})

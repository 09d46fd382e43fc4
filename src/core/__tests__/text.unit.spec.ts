import { STORABLE, storableText } from "../text"

describe("storableText", () => {
  it("removes NUL from strings, keys and nested values, and leaves the rest alone", () => {
    const when = new Date("2026-01-01T00:00:00Z")
    expect(storableText({ "a\u0000b": ["x\u0000", 1, null, { c: "\u0000d" }], when })).toEqual({ ab: ["x", 1, null, { c: "d" }], when })
    expect(storableText("plain 😀")).toBe("plain 😀")
    expect(storableText(5)).toBe(5)
  })

  it("replaces unpaired surrogates, which jsonb refuses, and keeps paired ones", () => {
    expect(storableText({ "k\udc00": ["\ud800x", "😀"] })).toEqual({ "k\ufffd": ["\ufffdx", "😀"] })
    expect(JSON.stringify(storableText("a\ud800"))).toBe('"a\ufffd"')
  })
})

describe("STORABLE", () => {
  it("accepts text with paired surrogates only and refuses NUL", () => {
    expect(STORABLE.test("ok 😀 é")).toBe(true)
    expect(STORABLE.test("")).toBe(true)
    expect(STORABLE.test("bad\u0000")).toBe(false)
    expect(STORABLE.test("lone \ud800")).toBe(false)
    expect(STORABLE.test("lone \udc00 low")).toBe(false)
    expect(STORABLE.test("reversed \udc00\ud800")).toBe(false)
  })

  it("is fast on long input (no backtracking)", () => {
    const long = "a😀".repeat(50_000)
    expect(STORABLE.test(long)).toBe(true)
    expect(STORABLE.test(long + "\ud800")).toBe(false)
  })
})

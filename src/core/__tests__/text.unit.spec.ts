import { NO_NUL, withoutNul } from "../text"

describe("withoutNul", () => {
  it("removes NUL from strings, keys and nested values, and leaves the rest alone", () => {
    const when = new Date("2026-01-01T00:00:00Z")
    expect(withoutNul({ "a\u0000b": ["x\u0000", 1, null, { c: "\u0000d" }], when })).toEqual({ ab: ["x", 1, null, { c: "d" }], when })
    expect(withoutNul("plain")).toBe("plain")
    expect(withoutNul(5)).toBe(5)
  })
})

describe("NO_NUL", () => {
  it("matches strings without NUL only", () => {
    expect(NO_NUL.test("ok 😀 \ud800")).toBe(true)
    expect(NO_NUL.test("bad\u0000")).toBe(false)
  })
})

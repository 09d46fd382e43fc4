import { newId } from "../ids"

describe("newId", () => {
  it("is the prefix and a 26-character Crockford base32 ULID", () => {
    expect(newId("apay")).toMatch(/^apay_[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it("starts with the time, so ids made later sort after earlier ones", () => {
    const before = newId("x")
    const later = Date.now() + 5
    while (Date.now() < later) {
      // wait for the clock to move on
    }
    expect(newId("x").slice(2, 12) > before.slice(2, 12)).toBe(true)
  })

  it("encodes the current time in its first ten characters", () => {
    const now = Date.now()
    const time = newId("x").slice(2, 12)
    const decoded = [...time].reduce((n, ch) => n * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(ch), 0)
    expect(Math.abs(decoded - now)).toBeLessThan(1000)
  })

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 20000 }, () => newId("x")))
    expect(ids.size).toBe(20000)
  })
})

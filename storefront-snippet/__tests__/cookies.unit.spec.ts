import { readCookie, serializeCookie } from "../src/cookies"

describe("serializeCookie", () => {
  it("writes first-party, site-wide, Lax cookies, Secure on https", () => {
    expect(serializeCookie("_ra_vid", "abc", 31536000, true)).toBe("_ra_vid=abc; Max-Age=31536000; Path=/; SameSite=Lax; Secure")
    expect(serializeCookie("_ra_sid", "abc", 1800, false)).toBe("_ra_sid=abc; Max-Age=1800; Path=/; SameSite=Lax")
  })

  it("deletes with Max-Age=0", () => {
    expect(serializeCookie("_ra_sid", "", 0, false)).toBe("_ra_sid=; Max-Age=0; Path=/; SameSite=Lax")
  })

  it("never sets a Domain (host-only)", () => {
    expect(serializeCookie("_ra_vid", "abc", 1, true)).not.toMatch(/domain/i)
  })
})

describe("readCookie", () => {
  const jar = "theme=dark; x_ra_vid=wrong; _ra_vid=right_value_0123; _ra_sid=s; _ra_vid=later"

  it("finds a cookie by its exact name, the first one when repeated", () => {
    expect(readCookie(jar, "_ra_vid")).toBe("right_value_0123")
    expect(readCookie(jar, "_ra_sid")).toBe("s")
    expect(readCookie(jar, "theme")).toBe("dark")
    expect(readCookie("_ra_vid=first", "_ra_vid")).toBe("first")
  })

  it("answers null when absent", () => {
    expect(readCookie(jar, "_ra_act")).toBeNull()
    expect(readCookie("", "_ra_vid")).toBeNull()
  })

  it("answers an empty value as empty", () => {
    expect(readCookie("_ra_sid=; a=b", "_ra_sid")).toBe("")
  })
})

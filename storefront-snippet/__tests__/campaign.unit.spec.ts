import { campaignSignature, hash } from "../src/campaign"

describe("campaignSignature", () => {
  it("is empty for a URL without campaign parameters", () => {
    expect(campaignSignature("https://shop.example/p/shirt")).toBe("")
    expect(campaignSignature("https://shop.example/?page=2&q=shoes")).toBe("")
    expect(campaignSignature("https://shop.example/?utm_source=")).toBe("")
  })

  it.each([
    "gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "ttclid",
    "li_fat_id", "twclid", "epik", "ScCid", "yclid", "rdt_cid", "utm_source", "utm_medium",
    "utm_campaign", "utm_term", "utm_content", "utm_id",
  ])("counts %s", (name) => {
    expect(campaignSignature(`https://shop.example/?${name}=abc`)).toMatch(/^[0-9a-z]+$/)
  })

  it.each(["gad_source", "igshid", "srsltid", "mc_eid", "gclidx", "xgclid", "ref"])("ignores %s", (name) => {
    expect(campaignSignature(`https://shop.example/?${name}=abc`)).toBe("")
  })

  it("ignores parameter order, name case and other parameters", () => {
    const a = campaignSignature("https://shop.example/?utm_source=google&utm_medium=cpc")
    expect(campaignSignature("https://shop.example/x?page=3&UTM_Medium=cpc&utm_source=google#top")).toBe(a)
  })

  it("differs when any campaign value differs", () => {
    const base = campaignSignature("https://shop.example/?utm_source=google&utm_medium=cpc")
    expect(campaignSignature("https://shop.example/?utm_source=google&utm_medium=organic")).not.toBe(base)
    expect(campaignSignature("https://shop.example/?utm_source=google&utm_medium=cpc&gclid=1")).not.toBe(base)
    expect(campaignSignature("https://shop.example/?gclid=1")).not.toBe(campaignSignature("https://shop.example/?gclid=2"))
  })

  it("is empty, and does not throw, for a malformed URL", () => {
    expect(campaignSignature("not a url?utm_source=x")).toBe("")
    expect(campaignSignature("")).toBe("")
  })
})

describe("hash", () => {
  it("is stable, cookie-safe and spreads", () => {
    expect(hash("utm_source=google")).toBe(hash("utm_source=google"))
    expect(hash("")).toBe("0")
    const values = Array.from({ length: 1000 }, (_, i) => hash("gclid=" + i))
    expect(new Set(values).size).toBe(1000)
    for (const v of values) expect(v).toMatch(/^[0-9a-z]{1,7}$/)
  })
})

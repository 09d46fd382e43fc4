import { MAX_PARAM_LENGTH, normalizeHost, parseLandingUrl, parseUrl, truncate } from "../url"

describe("parseUrl", () => {
  it.each(["", "   ", "not a url", "http://", "https://[::1/", "//shop.example/p", "/p/shirt"])("returns null for %j", (raw) => {
    expect(parseUrl(raw)).toBeNull()
  })

  it.each([null, undefined, 42, {}, []])("returns null for non-strings (%p)", (raw) => {
    expect(parseUrl(raw)).toBeNull()
  })

  it("parses absolute URLs", () => {
    const u = parseUrl(" https://Shop.Example:8443/a?b=1 ")
    expect(u?.hostname).toBe("shop.example")
    expect(u?.port).toBe("8443")
  })

  it("refuses absurdly long input without parsing it", () => {
    expect(parseUrl(`https://a.example/${"x".repeat(20_000)}`)).toBeNull()
  })
})

describe("parseLandingUrl", () => {
  it("reads host, path, UTMs and click ids", () => {
    expect(
      parseLandingUrl(
        "https://WWW.Shop.Example./p/shirt?utm_source=Google&utm_medium=CPC&utm_campaign=Black-Friday&utm_term=Blue+Shirt&utm_content=%20Ad%20A%20&gclid=G1#x",
      ),
    ).toEqual({
      host: "www.shop.example",
      path: "/p/shirt",
      utm: { source: "google", medium: "cpc", campaign: "Black-Friday", term: "Blue Shirt", content: "Ad A" },
      clickIds: { gclid: "G1" },
    })
  })

  it("matches parameter names case-insensitively and stores canonical click-id keys", () => {
    const r = parseLandingUrl("https://s.example/?UTM_SOURCE=X&ScCid=1&MSCLKID=2&Li_Fat_Id=3&TWCLID=4&Epik=5&GBRAID=6&wbraid=7&dclid=8&ttclid=9&rdt_cid=10&yclid=11&fbclid=12")
    expect(r.utm.source).toBe("x")
    expect(r.clickIds).toEqual({
      sccid: "1",
      msclkid: "2",
      li_fat_id: "3",
      twclid: "4",
      epik: "5",
      gbraid: "6",
      wbraid: "7",
      dclid: "8",
      ttclid: "9",
      rdt_cid: "10",
      yclid: "11",
      fbclid: "12",
    })
  })

  it("does not treat gad_source, igshid, srsltid or mc_eid as click ids", () => {
    expect(parseLandingUrl("https://s.example/?gad_source=1&igshid=a&igsh=b&srsltid=c&mc_eid=d&mc_cid=e").clickIds).toEqual({})
  })

  it("keeps the first non-empty value of a repeated parameter", () => {
    const r = parseLandingUrl("https://s.example/?utm_source=&utm_source=a&utm_source=b&gclid=1&GCLID=2")
    expect(r.utm.source).toBe("a")
    expect(r.clickIds).toEqual({ gclid: "1" })
  })

  it("ignores unknown utm_ parameters", () => {
    expect(parseLandingUrl("https://s.example/?utm_id=1&utm_source_platform=x").utm).toEqual({
      source: null,
      medium: null,
      campaign: null,
      term: null,
      content: null,
    })
  })

  it("accepts a path-only URL without inventing a host", () => {
    const r = parseLandingUrl("/p/shirt?utm_source=a")
    expect(r.host).toBeNull()
    expect(r.path).toBe("/p/shirt")
    expect(r.utm.source).toBe("a")
  })

  it("gives the root path for a bare origin", () => {
    expect(parseLandingUrl("https://shop.example").path).toBe("/")
  })

  it.each([null, undefined, "", "garbage", "javascript:alert(1)", "data:text/html,hi", "ftp://shop.example/x"])("returns empty fields for %p", (raw) => {
    expect(parseLandingUrl(raw)).toEqual({
      host: null,
      path: null,
      utm: { source: null, medium: null, campaign: null, term: null, content: null },
      clickIds: {},
    })
  })

  it("truncates long values", () => {
    const r = parseLandingUrl(`https://s.example/?utm_campaign=${"c".repeat(900)}&fbclid=${"f".repeat(900)}`)
    expect(r.utm.campaign).toHaveLength(MAX_PARAM_LENGTH)
    expect(r.clickIds.fbclid).toHaveLength(MAX_PARAM_LENGTH)
  })
})

describe("helpers", () => {
  it("truncate never splits a surrogate pair", () => {
    expect(truncate("ab😀", 3)).toBe("ab")
    expect(truncate("ab😀", 4)).toBe("ab😀")
    expect(truncate("abc", 10)).toBe("abc")
  })

  it("normalizeHost lower-cases and drops trailing dots", () => {
    expect(normalizeHost(" WWW.Example.COM.. ")).toBe("www.example.com")
    expect(normalizeHost("")).toBeNull()
    expect(normalizeHost(null)).toBeNull()
  })
})

import { getAttributionCartMetadata, parseCookieHeader } from "../src/server"

const VID = "vis0123456789abcdefghij"
const SID = "ses0123456789abcdefghij"

describe("getAttributionCartMetadata", () => {
  it("reads a Next.js cookies() store", () => {
    const jar = new Map([
      ["_ra_vid", { name: "_ra_vid", value: VID }],
      ["_ra_sid", { name: "_ra_sid", value: SID }],
    ])
    const store = { get: (name: string) => jar.get(name) }
    expect(getAttributionCartMetadata(store)).toEqual({ attribution_visitor_id: VID, attribution_session_id: SID })
  })

  it("reads a Cookie header", () => {
    const header = `theme=dark; _ra_vid=${VID}; other=1; _ra_sid=${SID}`
    expect(getAttributionCartMetadata(header)).toEqual({ attribution_visitor_id: VID, attribution_session_id: SID })
  })

  it("reads a plain record (req.cookies)", () => {
    expect(getAttributionCartMetadata({ _ra_vid: VID, _ra_sid: SID })).toEqual({ attribution_visitor_id: VID, attribution_session_id: SID })
  })

  it("reads a getter answering strings (a Map)", () => {
    expect(getAttributionCartMetadata(new Map([["_ra_vid", VID]]))).toEqual({ attribution_visitor_id: VID })
  })

  it("leaves out what is missing or malformed", () => {
    expect(getAttributionCartMetadata(`_ra_vid=${VID}`)).toEqual({ attribution_visitor_id: VID })
    expect(getAttributionCartMetadata({ _ra_vid: "short", _ra_sid: SID })).toEqual({ attribution_session_id: SID })
    expect(getAttributionCartMetadata({ _ra_vid: "<script>alert(1)</script>xx" })).toEqual({})
    expect(getAttributionCartMetadata("_ra_vid=" + "a".repeat(65))).toEqual({})
    expect(getAttributionCartMetadata({ get: () => undefined })).toEqual({})
  })

  it.each([null, undefined, "", 42, {}])("answers {} for %p", (source) => {
    expect(getAttributionCartMetadata(source as never)).toEqual({})
  })

  it("answers {} when the cookie source throws", () => {
    const store = {
      get: () => {
        throw new Error("cookies() was called outside a request scope")
      },
    }
    expect(getAttributionCartMetadata(store)).toEqual({})
  })

  it("does not read inherited properties of a record", () => {
    const record = Object.create({ _ra_vid: VID })
    expect(getAttributionCartMetadata(record)).toEqual({})
  })
})

describe("parseCookieHeader", () => {
  it("splits, trims, unquotes and decodes; the first of repeated names wins", () => {
    expect(parseCookieHeader(' a=1 ; b="two" ;c=%7Bx%7D; a=3; broken; d=%E0%A4%A')).toEqual({
      a: "1",
      b: "two",
      c: "{x}",
      d: "%E0%A4%A",
    })
  })

  it("keeps = inside values", () => {
    expect(parseCookieHeader("token=a=b==")).toEqual({ token: "a=b==" })
  })
})

import { createHash } from "crypto"
import { hashEmail, idsFromMetadata, isValidClientId } from "../identity"

describe("client ids", () => {
  it.each([
    ["abcdefghijklmnop", true],
    ["A1_-".repeat(16), true],
    ["short", false],
    ["x".repeat(65), false],
    ["has space in it!!", false],
    ["<script>alert(1)</script>", false],
    [12345678901234567, false],
    [null, false],
  ])("%p is valid: %p", (value, valid) => {
    expect(isValidClientId(value)).toBe(valid)
  })
})

describe("idsFromMetadata", () => {
  const vid = "vis_0123456789abcdef"
  const sid = "ses_0123456789abcdef"

  it("reads the snippet's keys first, then the aliases", () => {
    expect(idsFromMetadata({ attribution_visitor_id: vid, attribution_session_id: sid })).toEqual({ visitorId: vid, sessionId: sid })
    expect(idsFromMetadata({ visitorId: vid, sessionId: sid })).toEqual({ visitorId: vid, sessionId: sid })
    expect(idsFromMetadata({ visitor_id: vid, session_id: sid })).toEqual({ visitorId: vid, sessionId: sid })
    expect(idsFromMetadata({ attribution_visitor_id: vid, visitor_id: "vis_other_000000000" }).visitorId).toBe(vid)
  })

  it("skips malformed values and falls through to a valid alias", () => {
    expect(idsFromMetadata({ attribution_visitor_id: "bad id", visitor_id: vid }).visitorId).toBe(vid)
  })

  it.each([null, undefined, "string", 42, [vid], {}])("answers nulls for %p", (metadata) => {
    expect(idsFromMetadata(metadata)).toEqual({ visitorId: null, sessionId: null })
  })
})

describe("hashEmail", () => {
  it("hashes the trimmed, lower-cased address with SHA-256", () => {
    const expected = createHash("sha256").update("buyer@example.com").digest("hex")
    expect(hashEmail("  Buyer@Example.COM ")).toBe(expected)
    expect(hashEmail("buyer@example.com")).toBe(expected)
    expect(hashEmail("other@example.com")).not.toBe(expected)
  })
})

import { createHmac } from "crypto"
import { verifyPolar, type PolarHeaders } from "../verify-polar"

/**
 * Signatures are computed here with node's crypto, not with the library under test, so each of
 * Polar's key schemes is checked against an independent implementation.
 */
function sign(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`
}
/** Polar before 2026-09-08 (and `@polar-sh/sdk` validateEvent): the key is the whole secret's UTF-8 bytes. */
const legacyKey = (secret: string) => Buffer.from(secret, "utf8")
/** Standard Webhooks: the key is the base64 after `whsec_`. */
const standardKey = (secret: string) => Buffer.from(secret.slice("whsec_".length), "base64")

const now = () => Math.floor(Date.now() / 1000)
const BODY = JSON.stringify({ type: "order.paid", timestamp: "2026-11-22T10:00:00Z", data: { id: "ord-1", note: "café ☕" } })
const ID = "msg_2b7a5d1e-0c4f-4a51-9a6f-3d7c2e1b0a99"

function headersFor(key: Buffer, timestamp = now(), body = BODY, id = ID): PolarHeaders {
  return { id, timestamp: String(timestamp), signature: sign(key, id, timestamp, body) }
}

const ok = { ok: true, body: BODY }

describe("verifyPolar: the Standard Webhooks test vector", () => {
  // standard-webhooks/standard-webhooks libraries/javascript/src/webhook.test.ts, "sign function works".
  const vector = {
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  }
  const headers = { id: vector.id, timestamp: String(vector.timestamp), signature: vector.signature }

  afterEach(() => jest.useRealTimers())

  it("matches the published signature at its time", () => {
    expect(sign(standardKey(vector.secret), vector.id, vector.timestamp, vector.body)).toBe(vector.signature)
    jest.useFakeTimers({ now: vector.timestamp * 1000 + 60_000 })
    expect(verifyPolar(Buffer.from(vector.body), headers, [vector.secret])).toEqual({ ok: true, body: vector.body })
  })

  it("refuses it more than five minutes later (a replay)", () => {
    jest.useFakeTimers({ now: (vector.timestamp + 5 * 60 + 1) * 1000 })
    expect(verifyPolar(Buffer.from(vector.body), headers, [vector.secret]).ok).toBe(false)
  })

  it("does not read a secret without the whsec_ prefix as a Standard Webhooks key", () => {
    jest.useFakeTimers({ now: vector.timestamp * 1000 })
    expect(verifyPolar(Buffer.from(vector.body), headers, [vector.secret.slice("whsec_".length)]).ok).toBe(false)
  })
})

describe("verifyPolar: Polar's two key schemes", () => {
  const standardSecret = "whsec_cG9sYXItc3RhbmRhcmQtdW5pdC10ZXN0LWtleQ=="

  it("accepts a legacy secret without prefix (its UTF-8 bytes are the key)", () => {
    const secret = "polar_legacy_unit_secret"
    expect(verifyPolar(Buffer.from(BODY), headersFor(legacyKey(secret)), [secret])).toEqual(ok)
  })

  it("accepts a legacy whsec_ secret, signed with the whole string as the key", () => {
    expect(verifyPolar(Buffer.from(BODY), headersFor(legacyKey(standardSecret)), [standardSecret])).toEqual(ok)
  })

  it("accepts a standard whsec_ secret, signed with its decoded base64", () => {
    expect(standardKey(standardSecret).toString("utf8")).toBe("polar-standard-unit-test-key")
    expect(verifyPolar(Buffer.from(BODY), headersFor(standardKey(standardSecret)), [standardSecret])).toEqual(ok)
  })

  it("still tries the legacy scheme for a whsec_ secret that is not base64", () => {
    const secret = "whsec_not*base64!"
    expect(verifyPolar(Buffer.from(BODY), headersFor(legacyKey(secret)), [secret])).toEqual(ok)
  })

  it("accepts any configured secret (rotation), in any order", () => {
    const secret = "polar_current_secret"
    expect(verifyPolar(Buffer.from(BODY), headersFor(legacyKey(secret)), ["polar_old_secret", standardSecret, secret])).toEqual(ok)
  })
})

describe("verifyPolar: what it refuses", () => {
  const secret = "polar_legacy_unit_secret"
  const key = legacyKey(secret)

  it("accepts one matching v1 signature among several, and ignores other versions", () => {
    const good = headersFor(key)
    const bogus = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
    const several = { ...good, signature: [bogus, good.signature.replace("v1,", "v2,"), good.signature, bogus].join(" ") }
    expect(verifyPolar(Buffer.from(BODY), several, [secret])).toEqual(ok)
    const onlyOtherVersions = { ...good, signature: `${bogus} ${good.signature.replace("v1,", "v2,")}` }
    expect(verifyPolar(Buffer.from(BODY), onlyOtherVersions, [secret]).ok).toBe(false)
  })

  it("refuses a wrong secret, a tampered body, id or timestamp, and a partial signature", () => {
    const good = headersFor(key)
    expect(verifyPolar(Buffer.from(BODY), good, ["polar_wrong_secret"]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY.replace("ord-1", "ord-2")), good, [secret]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), { ...good, id: "msg_other" }, [secret]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), { ...good, timestamp: String(Number(good.timestamp) - 1) }, [secret]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), { ...good, signature: good.signature.slice(0, 12) }, [secret]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), { ...good, signature: "v1," }, [secret]).ok).toBe(false)
  })

  it("allows five minutes of clock difference either way, and no more", () => {
    expect(verifyPolar(Buffer.from(BODY), headersFor(key, now() - 4 * 60), [secret])).toEqual(ok)
    expect(verifyPolar(Buffer.from(BODY), headersFor(key, now() + 4 * 60), [secret])).toEqual(ok)
    const stale = verifyPolar(Buffer.from(BODY), headersFor(key, now() - 6 * 60), [secret])
    expect(stale).toEqual({ ok: false, message: expect.stringContaining("more than 5 minutes away") })
    expect(verifyPolar(Buffer.from(BODY), headersFor(key, now() + 6 * 60), [secret]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), { ...headersFor(key), timestamp: "soon" }, [secret]).ok).toBe(false)
  })

  it("refuses a body that is not UTF-8 before checking any signature", () => {
    const raw = Buffer.concat([Buffer.from('{"type":"order.paid","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])
    const headers = headersFor(key, now(), raw.toString("latin1"))
    expect(verifyPolar(raw, headers, [secret])).toEqual({ ok: false, message: "The body is not UTF-8 text" })
  })

  it("refuses everything when no secret can be a key", () => {
    expect(verifyPolar(Buffer.from(BODY), headersFor(legacyKey("")), [""]).ok).toBe(false)
    expect(verifyPolar(Buffer.from(BODY), headersFor(key), []).ok).toBe(false)
  })
})

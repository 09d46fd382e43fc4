import { createHmac } from "crypto"
import { PADDLE_MAX_AGE_SECONDS, PADDLE_MAX_FUTURE_SECONDS, verifyPaddle } from "../verify-paddle"

// The published test vectors of PaddleHQ/paddle-node-sdk
// (src/__tests__/notifications/webhooks-validator.node.test.ts), signed with "VALID_SECRET".
const TS = 1698796800
const AT_TS = TS * 1000
const BODY = Buffer.from('{"data": ["1", "2"]}')
const H1 = "a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"
const OTHER_BODY = Buffer.from('{"data": "value"}')
const OTHER_H1 = "28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261"

const sign = (body: Buffer, secret: string, ts: number) => createHmac("sha256", secret).update(`${ts}:`).update(body).digest("hex")

describe("verifyPaddle", () => {
  it("accepts the SDK's published vector at its own time", () => {
    expect(verifyPaddle(BODY, `ts=${TS};h1=${H1}`, ["VALID_SECRET"], AT_TS)).toEqual({ valid: true })
    // The vector is what this HMAC computes: the scheme is `${ts}:${body}`.
    expect(sign(BODY, "VALID_SECRET", TS)).toBe(H1)
  })

  it("accepts the SDK's vector with several h1 and an unknown h2", () => {
    expect(verifyPaddle(OTHER_BODY, `ts=${TS};h1=${OTHER_H1};h1=${OTHER_H1};h2=RANDOM_HASH`, ["VALID_SECRET"], AT_TS)).toEqual({ valid: true })
  })

  it("accepts a match in any h1 position, upper-case hex and spaces around parts", () => {
    const wrong = "0".repeat(64)
    expect(verifyPaddle(BODY, `ts=${TS};h1=${H1};h1=${wrong}`, ["VALID_SECRET"], AT_TS).valid).toBe(true)
    expect(verifyPaddle(BODY, `ts=${TS};h1=${wrong};h1=${H1}`, ["VALID_SECRET"], AT_TS).valid).toBe(true)
    expect(verifyPaddle(BODY, ` ts=${TS} ; h1=${H1.toUpperCase()} `, ["VALID_SECRET"], AT_TS).valid).toBe(true)
    // A malformed h1 beside the right one does not hide it.
    expect(verifyPaddle(BODY, `ts=${TS};h1=nothex;h1=${H1}`, ["VALID_SECRET"], AT_TS).valid).toBe(true)
  })

  it("tries every configured secret (rotation, sandbox and live destinations)", () => {
    expect(verifyPaddle(BODY, `ts=${TS};h1=${H1}`, ["pdl_ntfset_other", "VALID_SECRET"], AT_TS).valid).toBe(true)
    expect(verifyPaddle(BODY, `ts=${TS};h1=${H1}`, [], AT_TS).valid).toBe(false)
  })

  it("rejects a wrong secret and a tampered body (one space more, as in the SDK's tests)", () => {
    expect(verifyPaddle(BODY, `ts=${TS};h1=${H1}`, ["INVALID_VALID_SECRET"], AT_TS)).toEqual({
      valid: false,
      reason: "The Paddle-Signature does not match the body with any configured secret",
    })
    expect(verifyPaddle(Buffer.from('{ "data": [ "1", "2" ]}'), `ts=${TS};h1=${H1}`, ["VALID_SECRET"], AT_TS).valid).toBe(false)
    // The timestamp is signed: moving it breaks the signature.
    expect(verifyPaddle(BODY, `ts=${TS + 1};h1=${H1}`, ["VALID_SECRET"], AT_TS + 1000).valid).toBe(false)
  })

  it(`accepts ${PADDLE_MAX_AGE_SECONDS} seconds of age and ${PADDLE_MAX_FUTURE_SECONDS} of clock skew, not more`, () => {
    const at = (offsetSeconds: number) => verifyPaddle(BODY, `ts=${TS};h1=${H1}`, ["VALID_SECRET"], AT_TS + offsetSeconds * 1000)
    // The SDK refuses anything older than 5 seconds; a retried or queued delivery is older.
    expect(at(6).valid).toBe(true)
    expect(at(PADDLE_MAX_AGE_SECONDS).valid).toBe(true)
    expect(at(PADDLE_MAX_AGE_SECONDS + 1)).toEqual({ valid: false, reason: `The Paddle-Signature timestamp is more than ${PADDLE_MAX_AGE_SECONDS} seconds old` })
    expect(at(4 * 24 * 3600).valid).toBe(false)
    expect(at(-PADDLE_MAX_FUTURE_SECONDS).valid).toBe(true)
    expect(at(-PADDLE_MAX_FUTURE_SECONDS - 1)).toEqual({
      valid: false,
      reason: `The Paddle-Signature timestamp is more than ${PADDLE_MAX_FUTURE_SECONDS} seconds in the future`,
    })
  })

  it("rejects malformed headers without comparing anything", () => {
    const malformed = [
      "",
      "invalid_header",
      `h1=${H1}`,
      `ts=${TS}`,
      `ts=${TS};h2=${H1}`,
      `ts=${TS};h1=invalid_signature`,
      `ts=${TS};h1=${H1.slice(0, 63)}`,
      `ts=abc;h1=${H1}`,
      `ts=-5;h1=${H1}`,
      `ts=${TS};ts=${TS};h1=${H1}`,
      `ts=1e9;h1=${H1}`,
    ]
    for (const header of malformed) {
      expect(verifyPaddle(BODY, header, ["VALID_SECRET"], AT_TS)).toEqual({ valid: false, reason: expect.stringMatching(/malformed/) })
    }
  })
})

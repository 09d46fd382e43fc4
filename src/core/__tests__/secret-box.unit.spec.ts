import { keyHint, secretBox, SecretBoxError } from "../secret-box"

const PASSPHRASE = "a-passphrase-of-at-least-32-characters!"

describe("secretBox", () => {
  it("round-trips, with a different ciphertext each time", () => {
    const box = secretBox(PASSPHRASE)
    const a = box.seal("whsec_abc")
    const b = box.seal("whsec_abc")
    expect(a).not.toBe(b)
    expect(a).not.toContain("whsec_abc")
    expect(box.open(a)).toBe("whsec_abc")
    expect(box.open(b)).toBe("whsec_abc")
  })

  it("refuses a value sealed with another key, and a tampered one", () => {
    const sealed = secretBox(PASSPHRASE).seal("rk_live_123")
    expect(() => secretBox(PASSPHRASE + "x").open(sealed)).toThrow(SecretBoxError)
    const parts = sealed.split(".")
    const body = Buffer.from(parts[3], "base64url")
    body[0] ^= 1
    parts[3] = body.toString("base64url")
    expect(() => secretBox(PASSPHRASE).open(parts.join("."))).toThrow(/encryption key has changed/)
    expect(() => secretBox(PASSPHRASE).open("plain text")).toThrow(/not in a known format/)
  })

  it("hints a key by its prefix and last four characters only", () => {
    expect(keyHint("rk_live_51ABCDEFGHwxyz")).toBe("rk_live_…wxyz")
    expect(keyHint("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.abcd1234")).toBe("…1234")
  })
})

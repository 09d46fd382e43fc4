import { resolveOptions } from "../options"

describe("resolveOptions", () => {
  it("applies the contract's defaults", () => {
    const o = resolveOptions({}, {})
    expect(o).toMatchObject({ sessionTimeoutMinutes: 30, attributionWindowDays: 90, timestampMatchWindowMinutes: 30 })
    expect(o.webhookSecrets).toEqual({ stripe: [], lemonsqueezy: [], paddle: [], polar: [] })
  })

  it("takes a secret or a list of secrets, trimming blanks", () => {
    const o = resolveOptions({ stripe: { webhookSecret: ["whsec_a", " whsec_b ", ""] }, polar: { webhookSecret: "p1" } }, {})
    expect(o.webhookSecrets.stripe).toEqual(["whsec_a", "whsec_b"])
    expect(o.webhookSecrets.polar).toEqual(["p1"])
  })

  it("falls back to environment variables, comma-separated for rotation", () => {
    const o = resolveOptions(
      { lemonsqueezy: { webhookSecret: "from-options" } },
      { ATTRIBUTION_STRIPE_WEBHOOK_SECRET: "whsec_1,whsec_2", ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET: "from-env" }
    )
    expect(o.webhookSecrets.stripe).toEqual(["whsec_1", "whsec_2"])
    expect(o.webhookSecrets.lemonsqueezy).toEqual(["from-options"])
  })

  it.each([0, -5, "30", Number.NaN])("refuses sessionTimeoutMinutes = %p with a message naming it", (value) => {
    expect(() => resolveOptions({ sessionTimeoutMinutes: value as number }, {})).toThrow(/sessionTimeoutMinutes/)
  })
})

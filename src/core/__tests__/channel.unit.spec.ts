import { readFileSync } from "node:fs"
import { join } from "node:path"
import { CHANNELS, classifyChannel, isChannel, type Channel, type ChannelInput } from "../channel"

describe("CHANNELS", () => {
  it("is exactly the contract's list of 19 channels", () => {
    expect([...CHANNELS]).toEqual([
      "Direct",
      "Organic Search",
      "Paid Search",
      "Organic Social",
      "Paid Social",
      "Email",
      "Affiliates",
      "Referral",
      "Display",
      "Organic Video",
      "Paid Video",
      "Organic Shopping",
      "Paid Shopping",
      "Paid Other",
      "Cross-network",
      "SMS",
      "Mobile Push Notifications",
      "Audio",
      "Unassigned",
    ])
  })

  it("matches the list in shared/CONTRACT.md when it is available", () => {
    let contract: string
    try {
      contract = readFileSync(join(__dirname, "../../../../shared/CONTRACT.md"), "utf8")
    } catch {
      return // the contract lives outside the package; nothing to compare in a bare checkout
    }
    const line = contract.split("\n").find((l) => l.includes("`Direct`, `Organic Search`"))
    expect(line).toBeDefined()
    const names = [...line!.matchAll(/`([^`]+)`/g)].map((m) => m[1])
    expect(names).toEqual([...CHANNELS])
  })

  it("isChannel accepts only exact names", () => {
    expect(isChannel("Paid Search")).toBe(true)
    expect(isChannel("paid search")).toBe(false)
    expect(isChannel(null)).toBe(false)
  })
})

type Row = [ChannelInput | null | undefined, Channel]

describe("classifyChannel (GA4 rules, in GA4's order)", () => {
  const rows: Row[] = [
    // Direct needs source (direct) (or nothing) and medium (none)/(not set)/nothing.
    [{}, "Direct"],
    [null, "Direct"],
    [undefined, "Direct"],
    [{ source: "(direct)", medium: "(none)" }, "Direct"],
    [{ source: "(DIRECT)", medium: "(not set)" }, "Direct"],
    [{ source: "  ", medium: "" }, "Direct"],
    [{ source: "(direct)", medium: "cpc" }, "Paid Other"],
    [{ source: "(not set)", medium: "(not set)" }, "Unassigned"],
    // Cross-network comes right after Direct.
    [{ source: "google", medium: "cpc", campaign: "x cross-network y" }, "Cross-network"],
    [{ source: "", medium: "", campaign: "Cross-Network" }, "Direct"],
    [{ source: "partner", medium: "(not set)", campaign: "Cross-Network" }, "Cross-network"],
    // Paid Shopping before Paid Search; the shop regex.
    [{ source: "google", medium: "cpc", campaign: "shop" }, "Paid Shopping"],
    [{ source: "google", medium: "cpc", campaign: "e-shop" }, "Paid Shopping"],
    [{ source: "google", medium: "cpc", campaign: "eshop" }, "Paid Shopping"],
    [{ source: "google", medium: "cpc", campaign: "2024shop" }, "Paid Shopping"],
    [{ source: "google", medium: "cpc", campaign: "workshop" }, "Paid Search"],
    [{ source: "google", medium: "cpc", campaign: "bookshop" }, "Paid Search"],
    [{ source: "google", medium: "cpc", campaign: "workshopping" }, "Paid Shopping"],
    [{ source: "Amazon", medium: "PPC" }, "Paid Shopping"],
    // Paid medium regex ^(.*cp.*|ppc|retargeting|paid.*)$
    [{ source: "bing", medium: "cpc" }, "Paid Search"],
    [{ source: "bing", medium: "xcpx" }, "Paid Search"],
    [{ source: "bing", medium: "paid" }, "Paid Search"],
    [{ source: "bing", medium: "paidsearch" }, "Paid Search"],
    [{ source: "bing", medium: "retargeting" }, "Paid Search"],
    [{ source: "bing", medium: "unpaid" }, "Organic Search"],
    [{ source: "bing", medium: "ppc-brand" }, "Organic Search"],
    [{ source: "facebook", medium: "cpc" }, "Paid Social"],
    [{ source: "l.facebook.com", medium: "cpc" }, "Paid Social"],
    [{ source: "youtube", medium: "cpv" }, "Paid Video"],
    // Display before Paid Other (cpm is both).
    [{ source: "partner", medium: "cpm" }, "Display"],
    [{ source: "partner", medium: "Banner" }, "Display"],
    [{ source: "partner", medium: "cpa" }, "Paid Other"],
    // Organic Shopping before Organic Social (a shopping campaign from a social site).
    [{ source: "facebook", medium: "social", campaign: "shopping" }, "Organic Shopping"],
    [{ source: "facebook", medium: "social" }, "Organic Social"],
    // Organic Social before Organic Video before Organic Search.
    [{ source: "partner", medium: "social media" }, "Organic Social"],
    [{ source: "youtube", medium: "social" }, "Organic Social"],
    [{ source: "google", medium: "video" }, "Organic Video"],
    [{ source: "google", medium: "referral" }, "Organic Search"],
    [{ source: "partner", medium: "organic" }, "Organic Search"],
    [{ source: "partner", medium: "Organic " }, "Organic Search"],
    // Referral before Email.
    [{ source: "email", medium: "link" }, "Referral"],
    [{ source: "partner", medium: "email" }, "Email"],
    [{ source: "e_mail", medium: "(not set)" }, "Email"],
    // Our email list is not a GA4 category: a webmail source needs an email medium.
    [{ source: "gmail", medium: "(not set)" }, "Unassigned"],
    [{ source: "partner", medium: "affiliate" }, "Affiliates"],
    [{ source: "partner", medium: "audio" }, "Audio"],
    [{ source: "sms", medium: "(not set)" }, "SMS"],
    [{ source: "partner", medium: "sms" }, "SMS"],
    [{ source: "partner", medium: "webpush" }, "Mobile Push Notifications"],
    [{ source: "partner", medium: "mobile-app" }, "Mobile Push Notifications"],
    [{ source: "partner", medium: "notifications" }, "Mobile Push Notifications"],
    [{ source: "Firebase", medium: "x" }, "Mobile Push Notifications"],
    [{ source: "partner", medium: "pushy" }, "Unassigned"],
    // Click ids only when source and medium are both missing.
    [{ clickIds: { gclid: "x" } }, "Paid Search"],
    [{ clickIds: { dclid: "x" } }, "Display"],
    [{ clickIds: { fbclid: "x" } }, "Organic Social"],
    [{ clickIds: { ttclid: "x", fbclid: "y" } }, "Paid Social"],
    [{ clickIds: { gclid: "" } }, "Direct"],
    [{ source: "partner", medium: "referral", clickIds: { gclid: "x" } }, "Referral"],
  ]

  it.each(rows.map((r) => [JSON.stringify(r[0]), r[0], r[1]] as const))("%s → %s", (_n, input, expected) => {
    expect(classifyChannel(input)).toBe(expected)
  })

  it("ignores non-string fields instead of throwing", () => {
    expect(classifyChannel({ source: 5 as unknown as string, medium: {} as unknown as string })).toBe("Direct")
    expect(classifyChannel({ clickIds: "gclid" as unknown as Record<string, string> })).toBe("Direct")
  })
})

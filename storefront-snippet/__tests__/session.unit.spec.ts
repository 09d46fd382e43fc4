import { formatActivity, needsNewSession, parseActivity } from "../src/session"

const T = 30 * 60_000
const NOW = 1_763_800_000_000

describe("activity record", () => {
  it("round-trips through its cookie form", () => {
    const text = formatActivity([NOW, "1pgvj6v"])
    expect(text).toMatch(/^[0-9a-z]+\.[0-9a-z]*$/)
    expect(parseActivity(text)).toEqual([NOW, "1pgvj6v"])
    expect(parseActivity(formatActivity([NOW, ""]))).toEqual([NOW, ""])
  })

  it.each([null, undefined, "", "abc", ".x", "12.AB", "12.x.y", "1 2.x"])("rejects %p", (value) => {
    expect(parseActivity(value)).toBeNull()
  })
})

describe("needsNewSession", () => {
  it.each([
    ["no session yet", null, NOW, "", true],
    ["active a minute ago", [NOW - 60_000, ""], NOW, "", false],
    ["idle just under the timeout", [NOW - T + 1, ""], NOW, "", false],
    ["idle exactly the timeout", [NOW - T, ""], NOW, "", true],
    ["idle longer", [NOW - 2 * T, "abc"], NOW, "", true],
    ["the clock jumped back by the timeout", [NOW + T, ""], NOW, "", true],
    ["untagged page in a tagged session", [NOW - 1000, "abc"], NOW, "", false],
    ["same campaign again", [NOW - 1000, "abc"], NOW, "abc", false],
    ["another campaign", [NOW - 1000, "abc"], NOW, "def", true],
    ["a campaign after a direct start", [NOW - 1000, ""], NOW, "def", true],
  ] as const)("%s → %p", (_name, activity, now, sig, expected) => {
    expect(needsNewSession(activity ? [activity[0], activity[1]] : null, now, T, sig)).toBe(expected)
  })
})

import { canonicalTimeZone, instantOfWallTime, localDate, offsetAt } from "../time-zone"
import { parseInstant } from "../instant"

const wall = (year: number, month: number, day: number, hour = 0, minute = 0) => ({ year, month, day, hour, minute, second: 0, ms: 0 })

describe("canonicalTimeZone", () => {
  it("answers the canonical IANA spelling of a known zone", () => {
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris")
    expect(canonicalTimeZone("UTC")).toBe("UTC")
    // ICU answers its own canonical name for links (America/Buenos_Aires).
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toMatch(/Buenos_Aires$/)
  })

  it("refuses unknown zones and offsets, which Postgres would read with the opposite sign", () => {
    for (const name of ["Mars/Olympus", "+01:00", "-05:00", "Europe/Paris'; drop table x; --", "", "a".repeat(65)]) {
      expect(canonicalTimeZone(name)).toBeNull()
    }
  })
})

describe("instantOfWallTime", () => {
  it("reads a wall time with the offset in force then", () => {
    expect(instantOfWallTime(wall(2026, 1, 15), "Europe/Paris").toISOString()).toBe("2026-01-14T23:00:00.000Z")
    expect(instantOfWallTime(wall(2026, 7, 15), "Europe/Paris").toISOString()).toBe("2026-07-14T22:00:00.000Z")
    expect(instantOfWallTime(wall(2026, 7, 15, 9, 30), "Asia/Kolkata").toISOString()).toBe("2026-07-15T04:00:00.000Z")
  })

  it("takes the first occurrence of a time repeated when clocks go back", () => {
    // Paris, 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(instantOfWallTime(wall(2026, 10, 25, 2, 30), "Europe/Paris").toISOString()).toBe("2026-10-25T00:30:00.000Z")
  })

  it("moves a time skipped when clocks go forward past the gap", () => {
    // Paris, 2026-03-29: 02:00 CET becomes 03:00 CEST.
    expect(instantOfWallTime(wall(2026, 3, 29, 2, 30), "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z")
    // Where the change happens at midnight, the day starts at 01:00 (Santiago, 2026-09-06).
    const start = instantOfWallTime(wall(2026, 9, 6), "America/Santiago")
    expect(localDate(start, "America/Santiago")).toBe("2026-09-06")
    expect(localDate(new Date(start.getTime() - 1), "America/Santiago")).toBe("2026-09-05")
  })
})

describe("offsetAt and localDate", () => {
  it("follow daylight saving time", () => {
    expect(offsetAt(new Date("2026-10-24T12:00:00Z"), "Europe/Paris")).toBe(7_200_000)
    expect(offsetAt(new Date("2026-10-26T12:00:00Z"), "Europe/Paris")).toBe(3_600_000)
    expect(localDate(new Date("2026-10-24T22:30:00Z"), "Europe/Paris")).toBe("2026-10-25")
    expect(localDate(new Date("2026-10-25T22:30:00Z"), "Europe/Paris")).toBe("2026-10-25")
    expect(localDate(new Date("2026-10-25T23:30:00Z"), "Europe/Paris")).toBe("2026-10-26")
  })
})

describe("parseInstant", () => {
  it("reads a time with a zone as that instant", () => {
    expect(parseInstant("2026-11-01T10:00:00Z", "Europe/Paris")?.toISOString()).toBe("2026-11-01T10:00:00.000Z")
    expect(parseInstant("2026-11-01T10:00:00+01:00", "UTC")?.toISOString()).toBe("2026-11-01T09:00:00.000Z")
    expect(parseInstant("2026-11-01T10:00-0530", "UTC")?.toISOString()).toBe("2026-11-01T15:30:00.000Z")
    expect(parseInstant("2026-11-01T10:00:00.25z", "UTC")?.toISOString()).toBe("2026-11-01T10:00:00.250Z")
  })

  it("reads a '+' that arrived as a space (unencoded in a query string)", () => {
    expect(parseInstant("2026-11-01T10:00:00 01:00", "UTC")?.toISOString()).toBe("2026-11-01T09:00:00.000Z")
  })

  it("reads a date, or a time without a zone, on the wall calendar of the time zone", () => {
    expect(parseInstant("2026-11-01", "UTC")?.toISOString()).toBe("2026-11-01T00:00:00.000Z")
    expect(parseInstant("2026-11-01", "Europe/Paris")?.toISOString()).toBe("2026-10-31T23:00:00.000Z")
    expect(parseInstant("2026-10-25", "Europe/Paris")?.toISOString()).toBe("2026-10-24T22:00:00.000Z")
    expect(parseInstant("2026-11-01 08:15", "America/New_York")?.toISOString()).toBe("2026-11-01T13:15:00.000Z")
  })

  it("refuses what is not an ISO 8601 date or a possible one", () => {
    for (const text of ["", "yesterday", "1", "2026-11", "2026-13-01", "2026-02-30", "2026-11-01T24:00", "2026-11-01T10:60", "2026-11-01T10:00:00+25:00", "11/01/2026"]) {
      expect(parseInstant(text, "UTC")).toBeNull()
    }
    expect(parseInstant("2028-02-29", "UTC")?.toISOString()).toBe("2028-02-29T00:00:00.000Z")
  })
})

import { bucketsOf } from "../buckets"

const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) })
const periods = (r: ReturnType<typeof bucketsOf>) => ("buckets" in r ? r.buckets.map((b) => [b.period, b.start.toISOString()]) : r)

describe("bucketsOf", () => {
  it("gives every day from the one holding `from` to the one holding the last instant before `to`", () => {
    expect(periods(bucketsOf(range("2026-10-01T10:00:00Z", "2026-10-03T00:00:00Z"), "day", "UTC"))).toEqual([
      ["2026-10-01", "2026-10-01T00:00:00.000Z"],
      ["2026-10-02", "2026-10-02T00:00:00.000Z"],
    ])
  })

  it("starts each day at local midnight, 25 hours long when clocks go back", () => {
    expect(periods(bucketsOf(range("2026-10-23T22:00:00Z", "2026-10-26T23:00:00Z"), "day", "Europe/Paris"))).toEqual([
      ["2026-10-24", "2026-10-23T22:00:00.000Z"],
      ["2026-10-25", "2026-10-24T22:00:00.000Z"],
      ["2026-10-26", "2026-10-25T23:00:00.000Z"],
    ])
  })

  it("starts weeks on Monday and months on the first, in the time zone", () => {
    expect(periods(bucketsOf(range("2026-10-01T00:00:00Z", "2026-10-13T00:00:00Z"), "week", "UTC"))).toEqual([
      ["2026-09-28", "2026-09-28T00:00:00.000Z"],
      ["2026-10-05", "2026-10-05T00:00:00.000Z"],
      ["2026-10-12", "2026-10-12T00:00:00.000Z"],
    ])
    expect(periods(bucketsOf(range("2026-01-31T23:30:00Z", "2026-03-01T00:00:00Z"), "month", "Asia/Tokyo"))).toEqual([
      ["2026-02-01", "2026-01-31T15:00:00.000Z"],
      ["2026-03-01", "2026-02-28T15:00:00.000Z"],
    ])
    expect(periods(bucketsOf(range("2026-12-15T00:00:00Z", "2027-01-15T00:00:00Z"), "month", "UTC"))).toEqual([
      ["2026-12-01", "2026-12-01T00:00:00.000Z"],
      ["2027-01-01", "2027-01-01T00:00:00.000Z"],
    ])
  })

  it("refuses more than the limit, and says how many there would be", () => {
    expect(bucketsOf(range("2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), "day", "UTC")).toEqual({ tooMany: 731 })
    expect(bucketsOf(range("2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), "week", "UTC")).toMatchObject({ buckets: expect.any(Array) })
    expect(bucketsOf(range("2026-01-01T00:00:00Z", "2026-01-11T00:00:00Z"), "day", "UTC", 5)).toEqual({ tooMany: 10 })
    expect(bucketsOf(range("2000-01-01T00:00:00Z", "2040-01-01T00:00:00Z"), "month", "UTC")).toEqual({ tooMany: 480 })
  })
})

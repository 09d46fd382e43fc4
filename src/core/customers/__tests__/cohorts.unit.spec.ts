import { COHORT_DAYS, cohortMonth, isMature, monthsBetween, nextMonth, repeatRate } from "../cohorts"

describe("cohortMonth", () => {
  it("names the month on the report's wall calendar, across a time zone's midnight", () => {
    const lateSeptemberUtc = new Date("2026-09-30T23:30:00Z")
    expect(cohortMonth(lateSeptemberUtc, "UTC")).toBe("2026-09")
    expect(cohortMonth(lateSeptemberUtc, "Europe/Paris")).toBe("2026-10")
    expect(cohortMonth(new Date("2026-11-01T03:00:00Z"), "America/New_York")).toBe("2026-10")
    expect(cohortMonth(new Date("2027-01-01T00:00:00Z"), "Pacific/Auckland")).toBe("2027-01")
    expect(cohortMonth(new Date("2027-01-01T00:00:00Z"), "America/Los_Angeles")).toBe("2026-12")
  })
})

describe("months", () => {
  it("steps over a year end", () => {
    expect(nextMonth("2026-12")).toBe("2027-01")
    expect(nextMonth("2026-09")).toBe("2026-10")
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"])
    expect(monthsBetween("2026-11", "2026-11")).toEqual(["2026-11"])
    expect(monthsBetween("2026-12", "2026-11")).toEqual([])
    expect(monthsBetween("2020-01", "2026-12", 3)).toEqual(["2026-10", "2026-11", "2026-12"])
    expect(() => nextMonth("2026-1")).toThrow()
  })
})

describe("isMature", () => {
  it("is true only once the cohort's latest customer has had the full number of days", () => {
    const last = new Date("2026-10-20T10:00:00Z")
    expect(isMature(last, 30, new Date("2026-11-19T09:59:59Z"))).toBe(false)
    expect(isMature(last, 30, new Date("2026-11-19T10:00:00Z"))).toBe(true)
    expect(COHORT_DAYS.map((d) => isMature(last, d, new Date("2027-01-20T00:00:00Z")))).toEqual([true, true, false, false])
  })
})

describe("repeatRate", () => {
  it("divides summed counts, rounded to four decimals, and is 0 without customers", () => {
    expect(repeatRate(1, 3)).toBe(0.3333)
    expect(repeatRate(2, 3)).toBe(0.6667)
    expect(repeatRate(0, 0)).toBe(0)
  })
})

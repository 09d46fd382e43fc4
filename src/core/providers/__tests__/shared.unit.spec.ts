import { clip, fromIsoDateTime, fromUnixSeconds, idString, mergeMetadata, minorUnits, uniqueIds } from "../shared"

describe("provider helpers", () => {
  it("clip never splits a surrogate pair", () => {
    expect(clip("abc", 5)).toBe("abc")
    expect(clip("abcdef", 3)).toBe("abc")
    expect(clip("a😀b", 2)).toBe("a")
    expect(clip("a😀b", 3)).toBe("a😀")
  })

  it.each([
    ["2021-08-17T09:45:53.000000Z", "2021-08-17T09:45:53.000Z"],
    ["2021-08-17T09:45:53.123456Z", "2021-08-17T09:45:53.123Z"],
    ["2021-08-17T09:45:53Z", "2021-08-17T09:45:53.000Z"],
    ["2021-08-17T09:45:53.5+02:00", "2021-08-17T07:45:53.500Z"],
  ])("fromIsoDateTime(%p) = %s", (input, iso) => {
    expect(fromIsoDateTime(input)?.toISOString()).toBe(iso)
  })

  it.each(["2021-08-17", "2021-08-17T09:45:53", "2021-13-45T99:99:99Z", "", 1629193553, null])("fromIsoDateTime(%p) = null", (input) => {
    expect(fromIsoDateTime(input)).toBeNull()
  })

  it("fromUnixSeconds accepts positive finite seconds only", () => {
    expect(fromUnixSeconds(1648320032)?.toISOString()).toBe("2022-03-26T18:40:32.000Z")
    expect([fromUnixSeconds(0), fromUnixSeconds(-1), fromUnixSeconds("1648320032"), fromUnixSeconds(Infinity)]).toEqual([null, null, null, null])
  })

  it("idString trims strings, accepts non-negative safe integers, rejects the rest", () => {
    expect([idString(" pi_1 "), idString(12), idString(0)]).toEqual(["pi_1", "12", "0"])
    expect([idString(""), idString("  "), idString(-1), idString(1.5), idString("x".repeat(256)), idString({ id: "a" })]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })

  it("minorUnits accepts non-negative integers and digit strings only", () => {
    expect([minorUnits(0), minorUnits(1999), minorUnits(" 2500 "), minorUnits("123456789012345678901")]).toEqual([0n, 1999n, 2500n, 123456789012345678901n])
    expect([minorUnits(-1), minorUnits(1.5), minorUnits(2 ** 53), minorUnits("1e3"), minorUnits("-5"), minorUnits(null), minorUnits(NaN)]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })

  it("mergeMetadata gives earlier sources precedence and skips blank or overlong keys", () => {
    expect(mergeMetadata([{ a: "1", " ": "blank", ["k".repeat(101)]: "long" }, { a: "2", b: 3 }, null, "x", [1]])).toEqual({ a: "1", b: "3" })
  })

  it("uniqueIds keeps first-seen order without nulls and the excluded id", () => {
    expect(uniqueIds(["a", null, "b", "a", undefined, "c"], "b")).toEqual(["a", "c"])
  })
})

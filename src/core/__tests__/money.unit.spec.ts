import {
  currencyExponent,
  isKnownCurrency,
  majorToMinor,
  minorToMajorString,
  MoneyError,
  moneyToMinor,
  normalizeCurrency,
  prorate,
  splitMinor,
  stripeCurrencyExponent,
  sumMinor,
  toMinor,
  toMoney,
} from "../money"

function moneyError(fn: () => unknown): MoneyError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(MoneyError)
    return e as MoneyError
  }
  throw new Error("expected a MoneyError, nothing was thrown")
}

describe("currencies", () => {
  it.each<[string, number]>([
    ["USD", 2],
    ["usd", 2],
    [" eur ", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["VND", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["UGX", 0],
    ["XAF", 0],
    ["XOF", 0],
    ["XPF", 0],
    ["PYG", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["OMR", 3],
    ["JOD", 3],
    ["TND", 3],
    ["LYD", 3],
    ["IQD", 3],
    ["CLF", 4],
    ["HUF", 2],
    ["QQQ", 2], // well-formed but unknown: default exponent
  ])("exponent of %s is %i", (code, exp) => {
    expect(currencyExponent(code)).toBe(exp)
  })

  it("normalizes and validates codes", () => {
    expect(normalizeCurrency("usd")).toBe("USD")
    for (const bad of ["", "US", "USDD", "U$D", "12A", null, 840]) {
      expect(moneyError(() => normalizeCurrency(bad)).code).toBe("INVALID_CURRENCY")
    }
  })

  it("knows ISO codes and nothing else", () => {
    expect(isKnownCurrency("usd")).toBe(true)
    expect(isKnownCurrency("XCG")).toBe(true)
    expect(isKnownCurrency("QQQ")).toBe(false)
    expect(isKnownCurrency("XAU")).toBe(false) // gold: no minor unit, not a payment currency
    expect(isKnownCurrency("toString")).toBe(false)
    expect(isKnownCurrency(undefined)).toBe(false)
  })

  it("gives Stripe's exponents where Stripe differs from ISO", () => {
    expect(stripeCurrencyExponent("isk")).toBe(2)
    expect(stripeCurrencyExponent("mga")).toBe(0)
    expect(stripeCurrencyExponent("jpy")).toBe(0)
    expect(stripeCurrencyExponent("kwd")).toBe(3)
    expect(stripeCurrencyExponent("usd")).toBe(2)
    expect(minorToMajorString(150000, "ISK", stripeCurrencyExponent("ISK"))).toBe("1500.00")
  })
})

describe("majorToMinor", () => {
  it.each<[number | string, string, bigint]>([
    [99.99, "USD", 9999n],
    ["99.99", "usd", 9999n],
    [0.1, "USD", 10n],
    [0.07, "USD", 7n],
    [1.15, "USD", 115n], // 1.15 * 100 = 114.99999999999999 in floating point
    [4.35, "USD", 435n], // 4.35 * 100 = 434.99999999999994
    [1500, "JPY", 1500n],
    ["1500.00", "JPY", 1500n],
    [1.234, "KWD", 1234n],
    ["1.2", "KWD", 1200n],
    ["0", "USD", 0n],
    [-0, "USD", 0n],
    ["-12.5", "USD", -1250n],
    ["+3", "USD", 300n],
    [".5", "USD", 50n],
    ["5.", "USD", 500n],
    ["10.50", "USD", 1050n],
    ["1e3", "USD", 100000n],
    [1e21, "USD", 100000000000000000000000n],
    ["1.5e-1", "USD", 15n],
    ["  42.42  ", "EUR", 4242n],
    ["123456789012345678901234.56", "USD", 12345678901234567890123456n],
    [9007199254740993, "JPY", 9007199254740992n], // the number itself is already 2^53 (the literal can't be represented)
  ])("%p %s → %p", (major, currency, minor) => {
    expect(majorToMinor(major, currency)).toBe(minor)
  })

  it.each<[number | string, string]>([
    ["99.999", "USD"],
    [1.005, "USD"],
    [0.1 + 0.2, "USD"],
    ["10.5", "JPY"],
    [1500.5, "JPY"],
    ["1.2345", "KWD"],
    ["5e-3", "USD"],
  ])("rejects %p %s: too many decimals", (major, currency) => {
    const e = moneyError(() => majorToMinor(major, currency))
    expect(e.code).toBe("TOO_MANY_DECIMALS")
    expect(e.message).toContain(currency.toUpperCase())
  })

  it.each<unknown>(["", " ", "abc", "1,000", "1.2.3", "0x10", "NaN", "Infinity", "--1", "1e", "e5", NaN, Infinity, -Infinity, null, {}, "1e999999"])(
    "rejects %p: not an amount",
    (major) => {
      expect(moneyError(() => majorToMinor(major as string, "USD")).code).toBe("INVALID_AMOUNT")
    },
  )

  it("rejects a bad currency before looking at the amount", () => {
    expect(moneyError(() => majorToMinor("1", "dollars")).code).toBe("INVALID_CURRENCY")
  })

  it("accepts an explicit exponent", () => {
    expect(majorToMinor("1500.25", "ISK", 2)).toBe(150025n)
    expect(moneyError(() => majorToMinor("1", "USD", -1)).code).toBe("INVALID_CURRENCY")
  })
})

describe("minorToMajorString", () => {
  it.each<[bigint | number | string, string, string]>([
    [9999n, "USD", "99.99"],
    [9999, "usd", "99.99"],
    ["9999", "USD", "99.99"],
    [1000, "USD", "10.00"],
    [5, "USD", "0.05"],
    [-5, "USD", "-0.05"],
    [0, "USD", "0.00"],
    [1500, "JPY", "1500"],
    [-1500, "JPY", "-1500"],
    [1234, "KWD", "1.234"],
    [5, "KWD", "0.005"],
    [12345, "CLF", "1.2345"],
    [2n ** 64n + 1n, "USD", "184467440737095516.17"],
    ["12345678901234567890123", "JPY", "12345678901234567890123"],
  ])("%p %s → %s", (minor, currency, major) => {
    expect(minorToMajorString(minor, currency)).toBe(major)
  })

  it("round-trips values beyond 2^53 exactly", () => {
    const big = 2n ** 53n + 1n // 9007199254740993: not representable as a number
    expect(minorToMajorString(big, "USD")).toBe("90071992547409.93")
    expect(majorToMinor("90071992547409.93", "USD")).toBe(big)
    expect(majorToMinor(minorToMajorString(10n ** 30n + 7n, "KWD"), "KWD")).toBe(10n ** 30n + 7n)
  })

  it.each<unknown>([1.5, 2 ** 53, NaN, "1.5", "abc", "", null])("rejects minor units %p", (minor) => {
    expect(moneyError(() => minorToMajorString(minor as number, "USD")).code).toBe("INVALID_AMOUNT")
  })

  it("builds and reads Money objects", () => {
    expect(toMoney(9999, "usd")).toEqual({ amount: "99.99", currency: "USD" })
    expect(toMoney(1500, "jpy")).toEqual({ amount: "1500", currency: "JPY" })
    expect(moneyToMinor({ amount: "99.99", currency: "USD" })).toBe(9999n)
  })
})

describe("sumMinor / toMinor", () => {
  it("adds exactly, past 2^53", () => {
    expect(sumMinor([1, 2n, "3"])).toBe(6n)
    expect(sumMinor([])).toBe(0n)
    expect(sumMinor([9007199254740991, 9007199254740991, 2n])).toBe(18014398509481984n)
    expect(sumMinor(new Set([10n, -3n]))).toBe(7n)
  })

  it("rejects non-integers", () => {
    expect(moneyError(() => sumMinor([1, 0.5])).code).toBe("INVALID_AMOUNT")
    expect(toMinor(" -42 ")).toBe(-42n)
  })
})

describe("splitMinor", () => {
  it.each<[bigint, (number | bigint | string)[], bigint[]]>([
    [100n, [1, 1, 1], [34n, 33n, 33n]],
    [101n, [1, 1, 1], [34n, 34n, 33n]],
    [10n, [1, 1, 1], [4n, 3n, 3n]],
    [1n, [1, 1, 1], [1n, 0n, 0n]],
    [0n, [1, 2], [0n, 0n]],
    [9999n, [0.4, 0.2, 0.4], [4000n, 2000n, 3999n]], // 3999.6, 1999.8, 3999.6
    [100n, [0.4, 0.2, 0.2, 0.2], [40n, 20n, 20n, 20n]],
    [1000n, [1, 0, 1], [500n, 0n, 500n]],
    [1n, [0, 1], [0n, 1n]],
    [5n, [3n, 1n], [4n, 1n]],
    [7n, ["0.5", "0.25", "0.25"], [3n, 2n, 2n]], // 3.5, 1.75, 1.75
    [-100n, [1, 1, 1], [-34n, -33n, -33n]],
    [100n, [1 / 3, 1 / 3, 1 / 3], [34n, 33n, 33n]],
    [2n, [1e-9, 1e-9], [1n, 1n]],
  ])("splits %p by %p", (total, weights, expected) => {
    const parts = splitMinor(total, weights)
    expect(parts).toEqual(expected)
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(total)
  })

  it("gives the leftover units to the largest remainders, ties to the lowest index", () => {
    // Exact shares: 3.3, 3.3, 3.4 → floors 3,3,3, one unit left → index 2 (remainder .4).
    expect(splitMinor(10n, [33, 33, 34])).toEqual([3n, 3n, 4n])
    // Exact shares 2.5, 2.5 → floors 2,2 → tie → index 0.
    expect(splitMinor(5n, [1, 1])).toEqual([3n, 2n])
  })

  it("always sums exactly and is deterministic (randomized, seeded)", () => {
    let seed = 12345
    const rand = () => {
      seed = (seed * 48271) % 2147483647 // Park-Miller: stays exact in doubles
      return seed / 2147483647
    }
    for (let run = 0; run < 500; run++) {
      const n = 1 + Math.floor(rand() * 12)
      const weights = Array.from({ length: n }, () => Math.round(rand() * 1000) / 100)
      if (weights.every((w) => w <= 0)) weights[0] = 1
      const total = BigInt(Math.floor(rand() * 1e12)) * (rand() < 0.1 ? 10n ** 10n : 1n)
      const a = splitMinor(total, weights)
      expect(a.reduce((x, y) => x + y, 0n)).toBe(total)
      expect(splitMinor(total, [...weights])).toEqual(a)
      weights.forEach((w, i) => {
        if (w === 0) expect(a[i]).toBe(0n)
      })
    }
  })

  it("handles totals far beyond 2^53", () => {
    const total = 10n ** 25n + 1n
    const parts = splitMinor(total, [0.4, 0.2, 0.4])
    expect(parts).toEqual([4n * 10n ** 24n + 1n, 2n * 10n ** 24n, 4n * 10n ** 24n])
  })

  it.each<[string, (number | bigint | string)[]]>([
    ["no weights", []],
    ["all zero", [0, 0]],
    ["negative", [1, -1]],
    ["NaN", [1, NaN]],
    ["Infinity", [Infinity]],
    ["garbage string", ["abc"]],
  ])("rejects %s", (_name, weights) => {
    expect(moneyError(() => splitMinor(100n, weights)).code).toBe("INVALID_WEIGHTS")
  })
})

describe("prorate", () => {
  it.each<[bigint, bigint, bigint, bigint]>([
    [1000n, 1n, 2n, 500n],
    [1000n, 1n, 3n, 333n],
    [1000n, 2n, 3n, 667n],
    [5n, 1n, 2n, 3n], // 2.5 → 3 (half away from zero)
    [-5n, 1n, 2n, -3n],
    [999n, 0n, 7n, 0n],
    [10n ** 20n, 1n, 4n, 25n * 10n ** 18n],
  ])("prorate(%p, %p, %p) = %p", (amount, part, whole, expected) => {
    expect(prorate(amount, part, whole)).toBe(expected)
  })

  it("rejects a zero whole", () => {
    expect(moneyError(() => prorate(1, 1, 0)).code).toBe("DIVISION_BY_ZERO")
  })
})

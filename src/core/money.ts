/**
 * Money without floating point.
 *
 * Amounts are kept as integer minor units in `bigint` (cents, yen, fils) and shown as decimal
 * strings in major units (`"99.99"`). Conversions go through decimal strings and powers of ten
 * only: `99.99 * 100` is 9998.999999999999 in floating point, and amounts above 2^53 minor units
 * lose digits as numbers, so neither ever happens here.
 *
 * Payment providers send minor units (Stripe `amount: 9999` for $99.99, `1500` for ¥1500);
 * the contract's API speaks major units (`99.99`, `1500`), as Medusa does.
 */
import iso4217 from "./data/iso4217.json"

export type MoneyErrorCode =
  | "INVALID_CURRENCY"
  | "INVALID_AMOUNT"
  | "TOO_MANY_DECIMALS"
  | "INVALID_WEIGHTS"
  | "DIVISION_BY_ZERO"

/** Every failure here is a MoneyError, so callers can map it to a 400 without string matching. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode

  constructor(code: MoneyErrorCode, message: string) {
    super(message)
    this.name = "MoneyError"
    this.code = code
  }
}

/** An amount as the API shows it: major units as a decimal string, upper-case ISO 4217 code. */
export interface Money {
  amount: string
  currency: string
}

export type MinorInput = bigint | number | string

const EXPONENTS: Readonly<Record<string, number>> = iso4217.exponents

/** Exponent for currencies that are well-formed but not in our ISO list (new codes appear). */
export const DEFAULT_EXPONENT = 2

/** Longest decimal we parse: far beyond any real amount, short enough that bigint math is instant. */
const MAX_DIGITS = 200

/**
 * Upper-cases and checks a currency code: exactly three ASCII letters (`usd`, ` EUR `).
 * Throws `INVALID_CURRENCY` otherwise. It does not require the code to be in the ISO list:
 * use `isKnownCurrency` for that.
 */
export function normalizeCurrency(currency: unknown): string {
  if (typeof currency !== "string" || !/^[A-Za-z]{3}$/.test(currency.trim())) {
    throw new MoneyError("INVALID_CURRENCY", `Invalid currency code ${JSON.stringify(currency)}: expected three letters (ISO 4217)`)
  }
  return currency.trim().toUpperCase()
}

/** Is this an active ISO 4217 currency with decimal minor units (any case)? */
export function isKnownCurrency(currency: unknown): boolean {
  return typeof currency === "string" && /^[A-Za-z]{3}$/.test(currency.trim()) && Object.prototype.hasOwnProperty.call(EXPONENTS, currency.trim().toUpperCase())
}

/**
 * ISO 4217 exponent (digits after the decimal point): 0 for JPY, KRW, ISK, ...; 3 for KWD, BHD,
 * OMR, JOD, TND, LYD, IQD; 4 for CLF, UYW; 2 for everything else, including well-formed codes
 * missing from our list. Throws `INVALID_CURRENCY` for a malformed code.
 */
export function currencyExponent(currency: string): number {
  const code = normalizeCurrency(currency)
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code) ? EXPONENTS[code]! : DEFAULT_EXPONENT
}

/**
 * Stripe's exponent, which differs from ISO 4217 for a few currencies (docs.stripe.com/currencies):
 * ISK is sent in hundredths although ISO gives it 0 decimals (and HUF/TWD payouts aside, charges
 * are in hundredths as ISO says); MGA is zero-decimal at Stripe although ISO gives it 2; Stripe
 * has no three-decimal IQD/LYD. Use this, not `currencyExponent`, to read Stripe amounts.
 */
const STRIPE_ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"])
const STRIPE_THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"])

export function stripeCurrencyExponent(currency: string): number {
  const code = normalizeCurrency(currency)
  if (STRIPE_ZERO_DECIMAL.has(code)) return 0
  if (STRIPE_THREE_DECIMAL.has(code)) return 3
  return 2
}

interface Decimal {
  negative: boolean
  /** Significant digits without leading zeros ("0" for zero). */
  digits: string
  /** value = digits × 10^-scale; scale ≥ 0 and there are no trailing zeros when scale > 0. */
  scale: number
}

const DECIMAL = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/

/**
 * Parses a decimal string exactly (`"99.99"`, `"-0.5"`, `"1e21"`, `"5e-7"`). Returns null for
 * anything else (empty, `"1,000"`, `"NaN"`, `"0x10"`) or absurdly long values.
 */
function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim())
  if (!m) return null
  const [, sign, mantissa, exp] = m
  const exponent = exp === undefined ? 0 : Number(exp)
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_DIGITS) return null
  const [intPart = "", fracPart = ""] = mantissa!.split(".")
  let digits = (intPart + fracPart).replace(/^0+/, "")
  let scale = fracPart.length - exponent
  if (digits === "") return { negative: false, digits: "0", scale: 0 }
  if (scale < 0) {
    digits += "0".repeat(-scale)
    scale = 0
  }
  while (scale > 0 && digits.endsWith("0")) {
    digits = digits.slice(0, -1)
    scale--
  }
  if (digits.length > MAX_DIGITS || scale > MAX_DIGITS) return null
  return { negative: sign === "-", digits, scale }
}

/**
 * `number` → its shortest round-trip decimal string (`String(99.99)` is `"99.99"`). This is the
 * only float handling in this file: the number is read as the decimal a person typed, never
 * scaled by multiplication.
 */
function numberToDecimalString(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new MoneyError("INVALID_AMOUNT", `${what} must be a finite number, got ${String(value)}`)
  return Object.is(value, -0) ? "0" : String(value)
}

/**
 * Major units (`99.99`, `"99.99"`, `"1500"`) → integer minor units (`9999n`, `1500n` for JPY).
 *
 * - Numbers are read through their shortest string form, so `99.99` is exactly 9999 cents.
 *   A float that is not what a person would type (`0.1 + 0.2` = 0.30000000000000004) has too
 *   many decimals and is rejected rather than silently rounded.
 * - More decimals than the currency allows → `TOO_MANY_DECIMALS` (`"1.005"` USD, `"10.5"` JPY).
 *   Trailing zeros are fine (`"10.50"` USD, `"1500.00"` JPY).
 * - Not a decimal number (`""`, `"abc"`, `"1,00"`, `NaN`, `Infinity`) → `INVALID_AMOUNT`.
 * - Negative amounts are converted (callers decide whether they are allowed).
 *
 * `exponent` overrides the currency's ISO exponent (e.g. `stripeCurrencyExponent`).
 */
export function majorToMinor(major: number | string, currency: string, exponent?: number): bigint {
  const exp = resolveExponent(currency, exponent)
  const text = typeof major === "number" ? numberToDecimalString(major, "Amount") : major
  if (typeof text !== "string") throw new MoneyError("INVALID_AMOUNT", `Amount must be a number or a decimal string, got ${typeof major}`)
  const dec = parseDecimal(text)
  if (!dec) throw new MoneyError("INVALID_AMOUNT", `Amount ${JSON.stringify(text)} is not a decimal number`)
  if (dec.scale > exp) {
    const code = normalizeCurrency(currency)
    throw new MoneyError(
      "TOO_MANY_DECIMALS",
      `Amount ${text} has ${dec.scale} decimal places but ${code} allows ${exp}${exp === 0 ? " (no decimals)" : ""}`,
    )
  }
  const minor = BigInt(dec.digits) * 10n ** BigInt(exp - dec.scale)
  return dec.negative ? -minor : minor
}

/**
 * Integer minor units → decimal string in major units with exactly the currency's number of
 * decimals: `9999n` USD → `"99.99"`, `1000` USD → `"10.00"`, `1500` JPY → `"1500"`,
 * `1234` KWD → `"1.234"`, `-5` USD → `"-0.05"`.
 *
 * Accepts a bigint, a safe-integer number or an integer string (`"12345678901234567890"`);
 * anything else → `INVALID_AMOUNT` (a number above 2^53 has already lost digits).
 */
export function minorToMajorString(minor: MinorInput, currency: string, exponent?: number): string {
  const exp = resolveExponent(currency, exponent)
  const value = toMinor(minor)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  if (exp === 0) return (negative ? "-" : "") + digits
  const padded = digits.padStart(exp + 1, "0")
  return `${negative ? "-" : ""}${padded.slice(0, -exp)}.${padded.slice(-exp)}`
}

/** Minor units and currency → `Money` (`{ amount: "99.99", currency: "USD" }`). */
export function toMoney(minor: MinorInput, currency: string, exponent?: number): Money {
  return { amount: minorToMajorString(minor, currency, exponent), currency: normalizeCurrency(currency) }
}

/** `Money` → integer minor units, with the same checks as `majorToMinor`. */
export function moneyToMinor(money: Money, exponent?: number): bigint {
  return majorToMinor(money.amount, money.currency, exponent)
}

/**
 * Minor units from any accepted form: bigint, safe-integer number, or integer string.
 * Throws `INVALID_AMOUNT` otherwise.
 */
export function toMinor(value: MinorInput): bigint {
  if (typeof value === "bigint") return value
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new MoneyError("INVALID_AMOUNT", `Minor units must be a safe integer, got ${String(value)} (pass larger values as bigint or string)`)
    }
    return BigInt(value)
  }
  if (typeof value === "string" && /^[+-]?\d{1,200}$/.test(value.trim())) return BigInt(value.trim())
  throw new MoneyError("INVALID_AMOUNT", `Minor units must be an integer, got ${JSON.stringify(value)}`)
}

/** Exact sum of minor-unit amounts (all in one currency: that is the caller's job). */
export function sumMinor(values: Iterable<MinorInput>): bigint {
  let total = 0n
  for (const v of values) total += toMinor(v)
  return total
}

/**
 * Splits `total` minor units in proportion to `weights`, so that the parts add up to exactly
 * `total`: fractional credit under linear, position-based and time-decay models.
 *
 * Method: largest remainder (Hamilton). Each part gets the floor of its exact share; the units
 * left over go one each to the parts with the largest remainders, ties to the lower index. The
 * result depends only on the inputs (no float rounding, no order of evaluation), so the same
 * payment always splits the same way.
 *
 * - Weights are numbers (read exactly through their decimal form: `[0.4, 0.2, 0.4]`), bigints
 *   or decimal strings; they must be ≥ 0 with at least one > 0 (`INVALID_WEIGHTS` otherwise).
 * - A zero weight always gets 0.
 * - A negative total (a refund) splits like its absolute value, negated, so a full refund
 *   cancels its payment's credits part by part.
 */
export function splitMinor(total: MinorInput, weights: readonly (number | bigint | string)[]): bigint[] {
  const amount = toMinor(total)
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new MoneyError("INVALID_WEIGHTS", "splitMinor needs at least one weight")
  }
  const decimals = weights.map((w, i) => {
    const text = typeof w === "bigint" ? w.toString() : typeof w === "number" ? (Number.isFinite(w) ? String(w) : null) : w
    const dec = typeof text === "string" ? parseDecimal(text) : null
    if (!dec || (dec.negative && dec.digits !== "0")) {
      throw new MoneyError("INVALID_WEIGHTS", `Weight ${i} must be a non-negative finite number, got ${String(w)}`)
    }
    return dec
  })
  const scale = Math.max(...decimals.map((d) => d.scale))
  const scaled = decimals.map((d) => BigInt(d.digits) * 10n ** BigInt(scale - d.scale))
  const weightSum = scaled.reduce((a, b) => a + b, 0n)
  if (weightSum === 0n) throw new MoneyError("INVALID_WEIGHTS", "splitMinor needs at least one positive weight")

  const negative = amount < 0n
  const abs = negative ? -amount : amount
  const parts = scaled.map((w) => (abs * w) / weightSum)
  const remainders = scaled.map((w) => (abs * w) % weightSum)
  let left = abs - parts.reduce((a, b) => a + b, 0n)
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of order) {
    if (left === 0n) break
    parts[i]! += 1n
    left -= 1n
  }
  return negative ? parts.map((p) => -p) : parts
}

/**
 * `amount × part / whole`, rounded half away from zero: e.g. the share of a partial refund that
 * falls on one line. When the shares must add up to the amount exactly, use `splitMinor`
 * instead (independent rounding can be off by a unit in total).
 * Throws `DIVISION_BY_ZERO` when `whole` is 0.
 */
export function prorate(amountMinor: MinorInput, partMinor: MinorInput, wholeMinor: MinorInput): bigint {
  const amount = toMinor(amountMinor)
  const part = toMinor(partMinor)
  const whole = toMinor(wholeMinor)
  if (whole === 0n) throw new MoneyError("DIVISION_BY_ZERO", "prorate: the whole is 0")
  const n = amount * part
  const negative = n < 0n !== whole < 0n
  const absN = n < 0n ? -n : n
  const absD = whole < 0n ? -whole : whole
  let q = absN / absD
  if ((absN % absD) * 2n >= absD) q += 1n
  return negative ? -q : q
}

function resolveExponent(currency: string, exponent: number | undefined): number {
  if (exponent === undefined) return currencyExponent(currency)
  normalizeCurrency(currency)
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 18) {
    throw new MoneyError("INVALID_CURRENCY", `Currency exponent must be an integer from 0 to 18, got ${String(exponent)}`)
  }
  return exponent
}

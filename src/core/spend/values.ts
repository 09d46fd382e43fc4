import { currencyExponent, isKnownCurrency, majorToMinor, MoneyError } from "../money"

/**
 * Reading the values of a spend row: days, amounts and currencies as ad platforms export them.
 * Each reader answers the value or `{ error }` with a reason a store owner can act on.
 */
export type Read<T> = { value: T } | { error: string }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30), from 2000 to 2099. */
export function readDay(text: unknown): Read<string> {
  const value = typeof text === "string" ? text.trim() : ""
  const m = DAY.exec(value)
  if (!m) return { error: `date ${JSON.stringify(String(text ?? "").slice(0, 40))} is not a date YYYY-MM-DD` }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return { error: `date ${value} does not exist` }
  }
  if (y < 2000 || y > 2099) return { error: `date ${value} is out of range (2000 to 2099)` }
  return { value }
}

/** An ISO 4217 code we know the exponent of (any case). */
export function readCurrency(text: unknown): Read<string> {
  const value = typeof text === "string" ? text.trim() : ""
  if (!value) return { error: "currency is missing" }
  if (!isKnownCurrency(value)) return { error: `currency ${JSON.stringify(value.slice(0, 20))} is not a known ISO 4217 code` }
  return { value: value.toUpperCase() }
}

// Thousands separators as Google Ads and spreadsheets write them: 1,234.56 (groups of three).
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)$/

/** The decimal text of a non-negative amount, thousands separators removed; `{ error }` otherwise. */
function decimalText(raw: unknown, what: string): Read<string> {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { error: `${what} ${String(raw)} is not a number` }
    if (raw < 0) return { error: `${what} ${String(raw)} is negative` }
    return { value: String(raw) }
  }
  const text = typeof raw === "string" ? raw.trim() : ""
  if (!text) return { error: `${what} is missing` }
  if (/^-/.test(text) || /^\(.*\)$/.test(text)) return { error: `${what} ${JSON.stringify(text.slice(0, 40))} is negative` }
  const plain = text.replace(/^\+/, "")
  if (GROUPED.test(plain)) return { value: plain.replace(/,/g, "") }
  if (PLAIN.test(plain)) return { value: plain }
  return { error: `${what} ${JSON.stringify(text.slice(0, 40))} is not a number` }
}

/** Major units (`153.22`, `"1,234.50"`) → minor units, exactly; too many decimals is an error, not rounded. */
export function readAmount(raw: unknown, currency: string): Read<bigint> {
  const text = decimalText(raw, "amount")
  if ("error" in text) return text
  try {
    return { value: majorToMinor(text.value, currency) }
  } catch (e) {
    return { error: e instanceof MoneyError ? `amount: ${e.message}` : `amount ${text.value} is not a number` }
  }
}

/**
 * Google Ads micros (millionths of the currency unit: `153220000` = 153.22) → minor units.
 * Exact integer arithmetic; a remainder below the currency's smallest unit (Google reports
 * cost to the micro) is rounded half up, as the Google Ads interface rounds Cost.
 */
export function readMicros(raw: unknown, currency: string): Read<bigint> {
  const text = decimalText(raw, "cost (micros)")
  if ("error" in text) return text
  if (!/^\d+$/.test(text.value)) return { error: `cost (micros) ${JSON.stringify(text.value.slice(0, 40))} is not a whole number` }
  if (text.value.length > 30) return { error: "cost (micros) is too large" }
  const micros = BigInt(text.value)
  const exp = currencyExponent(currency)
  if (exp >= 6) return { value: micros * 10n ** BigInt(exp - 6) }
  const divisor = 10n ** BigInt(6 - exp)
  return { value: (micros * 2n + divisor) / (2n * divisor) }
}

/**
 * Monthly cohorts of customers (issue 10, "Customers"): framework-free rules the cohort report
 * applies to the sums Postgres answers. A cohort is the customers whose first payment falls in
 * one calendar month of the report's time zone; its value at N days is the net revenue of their
 * payments made less than N × 24 hours after each customer's own first payment.
 */

/** The horizons of the cohort table, in days after a customer's first payment. */
export const COHORT_DAYS = [30, 90, 180, 365] as const
export type CohortDays = (typeof COHORT_DAYS)[number]

const DAY_MS = 86_400_000

/** A month that is not `YYYY-MM`: a programming error, never user input (the report builds them). */
export class CohortMonthError extends Error {}
const MONTH = /^(\d{4})-(\d{2})$/

/**
 * Whether every customer of a cohort has had `days` full days since their first payment, at
 * `now`: only then is the cohort's value at that horizon final. Before, it would show a young
 * cohort as low, so the report answers null instead. `lastFirstAt` is the latest first payment
 * in the cohort.
 */
export function isMature(lastFirstAt: Date, days: number, now: Date): boolean {
  return lastFirstAt.getTime() + days * DAY_MS <= now.getTime()
}

/** `YYYY-MM` of the month after `month` (`2026-12` → `2027-01`). */
export function nextMonth(month: string): string {
  const m = MONTH.exec(month)
  if (!m) throw new CohortMonthError(`not a YYYY-MM month: ${month}`)
  const year = Number(m[1])
  const index = Number(m[2]) // 1..12, so `index` is the next month's 0-based index
  return index === 12 ? `${String(year + 1).padStart(4, "0")}-01` : `${m[1]}-${String(index + 1).padStart(2, "0")}`
}

/**
 * Every month from `first` to `last` included, so a month nobody was acquired in still shows
 * as a row of zero customers instead of being skipped. At most `limit` months (the newest).
 */
export function monthsBetween(first: string, last: string, limit = 240): string[] {
  if (!MONTH.test(first) || !MONTH.test(last)) throw new CohortMonthError(`not YYYY-MM months: ${first}, ${last}`)
  const months: string[] = []
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m)
  return months.slice(-limit)
}

/**
 * The cohort month (`YYYY-MM`) of an instant on the wall calendar of `timeZone` (an IANA name):
 * 2026-09-30T23:30Z is `2026-10` in Europe/Paris and `2026-09` in UTC. The report's SQL buckets
 * with Postgres' `at time zone`, which reads the same zone rules; this names the range's months.
 */
export function cohortMonth(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(instant)
  const year = parts.find((p) => p.type === "year")!.value
  const month = parts.find((p) => p.type === "month")!.value
  return `${year.padStart(4, "0")}-${month}`
}

/** Customers with at least two payments ÷ customers, as a fraction rounded to four decimals. */
export function repeatRate(repeatCustomers: number, customers: number): number {
  return customers ? Math.round((repeatCustomers / customers) * 10000) / 10000 : 0
}

import { EXPECTED_HEADERS, detectFormat, type FormatReader } from "./formats"
import { matchKey } from "./match"
import { CsvSyntaxError, csvRecords, decodeUpload, detectDelimiter, type CsvRecord } from "./records"
import { validateSpendRow } from "./row"
import type { Rejection, SpendFormat, SpendRow } from "./types"
import { readCurrency } from "./values"

/** More rows than 5 years of 50 campaigns a day: a file this long is not a spend report. */
export const MAX_ROWS = 100_000
/** Rejections listed in an answer; the count says how many there were in all. */
export const MAX_LISTED = 1_000
/** The header is on line 1, or after a title and a date-range line (Google Ads' downloads). */
const HEADER_WITHIN = 3

export type SpendImport =
  | { ok: true; format: SpendFormat; delimiter: "," | "\t"; rows: SpendRow[]; skipped: number }
  | { ok: false; format: SpendFormat | null; message: string; rejected: Rejection[]; rejected_count: number }

const failure = (format: SpendFormat | null, message: string, rejected: Rejection[], count = rejected.length): SpendImport => ({
  ok: false,
  format,
  message,
  rejected,
  rejected_count: count,
})

type Found = { reader: FormatReader; header: CsvRecord; records: Generator<CsvRecord>; delimiter: "," | "\t" }

/** The header among the first lines, trying the likelier delimiter first. */
function findHeader(text: string): Found | { firstLine: CsvRecord | null } {
  const likely = detectDelimiter(text)
  let firstLine: CsvRecord | null = null
  for (const delimiter of [likely, likely === "," ? "\t" : ","] as const) {
    const records = csvRecords(text, delimiter)
    try {
      for (let k = 0; k < HEADER_WITHIN; k++) {
        const next = records.next()
        if (next.done) break
        firstLine ??= next.value
        const reader = detectFormat(next.value.fields)
        if (reader) return { reader, header: next.value, records, delimiter }
      }
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e
    }
  }
  return { firstLine }
}

const shown = (fields: string[]) =>
  fields
    .slice(0, 8)
    .map((f) => JSON.stringify(f.trim().slice(0, 40)))
    .join(", ")

/**
 * Reads an uploaded spend file: detects its format from the header, validates every row and
 * answers either all the rows or every rejected line with its reason (all or nothing). Total
 * lines are passed over. Rows of one file with the same identity (a report segmented by
 * device or network) are added together. `currency` is used only when the file names none.
 */
export function parseSpendCsv(input: Uint8Array | string, options: { currency?: string | null } = {}): SpendImport {
  const decoded = typeof input === "string" ? { text: input.replace(/^\uFEFF/, "") } : decodeUpload(input)
  if ("error" in decoded) return failure(null, decoded.error, [{ line: 1, reason: decoded.error }])
  const text = decoded.text
  if (text.trim() === "") return failure(null, "The file is empty", [{ line: 1, reason: "the file is empty" }])

  const found = findHeader(text)
  if (!("reader" in found)) {
    const got = found.firstLine ? `; line ${found.firstLine.line} has ${shown(found.firstLine.fields)}` : ""
    const reason = `header not recognised: ${EXPECTED_HEADERS}${got}`
    return failure(null, `The header was not recognised: ${EXPECTED_HEADERS}`, [{ line: found.firstLine?.line ?? 1, reason }])
  }
  const { reader, header, records, delimiter } = found
  const format = reader.format

  let fallback: string | null = null
  if (options.currency) {
    const c = readCurrency(options.currency)
    if ("error" in c) return failure(format, `currency: ${c.error}`, [{ line: header.line, reason: c.error }])
    fallback = c.value
  }
  if (reader.headerCurrency) {
    const c = readCurrency(reader.headerCurrency)
    if ("error" in c) return failure(format, `The header's ${c.error}`, [{ line: header.line, reason: c.error }])
  }
  if (!reader.hasCurrency && !fallback) {
    const reason = "the file names no currency: add a Currency code (Google Ads) or currency (template) column, or give the currency with the upload"
    return failure(format, `The ${reason}`, [{ line: header.line, reason }])
  }

  const rejected: Rejection[] = []
  let rejectedCount = 0
  const reject = (line: number, reason: string) => {
    rejectedCount++
    if (rejected.length < MAX_LISTED) rejected.push({ line, reason })
  }
  const byKey = new Map<string, { row: SpendRow; line: number }>()
  let skipped = 0
  let dataLines = 0
  try {
    for (const record of records) {
      if (++dataLines > MAX_ROWS) {
        return failure(format, `The file has more than ${MAX_ROWS.toLocaleString("en-US")} rows: split it by date`, [
          { line: record.line, reason: `more than ${MAX_ROWS} rows` },
        ])
      }
      const reading = reader.read(record.fields, fallback)
      if ("skip" in reading) {
        skipped++
        continue
      }
      const result = validateSpendRow(reading.input, reading.amountOf)
      if ("errors" in result) {
        reject(record.line, result.errors.map((e) => e.message).join("; "))
        continue
      }
      const key = matchKey(result.row)
      const same = byKey.get(key)
      if (!same) byKey.set(key, { row: result.row, line: record.line })
      else if (same.row.currency !== result.row.currency) {
        reject(record.line, `same day and campaign as line ${same.line}, in another currency (${result.row.currency}, not ${same.row.currency})`)
      } else same.row.amount_minor += result.row.amount_minor
    }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e
    reject(e.line, e.message)
  }
  if (rejectedCount > 0) {
    const rows = rejectedCount === 1 ? "1 row was" : `${rejectedCount} rows were`
    return failure(format, `${rows} rejected, so nothing was imported`, rejected, rejectedCount)
  }
  if (byKey.size === 0) {
    return failure(format, "The file has a header but no rows", [{ line: header.line + 1, reason: "no rows after the header" }])
  }
  return { ok: true, format, delimiter, rows: [...byKey.values()].map((v) => v.row), skipped }
}

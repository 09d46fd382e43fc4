/**
 * From the bytes of an uploaded file to CSV records with their line numbers.
 *
 * A small RFC 4180 reader rather than a library: src/core takes no npm imports, and every
 * record must carry the line it starts on, so a rejected row is named by the line a
 * spreadsheet shows. Quoted fields may hold delimiters, doubled quotes and line breaks.
 */

export type CsvRecord = { fields: string[]; line: number }

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message)
    this.name = "CsvSyntaxError"
  }
}

/**
 * The text of an upload: UTF-8 (with or without byte order mark) or UTF-16 with its byte order
 * mark, as Google Ads writes its "CSV" and "TSV" downloads. Anything else, or text holding NUL
 * characters (a spreadsheet or an image uploaded by mistake), is `{ error }`.
 */
export function decodeUpload(bytes: Uint8Array): { text: string } | { error: string } {
  let text: string
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2))
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2))
    else text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { error: "The file is not text: expected a CSV file in UTF-8 or UTF-16 (as Google Ads and Meta Ads Manager export it)" }
  }
  if (text.includes("\u0000")) {
    return { error: "The file holds binary data (NUL characters), not CSV text: upload the CSV export itself, not a spreadsheet (.xlsx) or a zip" }
  }
  return { text: text.replace(/^\uFEFF/, "") }
}

/** Records of `text`, lazily: a reader can stop after the header. Empty lines are skipped. */
export function* csvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  const n = text.length
  const delim = delimiter.charCodeAt(0)
  let i = 0
  let line = 1
  while (i < n) {
    const start = line
    const fields: string[] = []
    for (;;) {
      let field = ""
      if (text.charCodeAt(i) === 34 /* " */) {
        // A quoted field: up to the closing quote; "" is a quote. Slices, not characters, so
        // a 10 MB line costs milliseconds.
        i++
        for (;;) {
          const close = text.indexOf('"', i)
          if (close < 0) throw new CsvSyntaxError(start, `a quoted field opened on line ${start} is never closed`)
          const part = text.slice(i, close)
          line += countLineBreaks(part)
          field += part
          if (text.charCodeAt(close + 1) === 34) {
            field += '"'
            i = close + 2
            continue
          }
          i = close + 1
          break
        }
      }
      // Unquoted text (or what follows a closing quote, kept as is rather than refused).
      let j = i
      while (j < n) {
        const c = text.charCodeAt(j)
        if (c === delim || c === 10 || c === 13) break
        j++
      }
      field += text.slice(i, j)
      i = j
      fields.push(field)
      if (i < n && text.charCodeAt(i) === delim) {
        i++
        continue
      }
      if (i < n) {
        i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
        line++
      }
      break
    }
    if (fields.length === 1 && fields[0]!.trim() === "") continue
    yield { fields, line: start }
  }
}

/** Line breaks in a piece of text: \r\n, \n or a lone \r, each counted once. */
function countLineBreaks(text: string): number {
  let count = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) count++
  }
  return count
}

/**
 * The delimiter of a file: a tab when its first lines hold more tabs than commas (Google Ads'
 * "TSV" and its UTF-16 "CSV for Excel"), else a comma.
 */
export function detectDelimiter(text: string): "\t" | "," {
  const head = text.slice(0, 4096)
  const tabs = head.split("\t").length - 1
  const commas = head.split(",").length - 1
  return tabs > 0 && tabs >= commas / 2 ? "\t" : ","
}

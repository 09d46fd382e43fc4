/**
 * CSV as RFC 4180 writes it: CRLF line ends; a field holding a comma, a quote, CR or LF is
 * quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvLine(values: string[]): string {
  return values.map(csvField).join(",") + "\r\n"
}

/**
 * Text that came from visitors' URLs (a campaign, a landing page, a referrer) must not run as
 * a formula when a spreadsheet opens the file: a value starting with `=`, `+`, `-` or `@` (or a
 * tab or CR, which some spreadsheets skip before reading a formula) gets a leading `'`, which
 * spreadsheets show as text.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * A byte order mark before the header: Excel reads a CSV without it in the machine's legacy
 * code page, which garbles campaigns such as "été". Other spreadsheets ignore it.
 */
export const UTF8_BOM = "\uFEFF"

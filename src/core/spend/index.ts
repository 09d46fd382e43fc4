/** Ad spend: reading uploads and JSON rows, and how spend meets sessions (docs/ad-spend.md). */
export { EXPECTED_HEADERS, detectFormat, headerName } from "./formats"
export { MAX_LISTED, MAX_ROWS, parseSpendCsv, type SpendImport } from "./import"
export { matchKey, normalizeCampaign } from "./match"
export { CsvSyntaxError, csvRecords, decodeUpload, detectDelimiter } from "./records"
export { validateSpendRow, type FieldError, type SpendInput } from "./row"
export type { Rejection, SpendFormat, SpendRow } from "./types"
export { readAmount, readCurrency, readDay, readMicros } from "./values"

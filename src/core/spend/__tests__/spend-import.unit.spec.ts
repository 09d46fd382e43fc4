import { readFileSync } from "fs"
import { join } from "path"
import { csvRecords, decodeUpload, matchKey, parseSpendCsv, readMicros, validateSpendRow, type SpendImport } from ".."

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "fixtures", name)))
const ok = (r: SpendImport) => {
  if (!r.ok) throw new Error(`refused: ${r.message} ${JSON.stringify(r.rejected)}`)
  return r
}
const bytes = (text: string) => new TextEncoder().encode(text)

describe("parseSpendCsv: the formats as exported", () => {
  it("reads a Google Ads report downloaded as UTF-16 TSV, title lines and Total lines included", () => {
    const r = ok(parseSpendCsv(fixture("google-ads-utf16.tsv")))
    expect(r.format).toBe("google_ads")
    expect(r.delimiter).toBe("\t")
    expect(r.skipped).toBe(2)
    expect(r.rows).toEqual([
      { day: "2026-11-21", campaign: "Black Friday", source: "google", medium: "cpc", channel: "Paid Search", amount_minor: 115322n, currency: "USD" },
      { day: "2026-11-21", campaign: "brand", source: "google", medium: "cpc", channel: "Paid Search", amount_minor: 4510n, currency: "USD" },
      { day: "2026-11-22", campaign: "Black Friday", source: "google", medium: "cpc", channel: "Paid Search", amount_minor: 98000n, currency: "USD" },
    ])
  })

  it("reads a Google Ads CSV with Cost (micros), rounding below the cent half up", () => {
    const r = ok(parseSpendCsv(fixture("google-ads-micros.csv")))
    expect(r.format).toBe("google_ads")
    expect(r.rows.map((x) => [x.campaign, x.day, x.amount_minor, x.currency])).toEqual([
      ["rain-jackets", "2026-11-21", 1235n, "EUR"], // 12.345678 EUR → 12.35
      ["brand", "2026-11-21", 450n, "EUR"],
      ["rain-jackets", "2026-11-22", 0n, "EUR"],
    ])
  })

  it("reads a Meta Ads Manager export: currency from the header, the summary row passed over", () => {
    const r = ok(parseSpendCsv(fixture("meta-ads.csv")))
    expect(r.format).toBe("meta_ads")
    expect(r.skipped).toBe(1)
    expect(r.rows).toEqual([
      { day: "2026-11-21", campaign: "autumn-sale", source: "facebook", medium: "paid_social", channel: "Paid Social", amount_minor: 10025n, currency: "USD" },
      { day: "2026-11-22", campaign: "autumn-sale", source: "facebook", medium: "paid_social", channel: "Paid Social", amount_minor: 5025n, currency: "USD" },
    ])
  })

  it("reads the template, quoted fields, currencies with 0 decimals and rows without campaign", () => {
    const r = ok(parseSpendCsv(fixture("template.csv")))
    expect(r.format).toBe("template")
    expect(r.rows).toEqual([
      { day: "2026-11-21", campaign: "black-friday", source: "google", medium: "cpc", channel: "Paid Search", amount_minor: 15322n, currency: "USD" },
      { day: "2026-11-21", campaign: null, source: "newsletter", medium: "email", channel: "Email", amount_minor: 0n, currency: "USD" },
      { day: "2026-11-21", campaign: null, source: null, medium: null, channel: "Affiliates", amount_minor: 2000n, currency: "EUR" },
      { day: "2026-11-22", campaign: 'Winter, "warm" sale', source: "tiktok", medium: "paid_social", channel: "Paid Social", amount_minor: 1500n, currency: "JPY" },
    ])
  })

  it("adds up the rows of one day and campaign within a file (a report segmented by device)", () => {
    const text = "Day,Campaign,Device,Currency code,Cost\n2026-11-21,bf,Mobile,USD,10.10\n2026-11-21,bf,Desktop,USD,5.05\n"
    expect(ok(parseSpendCsv(text)).rows).toEqual([expect.objectContaining({ campaign: "bf", amount_minor: 1515n })])
  })

  it("takes the currency given with the upload when the file names none", () => {
    const text = "Day,Campaign,Cost\n2026-11-21,bf,10.10\n"
    expect(parseSpendCsv(text)).toMatchObject({ ok: false, message: expect.stringMatching(/names no currency/) })
    expect(ok(parseSpendCsv(text, { currency: "gbp" })).rows[0]).toMatchObject({ amount_minor: 1010n, currency: "GBP" })
  })
})

describe("parseSpendCsv: every rejected line named, nothing imported", () => {
  it("lists each bad row with its line number and reason", () => {
    const r = parseSpendCsv(fixture("bad-rows.csv"))
    expect(r).toEqual({
      ok: false,
      format: "template",
      message: "5 rows were rejected, so nothing was imported",
      rejected_count: 5,
      rejected: [
        { line: 3, reason: "date 2026-02-30 does not exist" },
        { line: 4, reason: 'amount "-5" is negative' },
        { line: 5, reason: 'amount "ten" is not a number' },
        { line: 6, reason: 'currency "XYZ" is not a known ISO 4217 code' },
        { line: 7, reason: "amount: Amount 1.005 has 3 decimal places but USD allows 2" },
      ],
    })
  })

  it("refuses a header it does not know, naming the expected ones", () => {
    const r = parseSpendCsv("when,what,how much\n2026-11-21,bf,10\n")
    expect(r).toMatchObject({ ok: false, format: null, message: expect.stringMatching(/^The header was not recognised: expected a Google Ads/) })
    expect(!r.ok && r.rejected).toEqual([{ line: 1, reason: expect.stringContaining('line 1 has "when", "what", "how much"') }])
  })

  it("refuses a bad date format, a bad channel, and rows naming nothing", () => {
    const r = parseSpendCsv("date,campaign,channel,amount,currency\n21/11/2026,bf,,1,USD\n2026-11-21,,Telepathy,1,USD\n2026-11-21,,,1,USD\n")
    expect(!r.ok && r.rejected).toEqual([
      { line: 2, reason: 'date "21/11/2026" is not a date YYYY-MM-DD' },
      { line: 3, reason: expect.stringMatching(/^channel "Telepathy" is not one of Direct, /) },
      { line: 4, reason: "needs at least one of campaign, source, channel" },
    ])
  })

  it("refuses 10 MB of garbage quickly, and binary files, as files", () => {
    let garbage = ""
    while (garbage.length < 10 * 1024 * 1024) garbage += Math.random().toString(36).slice(2) + (Math.random() < 0.01 ? "\n" : ",")
    const started = Date.now()
    const r = parseSpendCsv(bytes(garbage))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(r).toMatchObject({ ok: false, format: null, message: expect.stringMatching(/header was not recognised/) })
    expect(parseSpendCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0x00]))).toMatchObject({ ok: false, message: expect.stringMatching(/not text|binary/) })
    expect(parseSpendCsv(bytes("date,amount\n\"2026-11-21,1\n"))).toMatchObject({ ok: false })
  })

  it("names an unclosed quote with its line", () => {
    const r = parseSpendCsv('date,campaign,amount,currency\n2026-11-21,bf,1,USD\n2026-11-22,"bf,2,USD\n')
    expect(!r.ok && r.rejected).toEqual([{ line: 3, reason: "a quoted field opened on line 3 is never closed" }])
  })

  it("refuses a file with only a header, and an empty one", () => {
    expect(parseSpendCsv("date,campaign,amount,currency\n")).toMatchObject({ ok: false, message: "The file has a header but no rows" })
    expect(parseSpendCsv(bytes(""))).toMatchObject({ ok: false, message: "The file is empty" })
  })
})

describe("records, values and identity", () => {
  it("keeps line numbers across quoted line breaks", () => {
    const records = [...csvRecords('a,b\r\n"x\ny",z\n\nlast,1', ",")]
    expect(records).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["x\ny", "z"], line: 2 },
      { fields: ["last", "1"], line: 5 },
    ])
  })

  it("decodes UTF-8 with or without byte order mark, and UTF-16", () => {
    expect(decodeUpload(bytes("\ufeffDay"))).toEqual({ text: "Day" })
    expect(decodeUpload(new Uint8Array([0xfe, 0xff, 0, 0x44]))).toEqual({ text: "D" })
    expect(decodeUpload(new Uint8Array([0xc3, 0x28]))).toMatchObject({ error: expect.stringMatching(/not text/) })
  })

  it("converts micros exactly with the currency's exponent", () => {
    expect(readMicros("153220000", "USD")).toEqual({ value: 15322n })
    expect(readMicros("1500000000", "JPY")).toEqual({ value: 1500n })
    expect(readMicros("12345000", "KWD")).toEqual({ value: 12345n })
    expect(readMicros("4999", "USD")).toEqual({ value: 0n })
    expect(readMicros("5000", "USD")).toEqual({ value: 1n })
    expect(readMicros("1.5", "USD")).toMatchObject({ error: expect.stringMatching(/whole number/) })
  })

  it("validates JSON rows field by field and normalises them like sessions", () => {
    expect(validateSpendRow({ date: "2026-11-21", campaign: " BF ", source: "Google", medium: "CPC", amount: 153.22, currency: "usd" })).toEqual({
      row: { day: "2026-11-21", campaign: "BF", source: "google", medium: "cpc", channel: "Paid Search", amount_minor: 15322n, currency: "USD" },
    })
    expect(validateSpendRow({ date: "2026-11-21", channel: "paid social", amount: "1,000", currency: "EUR" })).toMatchObject({
      row: { channel: "Paid Social", amount_minor: 100000n },
    })
    expect(validateSpendRow({ date: "nope", campaign: 5, amount: -1, currency: "USD" })).toEqual({
      errors: [
        { field: "date", message: 'date "nope" is not a date YYYY-MM-DD' },
        { field: "campaign", message: "campaign must be text" },
        { field: "amount", message: "amount -1 is negative" },
      ],
    })
  })

  it("gives one identity per day, campaign, source, medium and channel, whatever the case", () => {
    const a = matchKey({ day: "2026-11-21", campaign: "Black Friday", source: "google", medium: "cpc", channel: "Paid Search" })
    expect(matchKey({ day: "2026-11-21", campaign: " black friday", source: "Google", medium: "cpc", channel: "Paid Search" })).toBe(a)
    expect(matchKey({ day: "2026-11-22", campaign: "Black Friday", source: "google", medium: "cpc", channel: "Paid Search" })).not.toBe(a)
    expect(matchKey({ day: "2026-11-21", campaign: 'x","y', source: null, medium: null, channel: null })).not.toBe(
      matchKey({ day: "2026-11-21", campaign: "x", source: "y", medium: null, channel: null })
    )
  })
})

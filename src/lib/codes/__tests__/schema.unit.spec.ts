import { describeIssues } from "../../collector/schema"
import { CodeMappingBody, CodesQuery } from "../schema"

const message = (body: unknown) => {
  const parsed = CodeMappingBody.safeParse(body)
  return parsed.success ? null : describeIssues(parsed.error)
}

describe("CodeMappingBody", () => {
  it("upper-cases the code, lower-cases source and medium, keeps the campaign's case, blanks to null", () => {
    expect(CodeMappingBody.parse({ code: " anna10 ", channel: "Affiliates", source: " Anna ", medium: "", campaign: "Winter Drop" })).toEqual({
      code: "ANNA10",
      channel: "Affiliates",
      source: "anna",
      medium: null,
      campaign: "Winter Drop",
    })
    expect(CodeMappingBody.parse({ code: "X", channel: "Email", source: null })).toEqual({
      code: "X",
      channel: "Email",
      source: null,
      medium: null,
      campaign: null,
    })
  })

  it("names the field in every refusal", () => {
    expect(message({ channel: "Email" })).toMatch(/^code: /)
    expect(message({ code: "A", channel: "email" })).toMatch(/^channel: must be one of Direct, /)
    expect(message({ code: "A\nB", channel: "Email" })).toBe("code: must not contain control characters")
    expect(message({ code: "A", channel: "Email", campaign: "c".repeat(201) })).toBe("campaign: must be at most 200 characters")
    expect(message({ code: "A", channel: "Email", extra: 1 })).toMatch(/extra/)
  })
})

describe("CodesQuery", () => {
  it("takes an optional split_by among the report dimensions", () => {
    expect(CodesQuery.parse({}).split_by).toBeUndefined()
    expect(CodesQuery.parse({ split_by: "source" }).split_by).toBe("source")
    expect(CodesQuery.safeParse({ split_by: "code" }).success).toBe(false)
  })
})

import { ID_LENGTH, isValidId, newId } from "../src/ids"

describe("newId", () => {
  it("makes URL-safe ids of the contract's shape", () => {
    for (let i = 0; i < 200; i++) {
      const id = newId()
      expect(id).toHaveLength(ID_LENGTH)
      expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
      expect(isValidId(id)).toBe(true)
    }
  })

  it("does not repeat, and uses the whole base-32 alphabet", () => {
    const ids = Array.from({ length: 2000 }, newId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids.join("")).size).toBe(32)
  })
})

describe("isValidId", () => {
  it.each([
    ["abcdefghijklmnop", true],
    ["A1_-".repeat(16), true],
    ["x".repeat(15), false],
    ["x".repeat(65), false],
    ["has space in it!!", false],
    ["abcdefghijklmnop.", false],
    ["<script>alert(1)</script>", false],
    ["", false],
    [null, false],
    [undefined, false],
    [1234567890123456, false],
  ])("%p → %p", (value, valid) => {
    expect(isValidId(value)).toBe(valid)
  })
})

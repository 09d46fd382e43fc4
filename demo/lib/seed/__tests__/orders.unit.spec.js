const { toCents } = require("../orders")

// The demo's expected figures round each order's paid amount as the plugin rounds the order's
// total (half up, exact): a float times 100 is a cent short on amounts like 301.585.
describe("toCents", () => {
  it.each([
    [301.585, 30159],
    [391.035, 39104],
    ["301.58", 30158],
    [12.3449, 1234],
    [12.345, 1235],
    [0.125, 13],
    [0.1, 10],
    [10, 1000],
    ["7.5", 750],
    [-1.005, -101],
  ])("%p is %p cents", (amount, cents) => {
    expect(toCents(amount)).toBe(cents)
  })

  it("refuses what is not a decimal amount", () => {
    expect(() => toCents("1e-7")).toThrow(/not a decimal amount/)
    expect(() => toCents(undefined)).toThrow(/not a decimal amount/)
  })

  it("differs from the float rounding it replaces", () => {
    expect(Math.round(301.585 * 100)).toBe(30158)
  })
})

import type { RevenueFigures } from "./figures"

export type FiguresChange = { [K in keyof RevenueFigures]: number | null }

/**
 * (current − previous) ÷ previous for every figure, as a fraction rounded to four decimals
 * (0.25 = +25%), or null when the previous value is 0 (no meaningful percentage).
 */
export function figuresChange(current: RevenueFigures, previous: RevenueFigures): FiguresChange {
  const change = {} as FiguresChange
  for (const field of Object.keys(current) as (keyof RevenueFigures)[]) {
    const before = previous[field]
    change[field] = before === 0 ? null : Math.round(((current[field] - before) / before) * 10000) / 10000
  }
  return change
}

/** The period of the same length that ends where this one starts. */
export function previousPeriod(range: { from: Date; to: Date }): { from: Date; to: Date } {
  const length = range.to.getTime() - range.from.getTime()
  return { from: new Date(range.from.getTime() - length), to: range.from }
}

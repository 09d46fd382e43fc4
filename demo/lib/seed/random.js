// A seeded random number generator: the demo's synthetic traffic is the same on every run, so a
// second run finds what the first stored (same ids, same amounts) and adds nothing.

/** mulberry32: small, fast and good enough for synthetic data. Answers floats in [0, 1). */
function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random = {
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** One of `items` with probability proportional to `weightOf(item)`. */
    weighted: (items, weightOf = (i) => i.weight) => {
      const total = items.reduce((sum, i) => sum + weightOf(i), 0)
      let r = next() * total
      for (const item of items) {
        r -= weightOf(item)
        if (r < 0) return item
      }
      return items[items.length - 1]
    },
    /** A random id suffix of `length` characters from [0-9a-z]. */
    token: (length) => Array.from({ length }, () => "0123456789abcdefghijklmnopqrstuvwxyz"[Math.floor(next() * 36)]).join(""),
  }
  return random
}

module.exports = { createRandom }

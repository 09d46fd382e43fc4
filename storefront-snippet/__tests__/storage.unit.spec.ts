import { memoryStore, pickStore, Store } from "../src/storage"

/** A store that keeps nothing, as a browser that refuses cookies. */
const refusing = (): Store => ({ get: () => null, set: () => undefined })

describe("pickStore", () => {
  it("takes the first store that keeps what is written, and writes the probe value to it", () => {
    const a = memoryStore()
    const b = memoryStore()
    expect(pickStore([a, b], "_ra_vid", "v".repeat(20), 100)).toBe(a)
    expect(a.get("_ra_vid")).toBe("v".repeat(20))
    expect(b.get("_ra_vid")).toBeNull()
  })

  it("falls through refusing stores", () => {
    const memory = memoryStore()
    expect(pickStore([refusing(), refusing(), memory], "_ra_vid", "value", 100)).toBe(memory)
  })

  it("answers the last store when none works", () => {
    const last = refusing()
    expect(pickStore([refusing(), last], "k", "v", 1)).toBe(last)
  })
})

describe("memoryStore", () => {
  it("keeps values and deletes with max-age 0", () => {
    const store = memoryStore()
    store.set("a", "1", 10)
    expect(store.get("a")).toBe("1")
    store.set("a", "", 0)
    expect(store.get("a")).toBeNull()
  })
})

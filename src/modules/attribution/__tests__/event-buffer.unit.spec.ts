import { EventBuffer } from "../ingest/event-buffer"

jest.useFakeTimers()

const tick = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms)
}

function recorder(fail: () => boolean = () => false) {
  const batches: number[][] = []
  const write = jest.fn(async (batch: number[]) => {
    if (fail()) throw new Error("database unreachable")
    batches.push(batch)
  })
  return { batches, write }
}

describe("EventBuffer", () => {
  it("waits maxDelayMs and writes what arrived meanwhile as one batch", async () => {
    const { batches, write } = recorder()
    const buffer = new EventBuffer<number>({ write, maxDelayMs: 250, maxBatch: 100 })
    buffer.push([1])
    buffer.push([2, 3])
    await tick(249)
    expect(batches).toEqual([])
    await tick(1)
    expect(batches).toEqual([[1, 2, 3]])
  })

  it("writes at once when maxBatch events wait, then batches the rest after the delay", async () => {
    const { batches, write } = recorder()
    const buffer = new EventBuffer<number>({ write, maxDelayMs: 250, maxBatch: 3 })
    buffer.push([1, 2, 3, 4])
    await tick(0)
    expect(batches).toEqual([[1, 2, 3]])
    await tick(249)
    expect(batches).toEqual([[1, 2, 3]])
    await tick(1)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it("keeps a failed batch in front and retries with backoff, losing nothing", async () => {
    let failing = true
    const { batches, write } = recorder(() => failing)
    const errors: number[] = []
    const buffer = new EventBuffer<number>({ write, maxDelayMs: 100, maxBatch: 10, onError: (_e, pending) => errors.push(pending) })
    buffer.push([1, 2])
    await tick(100)
    expect(errors).toEqual([2])
    buffer.push([3])
    await tick(199) // backoff after one failure: 200 ms
    expect(write).toHaveBeenCalledTimes(1)
    failing = false
    await tick(1)
    expect(batches).toEqual([[1, 2, 3]])
    expect(buffer.pending).toBe(0)
  })

  it("drops the oldest events beyond maxBuffered and says how many", async () => {
    const { write } = recorder(() => true)
    const dropped: number[] = []
    const buffer = new EventBuffer<number>({ write, maxDelayMs: 100, maxBatch: 100, maxBuffered: 3, onDrop: (n) => dropped.push(n) })
    buffer.push([1, 2, 3, 4, 5])
    expect(dropped).toEqual([2])
    expect(buffer.pending).toBe(3)
  })

  it("flush writes everything now, and keeps the events when the write fails", async () => {
    let failing = false
    const { batches, write } = recorder(() => failing)
    const buffer = new EventBuffer<number>({ write, maxDelayMs: 10_000, maxBatch: 2 })
    buffer.push([1])
    await buffer.flush()
    expect(batches).toEqual([[1]])
    failing = true
    buffer.push([2])
    await expect(buffer.flush()).rejects.toThrow("database unreachable")
    expect(buffer.pending).toBe(1)
  })
})

describe("EventBuffer with a probe: one event the database refuses", () => {
  /** A database that refuses any batch holding a negative number, and answers probes. */
  function refusingNegatives() {
    const written: number[] = []
    const write = jest.fn(async (batch: number[]) => {
      if (batch.some((n) => n < 0)) throw new Error("invalid message format")
      written.push(...batch)
    })
    return { written, write }
  }

  it("isolates and drops only the refused event; every other event is written", async () => {
    const { written, write } = refusingNegatives()
    const rejected: number[] = []
    const buffer = new EventBuffer<number>({
      write,
      maxBatch: 8,
      probe: async () => true,
      onReject: (_e, item) => rejected.push(item),
    })
    buffer.push([1, 2, 3, -4, 5, 6, 7, 8, 9, 10])
    await buffer.flush()
    expect(rejected).toEqual([-4])
    expect(written.sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10])
  })

  it("does the same in the background, without backing off", async () => {
    const { written, write } = refusingNegatives()
    const rejected: number[] = []
    const buffer = new EventBuffer<number>({ write, maxBatch: 4, maxDelayMs: 250, probe: async () => true, onReject: (_e, i) => rejected.push(i) })
    buffer.push([1, -2, 3])
    await tick(250)
    await tick(0)
    await tick(0)
    expect(rejected).toEqual([-2])
    expect(written.sort()).toEqual([1, 3])
    expect(buffer.pending).toBe(0)
  })

  it("keeps every event while the database does not answer (an outage, not a bad event)", async () => {
    let down = true
    const written: number[] = []
    const write = jest.fn(async (batch: number[]) => {
      if (down) throw new Error("connection refused")
      written.push(...batch)
    })
    const rejected: number[] = []
    const buffer = new EventBuffer<number>({ write, maxBatch: 4, probe: async () => !down, onReject: (_e, i) => rejected.push(i) })
    buffer.push([1, 2, 3])
    await expect(buffer.flush()).rejects.toThrow("connection refused")
    expect(buffer.pending).toBe(3)
    down = false
    await buffer.flush()
    expect(written).toEqual([1, 2, 3])
    expect(rejected).toEqual([])
  })
})

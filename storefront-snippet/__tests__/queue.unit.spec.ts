import {
  Clock,
  CollectorEvent,
  createQueue,
  FLUSH_AT,
  MAX_BATCH,
  MAX_BATCH_CHARS,
  MAX_QUEUE,
  toBatches,
} from "../src/queue"

/** A manual clock: timers run only when `advance` passes their time. */
function manualClock() {
  let now = 0
  let timers: { id: number; at: number; fn: () => void }[] = []
  let next = 1
  const clock: Clock = {
    set: (fn, ms) => {
      timers.push({ id: next, at: now + ms, fn })
      return next++
    },
    clear: (id) => {
      timers = timers.filter((t) => t.id !== id)
    },
  }
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }
  return {
    clock,
    get now() {
      return now
    },
    pending: () => timers.map((t) => t.at - now),
    async advance(ms: number) {
      const end = now + ms
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter((t) => t !== due)
        now = due.at
        due.fn()
        await settle()
      }
      now = end
      await settle()
    },
    settle,
  }
}

/** A sender that records each batch with the clock's time and answers from a script. */
function recorder(time: () => number, answers: (number | "fail")[] = []) {
  const calls: { at: number; events: CollectorEvent[] }[] = []
  const send = (events: CollectorEvent[]) => {
    calls.push({ at: time(), events })
    const answer = answers.length ? answers.shift()! : 202
    return answer === "fail" ? Promise.reject(new TypeError("Failed to fetch")) : Promise.resolve(answer)
  }
  return { calls, send }
}

const ev = (i: number): CollectorEvent => ({ type: "event", name: "e" + i })

describe("toBatches", () => {
  it("cuts at 50 events, in order", () => {
    const events = Array.from({ length: 120 }, (_, i) => ev(i))
    const batches = toBatches(events)
    expect(batches.map((b) => b.length)).toEqual([MAX_BATCH, MAX_BATCH, 20])
    expect(batches.flat()).toEqual(events)
  })

  it("keeps each batch's JSON under the keepalive budget", () => {
    const big = (i: number) => ({ type: "event", name: "big" + i, props: { text: "é".repeat(4000) } })
    const batches = toBatches(Array.from({ length: 12 }, (_, i) => big(i)))
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches) {
      expect(JSON.stringify(batch).length).toBeLessThanOrEqual(MAX_BATCH_CHARS + 1)
      // UTF-8 bytes of the whole request body stay under 60 KB
      expect(Buffer.byteLength(JSON.stringify({ key: "pk_" + "0".repeat(64), events: batch }))).toBeLessThan(60 * 1024)
    }
    expect(batches.flat()).toHaveLength(12)
  })

  it("drops an event too big for any request", () => {
    const batches = toBatches([ev(1), { type: "event", name: "huge", props: { x: "a".repeat(MAX_BATCH_CHARS) } }, ev(2)])
    expect(batches).toEqual([[ev(1), ev(2)]])
  })

  it("answers no batch for no event", () => {
    expect(toBatches([])).toEqual([])
  })
})

describe("createQueue", () => {
  it("sends after one second, all events queued by then in one batch", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now)
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(1))
    await time.advance(500)
    queue.push(ev(2))
    await time.advance(499)
    expect(sender.calls).toHaveLength(0)
    await time.advance(1)
    expect(sender.calls).toEqual([{ at: 1000, events: [ev(1), ev(2)] }])
  })

  it(`sends at once when ${FLUSH_AT} events are waiting`, async () => {
    const time = manualClock()
    const sender = recorder(() => time.now)
    const queue = createQueue(sender.send, time.clock, jest.fn())
    for (let i = 0; i < FLUSH_AT; i++) queue.push(ev(i))
    await time.settle()
    expect(sender.calls).toHaveLength(1)
    expect(sender.calls[0].events).toHaveLength(FLUSH_AT)
    expect(sender.calls[0].at).toBe(0)
    expect(time.pending()).toEqual([])
  })

  it("retries with backoff 1, 2, 4 ... capped at 60 s, then resets it after a success", async () => {
    const time = manualClock()
    const answers: (number | "fail")[] = ["fail", 500, 503, 429, "fail", "fail", "fail", "fail", "fail"]
    const sender = recorder(() => time.now, answers)
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(1))
    await time.advance(300_000)
    const gaps = sender.calls.slice(1).map((c, i) => c.at - sender.calls[i].at)
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
    expect(sender.calls.every((c) => JSON.stringify(c.events) == JSON.stringify([ev(1)]))).toBe(true)
    const delivered = sender.calls.length
    queue.push(ev(2))
    await time.advance(1000)
    expect(sender.calls).toHaveLength(delivered + 1)
    expect(sender.calls[delivered].at - sender.calls[delivered - 1].at).toBeLessThan(60000)
  })

  it("while backing off, new events wait for the retry and go out with the failed batch, in order", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now, ["fail", "fail"])
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(1))
    await time.advance(1000) // fails; retry in 1 s
    await time.advance(1000) // fails; retry in 2 s
    for (let i = 2; i < 2 + FLUSH_AT; i++) queue.push(ev(i)) // no immediate flush while backing off
    await time.advance(1999)
    expect(sender.calls).toHaveLength(2)
    await time.advance(1)
    expect(sender.calls).toHaveLength(3)
    expect(sender.calls[2].events.map((e) => e.name)).toEqual(Array.from({ length: 1 + FLUSH_AT }, (_, i) => "e" + (i + 1)))
  })

  it("drops a batch refused with a 4xx other than 429, tells onRejected, and does not retry", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now, [400, 401])
    const rejected = jest.fn()
    const queue = createQueue(sender.send, time.clock, rejected)
    queue.push(ev(1))
    await time.advance(1000)
    queue.push(ev(2))
    await time.advance(1000)
    await time.advance(120_000)
    expect(sender.calls).toHaveLength(2)
    expect(rejected.mock.calls).toEqual([[400], [401]])
  })

  it("keeps at most 200 events while the backend is unreachable, dropping the oldest", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now, Array(100).fill("fail"))
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(0))
    await time.advance(1000) // fails; now backing off
    for (let i = 1; i <= 300; i++) queue.push(ev(i))
    await queue.flush()
    const last = sender.calls[sender.calls.length - 1]
    const sent = sender.calls.slice(-Math.ceil(MAX_QUEUE / MAX_BATCH)).flatMap((c) => c.events)
    expect(sent).toHaveLength(MAX_QUEUE)
    expect(sent[0]).toEqual(ev(101))
    expect(last.events[last.events.length - 1]).toEqual(ev(300))
  })

  it("flush() sends at once, even while backing off, and resolves after the answers", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now, ["fail"])
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(1))
    await time.advance(1000)
    expect(time.pending()).toEqual([1000])
    await queue.flush()
    expect(sender.calls).toHaveLength(2)
    expect(time.pending()).toEqual([])
  })

  it("a sender that throws synchronously counts as a network error", async () => {
    const time = manualClock()
    let calls = 0
    const queue = createQueue(
      () => {
        calls++
        throw new Error("fetch is not defined")
      },
      time.clock,
      jest.fn()
    )
    queue.push(ev(1))
    await expect(queue.flush()).resolves.toBeUndefined()
    expect(calls).toBe(1)
    expect(time.pending()).toEqual([1000])
  })

  it("clear() forgets unsent events", async () => {
    const time = manualClock()
    const sender = recorder(() => time.now)
    const queue = createQueue(sender.send, time.clock, jest.fn())
    queue.push(ev(1))
    queue.clear()
    await time.advance(2000)
    expect(sender.calls).toHaveLength(0)
  })
})

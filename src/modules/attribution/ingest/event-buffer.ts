/**
 * Collects accepted events in memory and writes them in batches, so the collector answers
 * 202 without a database round trip per request and Postgres sees a few multi-row inserts
 * instead of thousands of single ones.
 *
 * What can be lost (stated in the README): events accepted but not yet written when the
 * process dies without a graceful shutdown (at most `maxDelayMs` of traffic, plus whatever
 * piled up while the database was unreachable), and the oldest events beyond `maxBuffered`
 * during a long database outage. A graceful shutdown flushes.
 */
export type EventBufferOptions<T> = {
  write: (batch: T[]) => Promise<void>
  /** Longest an accepted event waits before a write starts. */
  maxDelayMs?: number
  /** A batch is written as soon as this many events are waiting. */
  maxBatch?: number
  /** Events kept while the database is unreachable; the oldest are dropped beyond this. */
  maxBuffered?: number
  onError?: (error: unknown, pending: number) => void
  onDrop?: (dropped: number) => void
  /**
   * Whether the database answers. When a write fails while it does, the batch itself is at
   * fault: it is split in halves until the one event the database refuses is found, and that
   * event is dropped (`onReject`), so one bad event never holds back the others. Without a
   * probe every failure is treated as an outage: kept and retried.
   */
  probe?: () => Promise<boolean>
  onReject?: (error: unknown, item: T) => void
}

export class EventBuffer<T> {
  private queue: T[] = []
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null
  private failures = 0
  /** Shrinks while a refused event is being isolated; grows back after each success. */
  private batchLimit: number
  /** Writes run one at a time (the background drain and a flush may both ask). */
  private chain: Promise<unknown> = Promise.resolve()
  private readonly maxDelayMs: number
  private readonly maxBatch: number
  private readonly maxBuffered: number

  constructor(private readonly options: EventBufferOptions<T>) {
    this.maxDelayMs = options.maxDelayMs ?? 250
    this.maxBatch = options.maxBatch ?? 500
    this.maxBuffered = options.maxBuffered ?? 50_000
    this.batchLimit = this.maxBatch
  }

  get pending(): number {
    return this.queue.length
  }

  push(items: T[]): void {
    this.queue.push(...items)
    const overflow = this.queue.length - this.maxBuffered
    if (overflow > 0) {
      this.queue.splice(0, overflow)
      this.options.onDrop?.(overflow)
    }
    if (this.queue.length >= this.maxBatch && !this.writing) {
      void this.drain()
    } else {
      this.schedule(this.maxDelayMs)
    }
  }

  /** Writes everything waiting; rejects if the database refuses. Used on shutdown and in tests. */
  async flush(): Promise<void> {
    this.clearTimer()
    await this.chain
    while (this.queue.length) {
      const outcome = await this.writeNext()
      if (outcome.failed) {
        throw outcome.error
      }
    }
  }

  /**
   * Writes the next batch. On failure the batch goes back in front; when the database still
   * answers, the batch is split (or, down to one event, that event is dropped) and the write is
   * not counted as a failure. Answers whether to back off.
   */
  private writeNext(): Promise<{ failed: false } | { failed: true; error: unknown }> {
    const next = this.chain.then(() => this.writeOnce())
    this.chain = next.catch(() => undefined)
    return next
  }

  private async writeOnce(): Promise<{ failed: false } | { failed: true; error: unknown }> {
    if (!this.queue.length) {
      return { failed: false }
    }
    const batch = this.queue.splice(0, this.batchLimit)
    this.writing = this.options.write(batch)
    try {
      await this.writing
      this.batchLimit = Math.min(this.maxBatch, this.batchLimit * 2)
      return { failed: false }
    } catch (e) {
      this.queue.unshift(...batch)
      const answering = this.options.probe ? await this.options.probe().catch(() => false) : false
      if (!answering) {
        return { failed: true, error: e }
      }
      if (batch.length > 1) {
        this.batchLimit = Math.ceil(batch.length / 2)
      } else {
        this.queue.shift()
        this.options.onReject?.(e, batch[0]!)
      }
      return { failed: false }
    } finally {
      this.writing = null
    }
  }

  private schedule(delayMs: number) {
    if (!this.timer && !this.writing) {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.drain()
      }, delayMs)
      this.timer.unref?.()
    }
  }

  private clearTimer() {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
  }

  private async drain(): Promise<void> {
    this.clearTimer()
    if (this.writing || !this.queue.length) {
      return
    }
    const outcome = await this.writeNext()
    if (outcome.failed) {
      // Retry with backoff (250 ms doubling to 30 s).
      this.failures++
      this.options.onError?.(outcome.error, this.queue.length)
    } else {
      this.failures = 0
    }
    if (this.failures) {
      this.schedule(Math.min(30_000, this.maxDelayMs * 2 ** this.failures))
    } else if (this.queue.length >= this.maxBatch || this.batchLimit < this.maxBatch) {
      // A full batch waits, or a refused event is being isolated: go on at once.
      void this.drain()
    } else if (this.queue.length) {
      // What arrived during the write waits for company, as new events do: one transaction
      // per interval, not one per event, when traffic trickles in.
      this.schedule(this.maxDelayMs)
    }
  }
}

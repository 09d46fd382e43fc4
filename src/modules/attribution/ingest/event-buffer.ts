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
}

export class EventBuffer<T> {
  private queue: T[] = []
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null
  private failures = 0
  private readonly maxDelayMs: number
  private readonly maxBatch: number
  private readonly maxBuffered: number

  constructor(private readonly options: EventBufferOptions<T>) {
    this.maxDelayMs = options.maxDelayMs ?? 250
    this.maxBatch = options.maxBatch ?? 500
    this.maxBuffered = options.maxBuffered ?? 50_000
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
    if (this.writing) {
      await this.writing.catch(() => undefined)
    }
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch)
      try {
        await this.options.write(batch)
      } catch (e) {
        this.queue.unshift(...batch)
        throw e
      }
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
    const batch = this.queue.splice(0, this.maxBatch)
    this.writing = this.options.write(batch)
    try {
      await this.writing
      this.failures = 0
    } catch (e) {
      // Put the batch back in front and retry with backoff (250 ms doubling to 30 s).
      this.queue.unshift(...batch)
      this.failures++
      this.options.onError?.(e, this.queue.length)
    } finally {
      this.writing = null
    }
    if (this.failures) {
      this.schedule(Math.min(30_000, this.maxDelayMs * 2 ** this.failures))
    } else if (this.queue.length >= this.maxBatch) {
      void this.drain()
    } else if (this.queue.length) {
      // What arrived during the write waits for company, as new events do: one transaction
      // per interval, not one per event, when traffic trickles in.
      this.schedule(this.maxDelayMs)
    }
  }
}

/** Flush this long after the first queued event... */
export const FLUSH_DELAY_MS = 1000
/** ...or as soon as this many are waiting. */
export const FLUSH_AT = 10
/** The collector accepts at most 50 events per request. */
export const MAX_BATCH = 50
/** Unsent events kept while the backend is unreachable; the oldest go first. */
export const MAX_QUEUE = 200
/**
 * Characters of event JSON per request. Keepalive requests may carry 64 KB in all; a UTF-16
 * code unit is at most 3 bytes of UTF-8, so 19,500 of them stay under 60 KB with the envelope.
 */
export const MAX_BATCH_CHARS = 19500
export const MAX_BACKOFF_MS = 60000

export type CollectorEvent = Record<string, unknown>

/** Sends one batch; resolves to the HTTP status, rejects on a network error. */
export type Sender = (events: CollectorEvent[]) => Promise<number>

export interface Clock {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/**
 * Batches of at most `MAX_BATCH` events and `MAX_BATCH_CHARS` of JSON, in order. An event
 * too big for any request on its own is dropped (it could never be delivered).
 */
export function toBatches(events: CollectorEvent[]): CollectorEvent[][] {
  const batches: CollectorEvent[][] = []
  let batch: CollectorEvent[] = []
  let chars = 0
  for (const event of events) {
    const size = JSON.stringify(event).length + 1
    if (size > MAX_BATCH_CHARS) continue
    if (batch.length == MAX_BATCH || chars + size > MAX_BATCH_CHARS) {
      batches.push(batch)
      batch = []
      chars = 0
    }
    batch.push(event)
    chars += size
  }
  if (batch.length) batches.push(batch)
  return batches
}

export interface Queue {
  push(event: CollectorEvent): void
  /** Sends everything queued now, whatever the backoff; resolves when every request ended. */
  flush(): Promise<void>
  clear(): void
}

/**
 * The outgoing queue. 2xx: delivered. 4xx other than 429: the batch is dropped and `onRejected`
 * told (a bad key will not improve by retrying). Network error, 429, 5xx or anything else: the
 * batch goes back to the front of the queue and is retried after 1 s, 2 s, 4 s ... up to 60 s;
 * while backing off, new events wait for that retry. Success resets the backoff.
 */
export function createQueue(send: Sender, clock: Clock, onRejected: (status: number) => void): Queue {
  let queue: CollectorEvent[] = []
  let timer: unknown
  let backoff = 0

  function schedule(ms: number) {
    if (!timer) {
      timer = clock.set(() => {
        timer = 0
        flush()
      }, ms)
    }
  }

  function flush(): Promise<void> {
    clock.clear(timer)
    timer = 0
    const requests = toBatches(queue.splice(0)).map((batch) =>
      Promise.resolve()
        .then(() => send(batch))
        .catch(() => 0)
        .then((status) => {
          if (status > 199 && status < 300) {
            backoff = 0
          } else if (status > 399 && status < 500 && status != 429) {
            onRejected(status)
          } else {
            queue = batch.concat(queue).slice(-MAX_QUEUE)
            backoff = Math.min(backoff * 2 || 1000, MAX_BACKOFF_MS)
            schedule(backoff)
          }
        })
    )
    return Promise.all(requests).then(() => undefined)
  }

  return {
    push(event) {
      if (queue.push(event) > MAX_QUEUE) queue.shift()
      if (queue.length >= FLUSH_AT && !backoff) flush()
      else schedule(backoff || FLUSH_DELAY_MS)
    },
    flush,
    clear() {
      queue = []
    },
  }
}

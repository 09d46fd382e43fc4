import { randomFillSync } from "crypto"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Random bytes are read from the system in blocks, as Node's own randomUUID does: one read per
// id showed in the webhook path's profile, where a payment writes a dozen ids.
const POOL = Buffer.alloc(4096)
let poolOffset = POOL.length

function takeRandom(n: number): number {
  if (poolOffset + n > POOL.length) {
    randomFillSync(POOL)
    poolOffset = 0
  }
  const at = poolOffset
  poolOffset += n
  return at
}

/** Eight Crockford characters for 40 bits (five bytes; exact in a double). */
function encode40(at: number): string {
  let bits = 0
  for (let b = 0; b < 5; b++) {
    bits = bits * 256 + POOL[at + b]!
  }
  let out = ""
  for (let c = 0; c < 8; c++) {
    out = CROCKFORD[bits % 32] + out
    bits = Math.floor(bits / 32)
  }
  return out
}

/**
 * A Medusa-style id: `prefix_` and a 26-character ULID (48 bits of time, then 80 random bits),
 * so ids sort by creation time like Medusa's. Medusa's `generateEntityId` reads the system's
 * random source once per character, sixteen reads an id.
 */
export function newId(prefix: string): string {
  let time = Date.now()
  let out = ""
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[time % 32] + out
    time = Math.floor(time / 32)
  }
  const at = takeRandom(10)
  return `${prefix}_${out}${encode40(at)}${encode40(at + 5)}`
}

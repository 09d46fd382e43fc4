/**
 * The `data_driven` model's channel weights: the removal effect of each channel in a
 * first-order Markov chain over the visitors' channel paths (what GA4's data-driven model and
 * the ChannelAttribution package compute).
 *
 * States: START, one per channel, and two absorbing states, CONVERSION and NULL. Every path
 * is START → c1 → … → cn → CONVERSION (the visitor paid after these sessions) or → NULL (did
 * not). Transition probabilities are the observed counts out of each state, normalised.
 *
 * P(conversion) is the probability of being absorbed in CONVERSION starting from START. The
 * removal effect of channel c is 1 − P(conversion with c removed) / P(conversion), where
 * removing c redirects every transition into c to NULL. The weights are the removal effects
 * normalised to add up to 1.
 *
 * Repeated channels (A → A) are kept as self-loops. They never change the result: a state's
 * absorption probability with a self-loop of probability p is that of its other transitions
 * divided by (1 − p), i.e. the same as with the repeats collapsed.
 *
 * Pure and exact enough: the chain has at most a few dozen channel states, so the absorption
 * probabilities come from solving the linear system (I − Q) x = r directly (Gaussian
 * elimination), once for the full chain and once per removed channel.
 */

export const MARKOV_START = "(start)"
export const MARKOV_CONVERSION = "(conversion)"
export const MARKOV_NULL = "(null)"

/** A counted transition between two states (channels or the three special states above). */
export type MarkovTransition = { from: string; to: string; count: number }

/** One visitor path: its channels in order and whether it ended in a conversion. */
export type MarkovPath = { channels: readonly string[]; converted: boolean; count?: number }

export type MarkovResult = {
  /** Probability of reaching CONVERSION from START in the full chain (0 with no conversion). */
  conversionProbability: number
  /** Removal effect per channel seen in the transitions, in [0, 1]. */
  removalEffects: Record<string, number>
  /** Removal effects normalised to add up to 1; null when none is positive (no conversion). */
  weights: Record<string, number> | null
}

const SPECIAL = new Set([MARKOV_START, MARKOV_CONVERSION, MARKOV_NULL])

/** The transitions of a list of paths (used by tests and small callers; SQL counts them for the store). */
export function transitionsOfPaths(paths: readonly MarkovPath[]): MarkovTransition[] {
  const counts = new Map<string, MarkovTransition>()
  const add = (from: string, to: string, n: number) => {
    const key = `${from}\u0000${to}`
    const t = counts.get(key)
    if (t) t.count += n
    else counts.set(key, { from, to, count: n })
  }
  for (const p of paths) {
    if (!p.channels.length) continue
    const n = p.count ?? 1
    let prev = MARKOV_START
    for (const c of p.channels) {
      add(prev, c, n)
      prev = c
    }
    add(prev, p.converted ? MARKOV_CONVERSION : MARKOV_NULL, n)
  }
  return [...counts.values()]
}

/**
 * Solves A x = b in place (Gaussian elimination with partial pivoting). A singular system
 * (never the case for a chain whose every state can reach an absorbing state) answers zeros
 * for the free variables rather than NaN.
 */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r
    if (Math.abs(a[pivot][col]) < 1e-15) continue
    ;[a[col], a[pivot]] = [a[pivot], a[col]]
    ;[b[col], b[pivot]] = [b[pivot], b[col]]
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const f = a[r][col] / a[col][col]
      if (f === 0) continue
      for (let k = col; k < n; k++) a[r][k] -= f * a[col][k]
      b[r] -= f * b[col]
    }
  }
  return b.map((v, i) => (Math.abs(a[i][i]) < 1e-15 ? 0 : v / a[i][i]))
}

type Chain = {
  channels: string[]
  /** Row-normalised probabilities: out[from][to]. */
  out: Map<string, Map<string, number>>
}

function buildChain(transitions: readonly MarkovTransition[]): Chain {
  const counts = new Map<string, Map<string, number>>()
  const channels = new Set<string>()
  for (const t of transitions) {
    // Nothing leaves an absorbing state and nothing enters START; such rows are noise.
    if (!(typeof t.count === "number" && Number.isFinite(t.count) && t.count > 0)) continue
    if (t.from === MARKOV_CONVERSION || t.from === MARKOV_NULL || t.to === MARKOV_START) continue
    if (!SPECIAL.has(t.from)) channels.add(t.from)
    if (!SPECIAL.has(t.to)) channels.add(t.to)
    const row = counts.get(t.from) ?? new Map<string, number>()
    row.set(t.to, (row.get(t.to) ?? 0) + t.count)
    counts.set(t.from, row)
  }
  const out = new Map<string, Map<string, number>>()
  for (const [from, row] of counts) {
    let total = 0
    for (const n of row.values()) total += n
    out.set(from, new Map([...row].map(([to, n]) => [to, n / total])))
  }
  return { channels: [...channels].sort(), out }
}

/**
 * P(CONVERSION from START) with `removed` (if any) turned into NULL. A channel with no
 * outgoing transition counts as absorbed in NULL.
 */
function conversionProbability(chain: Chain, removed: string | null): number {
  const states = chain.channels.filter((c) => c !== removed)
  const index = new Map(states.map((c, i) => [c, i]))
  const n = states.length
  const a = states.map((_, i) => states.map((__, j) => (i === j ? 1 : 0)))
  const b = states.map(() => 0)
  states.forEach((from, i) => {
    for (const [to, p] of chain.out.get(from) ?? []) {
      if (to === MARKOV_CONVERSION) b[i] += p
      const j = index.get(to)
      if (j !== undefined) a[i][j] -= p
    }
  })
  const x = n ? solve(a, b) : []
  let total = 0
  for (const [to, p] of chain.out.get(MARKOV_START) ?? []) {
    if (to === MARKOV_CONVERSION) total += p
    const j = index.get(to)
    if (j !== undefined) total += p * x[j]
  }
  return Math.min(1, Math.max(0, total))
}

/** Removal effects and weights of every channel in `transitions` (see the top of this file). */
export function markovRemovalEffects(transitions: readonly MarkovTransition[]): MarkovResult {
  const chain = buildChain(transitions)
  const base = conversionProbability(chain, null)
  const removalEffects: Record<string, number> = {}
  let sum = 0
  for (const c of chain.channels) {
    // Rounding can leave −1e-17 for a channel that changes nothing: that is 0.
    const effect = base > 0 ? Math.min(1, Math.max(0, 1 - conversionProbability(chain, c) / base)) : 0
    removalEffects[c] = effect < 1e-12 ? 0 : effect
    sum += removalEffects[c]
  }
  const weights = sum > 0 ? Object.fromEntries(chain.channels.map((c) => [c, removalEffects[c] / sum])) : null
  return { conversionProbability: base, removalEffects, weights }
}

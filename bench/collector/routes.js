// Files the benchmark adds to its temporary store: an empty route of each kind to compare the
// collector with, and two helpers (create a publishable key, flush the event buffer).

// The empty routes take the same requests as the collector routes of their kind (Medusa's body
// parser has read the body when the handler runs) and answer what the collector answers.
const EMPTY_CUSTOM = `import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

export const AUTHENTICATE = false

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const body = req.body
  res.status(202).json({ accepted: body ? 1 : 0 })
}
`

const EMPTY_STORE = `import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"

export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const body = req.body
  res.status(202).json({ accepted: body ? 1 : 0 })
}
`

const SETUP = `import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"

export const AUTHENTICATE = false

// Bench store only: creates the publishable key the load uses.
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const apiKeys: any = req.scope.resolve(Modules.API_KEY)
  const [key] = await apiKeys.createApiKeys([{ title: "bench", type: "publishable", created_by: "bench" }])
  res.json({ token: key.token })
}
`

const FLUSH = `import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

export const AUTHENTICATE = false

// Bench store only: writes every event the collector has accepted but not yet written.
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const attribution: any = req.scope.resolve("attribution")
  await attribution.flushEvents()
  res.json({ flushed: true })
}
`

const STORE_FILES = {
  "src/api/bench/empty/route.ts": EMPTY_CUSTOM,
  "src/api/store/bench/empty/route.ts": EMPTY_STORE,
  "src/api/bench/setup/route.ts": SETUP,
  "src/api/bench/flush/route.ts": FLUSH,
}

module.exports = { STORE_FILES }

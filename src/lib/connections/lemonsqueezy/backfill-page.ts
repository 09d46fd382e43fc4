/**
 * One page of a LemonSqueezy backfill. Two phases, each a paged list of the store's objects,
 * newest first (the API's order, `sort=-createdAt`): orders (one-time payments and the first
 * payment of each subscription), then subscription invoices (renewals). A phase ends at its
 * last page or at the first object created before `since`.
 *
 * The cursor is `{ phase, after }`, `after` the last page number done. New orders arriving
 * during the import push older ones onto later pages, so a page may repeat objects of the
 * previous one (harmless: event ids are stable) but skips none.
 */
import { listOrders, listSubscriptionInvoices } from "@lemonsqueezy/lemonsqueezy.js"
import { MedusaError } from "@medusajs/framework/utils"
import { isRecord, rec } from "../../../core/providers/shared"
import { ConnectionError, type BackfillCursor, type BackfillItem, type BackfillPage, type ConnectionCredentials } from "../types"
import { createdAt, isInitialInvoice, itemsFor, ORDERS, resourcesOf, SUBSCRIPTION_INVOICES } from "./backfill-items"
import { callWithKey, expectOk, type SdkResult } from "./sdk-call"

/** LemonSqueezy's largest page. */
export const PAGE_SIZE = 100

type Phase = {
  name: string
  label: string
  list: (storeId: string, page: number) => Promise<SdkResult>
  kind: typeof ORDERS
}

const PHASES: Phase[] = [
  {
    name: "orders",
    label: "orders",
    // `subscriptions` is included for its relationship ids: the order object names its
    // subscription nowhere else.
    list: (storeId, page) => listOrders({ filter: { storeId }, page: { number: page, size: PAGE_SIZE }, include: ["subscriptions"] }),
    kind: ORDERS,
  },
  {
    name: "subscription-invoices",
    label: "subscription invoices",
    list: (storeId, page) => listSubscriptionInvoices({ filter: { storeId }, page: { number: page, size: PAGE_SIZE } }),
    kind: SUBSCRIPTION_INVOICES,
  },
]

export async function backfillPage(
  credentials: ConnectionCredentials,
  since: Date,
  cursor: BackfillCursor | null,
  timeoutMs: number
): Promise<BackfillPage> {
  const storeId = credentials.storeId
  if (!storeId) {
    throw new ConnectionError("This LemonSqueezy connection has no store id: disconnect and connect again with one", 400)
  }
  const index = cursor ? PHASES.findIndex((p) => p.name === cursor.phase) : 0
  if (index < 0) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Unknown LemonSqueezy backfill phase ${JSON.stringify(cursor?.phase)}`)
  }
  const phase = PHASES[index]!
  const pageNumber = nextPageNumber(cursor)
  const result = await callWithKey(credentials.apiKey, () => phase.list(storeId, pageNumber), timeoutMs)
  const body = expectOk(result, { apiKey: credentials.apiKey, what: `list the store's ${phase.label}` })

  const items: BackfillItem[] = []
  let reachedSince = false
  for (const resource of resourcesOf(body)) {
    const created = createdAt(resource)
    if (created && created < since) {
      reachedSince = true // newest first: everything after this is older still
      break
    }
    if (isInitialInvoice(resource)) continue
    items.push(...itemsFor(resource, phase.kind))
  }

  const more = !reachedSince && hasNextPage(body, pageNumber)
  const following = PHASES[index + 1]
  const next: BackfillCursor | null = more
    ? { phase: phase.name, after: String(pageNumber) }
    : following
      ? { phase: following.name, after: null }
      : null
  return { items, next, label: phase.label }
}

function nextPageNumber(cursor: BackfillCursor | null): number {
  if (!cursor || cursor.after === null) return 1
  const done = Number(cursor.after)
  if (!Number.isSafeInteger(done) || done < 0) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Invalid LemonSqueezy backfill cursor page ${JSON.stringify(cursor.after)}`)
  }
  return done + 1
}

/** `meta.page.lastPage` says how many pages there are; without it, a full page may have a next. */
function hasNextPage(body: unknown, pageNumber: number): boolean {
  const page = rec(rec(body, "meta"), "page")
  if (typeof page.lastPage === "number") return pageNumber < page.lastPage
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : []
  return data.length >= PAGE_SIZE
}

import { Text } from "@medusajs/ui"
import { formatCount, formatMoney } from "../../lib/format"
import type { FigureField, SummaryResponse } from "../../lib/types"
import { MetricCard } from "./metric-card"

export const CARD_FIELDS: FigureField[] = [
  "revenue",
  "net_revenue",
  "payments",
  "visitors",
  "conversion_rate",
  "revenue_per_visitor",
  "average_order_value",
  "refunded",
]

/** The eight verified figures of the period, and the browser's unverified claims apart. */
export const SummaryCards = ({ summary }: { summary: SummaryResponse }) => (
  <div className="flex flex-col gap-y-3 px-6 py-4">
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="ra-cards">
      {CARD_FIELDS.map((field) => (
        <MetricCard
          key={field}
          field={field}
          value={summary.current[field]}
          previous={summary.previous[field]}
          change={summary.change[field] ?? null}
          currency={summary.currency}
        />
      ))}
    </div>
    <div
      data-testid="ra-claimed"
      className="border-ui-border-base flex flex-wrap items-baseline gap-x-2 rounded-lg border border-dashed px-4 py-2"
    >
      <Text size="small" weight="plus">
        Claimed (unverified):
      </Text>
      <Text size="small" data-testid="ra-claimed-revenue">
        {formatMoney(summary.claimed.revenue, summary.currency)}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        in {formatCount(summary.claimed.purchases)} {summary.claimed.purchases === 1 ? "purchase" : "purchases"} the
        storefront reported with <code>trackPurchase()</code>. Not counted above: only payments confirmed by Medusa, a
        provider webhook or the payment API are.
      </Text>
    </div>
  </div>
)

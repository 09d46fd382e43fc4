import { Container, Heading, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { errorMessage } from "../../hooks/use-attribution"
import { useProductChannels } from "../../hooks/use-products"
import { formatCount, formatMoney } from "../../lib/format"
import { MODEL_LABELS } from "../../lib/labels"
import { ATTRIBUTION_MODELS } from "../../lib/types"
import type { AttributionModel } from "../../lib/types"
import { LabeledSelect } from "../common/labeled-select"
import { EmptyLine, ErrorState, LoadingState } from "../common/states"

/** The widget looks back this far: long enough for a product that sells a few times a month. */
const DAYS = 90

/**
 * Product page widget: which channels sell this product, under a model the owner picks (the
 * default model first), over the last 90 days, in the currency with the most payments.
 */
export const ProductChannels = ({ productId }: { productId: string }) => {
  const [model, setModel] = useState<AttributionModel>("last_non_direct")
  const range = useMemo(() => {
    const to = new Date()
    return { from: new Date(to.getTime() - DAYS * 86_400_000).toISOString(), to: to.toISOString() }
  }, [])
  const [currency, setCurrency] = useState<string | undefined>(undefined)
  const channels = useProductChannels(productId, { model, ...range, currency })
  const data = channels.data
  const max = Math.max(0, ...(data?.rows ?? []).map((r) => r.revenue))

  return (
    <Container className="divide-y p-0" data-testid="ra-product-widget">
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div>
          <Heading level="h2">Channels that sell this product</Heading>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Last {DAYS} days: each order line's share of its order's credit.
          </Text>
        </div>
        <div className="flex flex-wrap gap-3">
          <LabeledSelect
            label="Model"
            testId="ra-product-model-select"
            value={model}
            options={ATTRIBUTION_MODELS.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
            onChange={(value) => setModel(value as AttributionModel)}
          />
          {data && data.currencies.length > 1 && (
            <LabeledSelect
              label="Currency"
              testId="ra-product-currency-select"
              value={data.currency}
              options={data.currencies.map((c) => ({ value: c, label: c }))}
              onChange={setCurrency}
            />
          )}
        </div>
      </div>
      {channels.isLoading && <LoadingState testId="ra-product-loading" />}
      {channels.isError && (
        <ErrorState
          testId="ra-product-error"
          title="Could not load this product's channels."
          message={errorMessage(channels.error)}
          onRetry={() => void channels.refetch()}
          isRetrying={channels.isFetching}
        />
      )}
      {data && !data.rows.length && (
        <EmptyLine testId="ra-product-empty">No orders of this product in the last {DAYS} days in {data.currency}.</EmptyLine>
      )}
      {data && data.rows.length > 0 && (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <div className="flex items-baseline justify-between">
            <Text size="small" className="text-ui-fg-subtle">
              {formatCount(data.totals.quantity)} units in {formatCount(data.totals.orders)} orders
            </Text>
            <Text size="large" weight="plus" data-testid="ra-product-total-revenue">
              {formatMoney(data.totals.revenue, data.currency)}
            </Text>
          </div>
          {data.rows.map((row) => (
            <div key={row.key} className="flex flex-col gap-y-1" data-testid="ra-product-channel-row" data-key={row.key}>
              <div className="flex items-baseline justify-between gap-x-2">
                <Text size="small" data-testid="ra-product-channel-name">
                  {row.key}
                </Text>
                <Text size="small" weight="plus" data-testid="ra-product-channel-revenue">
                  {formatMoney(row.revenue, data.currency)}
                </Text>
              </div>
              <div className="bg-ui-bg-subtle h-1.5 w-full overflow-hidden rounded-full">
                <div className="bg-ui-fg-interactive h-full" style={{ width: `${max ? (row.revenue / max) * 100 : 0}%` }} />
              </div>
            </div>
          ))}
        </div>
      )}
    </Container>
  )
}

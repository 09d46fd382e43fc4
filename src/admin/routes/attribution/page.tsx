import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { ErrorState, LoadingState } from "../../components/common/states"
import { BreakdownTable } from "../../components/report/breakdown-table"
import { GettingStarted } from "../../components/report/getting-started"
import { ReportFilters } from "../../components/report/report-filters"
import { SummaryCards } from "../../components/report/summary-cards"
import { TimeseriesChart } from "../../components/report/timeseries-chart"
import type { ChartMetric } from "../../components/report/timeseries-chart"
import { UnlinkedPayments } from "../../components/report/unlinked-payments"
import type { ReportScope } from "../../components/report/report-scope"
import { SpendSection } from "../../components/spend/spend-section"
import { ProductsSection } from "../../components/products/products-section"
import { CodesSection } from "../../components/codes/codes-section"
import { CustomersSection } from "../../components/customers/customers-section"
import { DataDrivenWeights } from "../../components/data-driven/weights-section"
import {
  ATTRIBUTION_QUERY_KEY,
  errorHint,
  errorMessage,
  useAttributionStatus,
  useRevenue,
  useSummary,
  useTimeseries,
} from "../../hooks/use-attribution"
import { backendUrl } from "../../lib/backend"
import { browserTimeZone, fittingInterval, presetRange } from "../../lib/range"
import type { DateRange } from "../../lib/range"
import type { AttributionModel, GroupBy, Interval } from "../../lib/types"

const AttributionPage = () => {
  const queryClient = useQueryClient()
  const [range, setRange] = useState<DateRange>(() => presetRange("30d"))
  const [model, setModel] = useState<AttributionModel>("last_non_direct")
  const [pickedCurrency, setPickedCurrency] = useState<string | undefined>(undefined)
  const [includeTest, setIncludeTest] = useState(false)
  const [dimension, setDimension] = useState<GroupBy>("channel")
  const [interval, setChartInterval] = useState<Interval>("day")
  const [metric, setMetric] = useState<ChartMetric>("revenue")
  const timezone = useMemo(browserTimeZone, [])

  const common = { from: range.from, to: range.to, model, include_test: includeTest }
  const status = useAttributionStatus()
  const summary = useSummary({ ...common, currency: pickedCurrency })
  // Every other report asks for the currency the summary settled on, so all show the same one.
  const currency = pickedCurrency ?? summary.data?.currency ?? ""
  const effectiveInterval = fittingInterval(range, interval)
  const revenue = useRevenue({ ...common, currency, group_by: dimension }, !!currency)
  const timeseries = useTimeseries(
    { ...common, currency, interval: effectiveInterval, timezone, group_by: "channel" },
    !!currency
  )

  const scope: ReportScope = { from: range.from, to: range.to, model, currency, includeTest, timezone }

  const failed = [summary, revenue, timeseries].filter((q) => q.isError)
  const retry = () => failed.forEach((q) => void q.refetch())

  const refresh = () => {
    if (range.preset !== "custom") {
      setRange(presetRange(range.preset)) // "the last N days" up to now again
    }
    void queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] })
  }

  const exportHref = backendUrl("/admin/attribution/revenue/export", {
    from: range.from,
    to: range.to,
    model,
    currency: currency || undefined,
    group_by: dimension,
    include_test: includeTest,
  })

  return (
    <div className="flex flex-col gap-y-3" data-testid="revenue-attribution-status">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
          <div>
            <Heading level="h1">Revenue attribution</Heading>
            <Text className="text-ui-fg-subtle" size="small">
              Verified revenue credited to the marketing channels that brought it. One currency at a time.
            </Text>
          </div>
          <Link to="/settings/attribution" className="txt-compact-small text-ui-fg-interactive hover:underline">
            Set-up and connection check
          </Link>
        </div>
        <ReportFilters
          range={range}
          onRangeChange={setRange}
          model={model}
          onModelChange={setModel}
          currency={currency}
          currencies={summary.data?.currencies ?? []}
          onCurrencyChange={setPickedCurrency}
          includeTest={includeTest}
          onIncludeTestChange={setIncludeTest}
          onRefresh={refresh}
          isRefreshing={summary.isFetching && !summary.isLoading}
        />
        {failed.length > 0 && (
          <ErrorState
            title="The attribution report could not be loaded."
            message={errorMessage(failed[0].error)}
            onRetry={retry}
            isRetrying={failed.some((q) => q.isFetching)}
          >
            <Text size="small" className="text-ui-fg-subtle">
              {errorHint(failed[0].error)}
            </Text>
          </ErrorState>
        )}
        {summary.isLoading && <LoadingState label="Loading the report…" />}
        {summary.data && <GettingStarted summary={summary.data} status={status.data?.status} />}
        {summary.data && <SummaryCards summary={summary.data} />}
      </Container>
      {summary.data && (
        <>
          <Container className="p-0">
            <TimeseriesChart
              data={timeseries.data}
              isLoading={timeseries.isLoading || timeseries.isPending}
              interval={interval}
              effectiveInterval={effectiveInterval}
              onIntervalChange={setChartInterval}
              metric={metric}
              onMetricChange={setMetric}
              currency={currency}
            />
          </Container>
          <Container className="p-0">
            <BreakdownTable
              data={revenue.data}
              isLoading={revenue.isLoading || revenue.isPending}
              dimension={dimension}
              onDimensionChange={setDimension}
              exportHref={exportHref}
            />
          </Container>
          <SpendSection scope={scope} />
          <ProductsSection scope={scope} />
          <CodesSection scope={scope} />
          <CustomersSection scope={scope} />
          <DataDrivenWeights scope={scope} />
          <Container className="p-0">
            <UnlinkedPayments
              key={`${range.from}|${range.to}|${currency}|${includeTest}`}
              from={range.from}
              to={range.to}
              includeTest={includeTest}
              currency={currency}
            />
          </Container>
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Attribution",
  icon: ChartBar,
})

export default AttributionPage

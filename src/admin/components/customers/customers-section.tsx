import { Container, Heading, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { errorMessage } from "../../hooks/use-attribution"
import { useCohorts, useLtv, useNewReturning } from "../../hooks/use-customers"
import { ErrorState, LoadingState } from "../common/states"
import type { ReportScope } from "../report/report-scope"
import { ALL_CHANNELS, CohortTable } from "./cohort-table"
import { LtvTable } from "./ltv-table"
import { NewReturningTable } from "./new-returning-table"

const COHORT_MONTHS = 12

/** The first day of the month `COHORT_MONTHS - 1` months before `to`, in the browser's zone. */
const cohortStart = (to: string) => {
  const end = new Date(to)
  return new Date(end.getFullYear(), end.getMonth() - (COHORT_MONTHS - 1), 1).toISOString()
}

/** New and returning customers, LTV by acquisition channel, monthly cohorts (issue 10). */
export const CustomersSection = ({ scope }: { scope: ReportScope }) => {
  const [channel, setChannel] = useState(ALL_CHANNELS)
  const enabled = !!scope.currency
  const common = { currency: scope.currency || undefined, include_test: scope.includeTest, timezone: scope.timezone }
  const newReturning = useNewReturning({ ...common, from: scope.from, to: scope.to, model: scope.model }, enabled)
  const ltv = useLtv({ ...common, from: scope.from, to: scope.to }, enabled)
  const from = useMemo(() => cohortStart(scope.to), [scope.to])
  const cohorts = useCohorts(
    { ...common, from, to: scope.to, channel: channel === ALL_CHANNELS ? undefined : channel },
    enabled
  )
  const failed = [newReturning, ltv, cohorts].filter((q) => q.isError)
  const channels = useMemo(
    () => [...new Set([...(ltv.data?.rows.map((r) => r.key) ?? []), ...(channel === ALL_CHANNELS ? [] : [channel])])].sort(),
    [ltv.data, channel]
  )

  return (
    <Container className="divide-y p-0" data-testid="ra-customers-section">
      <div className="px-6 py-4">
        <Heading level="h2">Customers</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          New and returning customers, what they are worth by the channel that brought them, and how each month's new
          customers keep paying{scope.currency ? `, in ${scope.currency}` : ""}.
        </Text>
      </div>
      {failed.length > 0 && (
        <ErrorState
          testId="ra-customers-error"
          title="The customer reports could not be loaded."
          message={errorMessage(failed[0].error)}
          onRetry={() => failed.forEach((q) => void q.refetch())}
          isRetrying={failed.some((q) => q.isFetching)}
        />
      )}
      {enabled && (newReturning.isLoading || ltv.isLoading) && <LoadingState label="Loading the customer reports…" />}
      {newReturning.data && <NewReturningTable data={newReturning.data} />}
      {ltv.data && <LtvTable data={ltv.data} />}
      {enabled && <CohortTable data={cohorts.data} channel={channel} channels={channels} onChannelChange={setChannel} />}
    </Container>
  )
}

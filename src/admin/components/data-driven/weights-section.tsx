import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { errorMessage } from "../../hooks/use-attribution"
import { useDataDrivenWeights, useRecomputeDataDriven } from "../../hooks/use-data-driven"
import { formatCount, formatDateTime, formatRate } from "../../lib/format"
import type { DataDrivenWeightsResponse } from "../../lib/data-driven-types"
import type { ReportScope } from "../report/report-scope"

/** Why the model credits like linear, in the words of the response's counts. */
const fallbackReason = (data: DataDrivenWeightsResponse): string => {
  const { data_driven: dd, window_days } = data
  if (!data.weights) return "The weights have not been computed yet: the data-driven model credits like linear until then."
  return (
    `${formatCount(dd.conversions)} conversions in the last ${formatCount(window_days)} days, fewer than the ` +
    `${formatCount(dd.min_conversions)} needed (option dataDrivenMinConversions): the data-driven model credits like linear.`
  )
}

/**
 * The data-driven model's channel weights (Markov removal effects, adding up to 100%), when and
 * over how many paths they were computed, whether reports use them, and a Recompute button.
 */
export const DataDrivenWeights = ({ scope }: { scope: ReportScope }) => {
  const { data, isLoading, isError, error, refetch } = useDataDrivenWeights()
  const recompute = useRecomputeDataDriven()
  const fallback = data?.data_driven.status === "linear_fallback"

  return (
    <Container className="flex flex-col p-0" data-testid="ra-dd-section">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div>
          <div className="flex items-center gap-x-2">
            <Heading level="h2">Data-driven model</Heading>
            {data && (
              <Badge size="2xsmall" color={fallback ? "orange" : "green"} data-testid="ra-dd-status" data-status={data.data_driven.status}>
                {fallback ? "linear fallback" : "weights in use"}
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Each channel's removal effect: how many conversions would be lost without it, over the paths of every visitor.
            A payment's data-driven credit is split among the channels on its own path in these proportions.
            {scope.model === "data_driven" ? " The report above uses them." : " Pick the Data-driven model to see revenue credited by them."}
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          onClick={() => recompute.mutate()}
          isLoading={recompute.isPending}
          data-testid="ra-dd-recompute"
        >
          Recompute
        </Button>
      </div>
      {isLoading && (
        <Text size="small" className="text-ui-fg-subtle px-6 pb-4">
          Loading…
        </Text>
      )}
      {isError && (
        <div className="flex items-center gap-x-2 px-6 pb-4">
          <Text size="small" className="text-ui-fg-error">
            Could not load the data-driven weights: {errorMessage(error)}
          </Text>
          <Button size="small" variant="transparent" onClick={() => void refetch()}>
            Retry
          </Button>
        </div>
      )}
      {recompute.isError && (
        <Text size="small" className="text-ui-fg-error px-6 pb-4" data-testid="ra-dd-recompute-error">
          The recompute failed: {errorMessage(recompute.error)}
        </Text>
      )}
      {data && fallback && (
        <Text size="small" className="text-ui-fg-subtle px-6 pb-4" data-testid="ra-dd-fallback">
          {fallbackReason(data)}
        </Text>
      )}
      {data?.weights && (
        <div className="flex flex-col gap-y-2 px-6 pb-4">
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-dd-computed">
            Computed {formatDateTime(data.weights.computed_at)} over {formatCount(data.weights.paths)} paths and{" "}
            {formatCount(data.weights.conversions)} conversions ({formatDateTime(data.weights.window_from)} to{" "}
            {formatDateTime(data.weights.window_to)}).
          </Text>
          <ul className="flex flex-col gap-y-1" data-testid="ra-dd-weights">
            {data.weights.channels.map((c) => (
              <li key={c.channel} className="flex items-center gap-x-3" data-testid="ra-dd-weight" data-channel={c.channel}>
                <Text size="small" className="w-40 shrink-0 truncate" title={c.channel}>
                  {c.channel}
                </Text>
                <div className="bg-ui-bg-subtle h-2 flex-1 overflow-hidden rounded">
                  <div className="bg-ui-fg-interactive h-2" style={{ width: `${Math.max(0, Math.min(1, c.weight)) * 100}%` }} />
                </div>
                <Text size="small" className="w-16 shrink-0 text-right tabular-nums" data-testid="ra-dd-weight-value">
                  {formatRate(c.weight)}
                </Text>
              </li>
            ))}
          </ul>
          {data.weights.channels.length === 0 && (
            <Text size="small" className="text-ui-fg-subtle">
              No channel led to a conversion in the window.
            </Text>
          )}
        </div>
      )}
    </Container>
  )
}

import { clx, Text, Tooltip } from "@medusajs/ui"
import { formatChange, formatFigure } from "../../lib/format"
import { FIGURE_LABELS } from "../../lib/labels"
import type { FigureField } from "../../lib/types"

type Props = {
  field: FigureField
  value: number
  previous: number
  change: number | null
  currency: string
}

/** Fields where a rise is bad news. */
const LOWER_IS_BETTER: ReadonlySet<FigureField> = new Set<FigureField>(["refunded"])

/** One figure of the period, with its change from the previous period of the same length. */
export const MetricCard = ({ field, value, previous, change, currency }: Props) => {
  const good = change === null || change === 0 ? null : LOWER_IS_BETTER.has(field) ? change < 0 : change > 0
  return (
    <div
      data-testid={`ra-card-${field}`}
      className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-y-1 rounded-lg px-4 py-3"
    >
      <Text size="small" className="text-ui-fg-subtle">
        {FIGURE_LABELS[field]}
      </Text>
      <Text size="xlarge" weight="plus" data-testid={`ra-card-${field}-value`}>
        {formatFigure(field, value, currency)}
      </Text>
      <Tooltip content={`Previous period: ${formatFigure(field, previous, currency)}`}>
        <div className="flex items-center gap-x-1">
          <Text
            size="xsmall"
            weight="plus"
            data-testid={`ra-card-${field}-change`}
            className={clx({
              "text-ui-tag-green-text": good === true,
              "text-ui-tag-red-text": good === false,
              "text-ui-fg-muted": good === null,
            })}
          >
            {formatChange(change)}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            vs previous period
          </Text>
        </div>
      </Tooltip>
    </div>
  )
}

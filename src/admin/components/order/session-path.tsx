import { Badge, Text } from "@medusajs/ui"
import { formatCount, formatDateTime, formatMoney } from "../../lib/format"
import type { JourneySession } from "../../lib/types"

type Props = {
  sessions: JourneySession[]
  /** Credit per session id under the chosen model, in `currency`. */
  credit: Map<string, number>
  currency: string
}

const sourceLine = (s: JourneySession) =>
  [s.source ?? "(not set)", s.medium ?? "(not set)"].join(" / ") + (s.campaign ? ` · ${s.campaign}` : "")

/** The visitor's sessions, oldest first, with the credit each got. */
export const SessionPath = ({ sessions, credit, currency }: Props) => (
  <ol className="flex flex-col gap-y-2" data-testid="ra-order-sessions">
    {sessions.map((s, index) => {
      const amount = credit.get(s.id)
      return (
        <li
          key={s.id}
          data-testid="ra-order-session"
          data-session-id={s.id}
          className="border-ui-border-base flex flex-col gap-y-0.5 border-l-2 pl-3"
        >
          <div className="flex flex-wrap items-center gap-x-2">
            <Text size="xsmall" className="text-ui-fg-muted">
              {index + 1}.
            </Text>
            <Text size="small" weight="plus" data-testid="ra-order-session-channel">
              {s.channel}
            </Text>
            {amount !== undefined && amount !== 0 && (
              <Badge size="2xsmall" color="green">
                credited {formatMoney(amount, currency)}
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-order-session-source">
            {sourceLine(s)}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            <time dateTime={s.started_at} data-testid="ra-order-session-time">
              {formatDateTime(s.started_at)}
            </time>
            {s.landing_page ? ` · landed on ${s.landing_page}` : ""} · {formatCount(s.pageviews)}{" "}
            {s.pageviews === 1 ? "page" : "pages"}
          </Text>
        </li>
      )
    })}
  </ol>
)

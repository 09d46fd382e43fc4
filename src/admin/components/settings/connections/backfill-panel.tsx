import { Button, StatusBadge, Text } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../../hooks/use-attribution"
import { useBackfill, useStartBackfill } from "../../../hooks/use-connections"
import { BACKFILL_DAYS } from "../../../lib/connections-types"
import type { Backfill, BackfillStatus, ConnectableProvider } from "../../../lib/connections-types"
import { formatCount, formatDateTime } from "../../../lib/format"
import { ErrorLine } from "./error-line"
import { LabeledInput } from "./labeled-input"

const STATUS_BADGE: Record<BackfillStatus, { label: string; color: "grey" | "blue" | "green" | "red" }> = {
  idle: { label: "Not run yet", color: "grey" },
  running: { label: "Importing", color: "blue" },
  done: { label: "Done", color: "green" },
  failed: { label: "Failed", color: "red" },
}

const validDays = (value: string): number | null => {
  const days = Number(value)
  return Number.isInteger(days) && days >= BACKFILL_DAYS.min && days <= BACKFILL_DAYS.max ? days : null
}

type Props = {
  provider: ConnectableProvider
  /** The state the connections list answered, shown until the backfill route answers. */
  initial: Backfill
}

/**
 * Imports the provider's payments and refunds of the last N days. Importing again is safe: a
 * payment already recorded (by a webhook or an earlier import) is not recorded twice, and a
 * failed import resumes where it stopped.
 */
export const BackfillPanel = ({ provider, initial }: Props) => {
  const query = useBackfill(provider)
  const start = useStartBackfill(provider)
  const backfill = query.data?.backfill ?? initial
  const [days, setDays] = useState(String(backfill.days ?? BACKFILL_DAYS.default))
  const chosen = validDays(days)
  const running = backfill.status === "running"
  const id = (field: string) => `ra-backfill-${provider}-${field}`
  const action = backfill.status === "failed" ? "Resume" : backfill.status === "done" ? "Run again" : "Start import"

  return (
    <div className="flex flex-col gap-y-3" data-testid={id("panel")} data-status={backfill.status}>
      <div className="flex items-center justify-between gap-x-2">
        <Text weight="plus" size="small">
          Import past payments
        </Text>
        <StatusBadge color={STATUS_BADGE[backfill.status].color} data-testid={id("status")}>
          {STATUS_BADGE[backfill.status].label}
        </StatusBadge>
      </div>
      {backfill.status !== "idle" && <Progress provider={provider} backfill={backfill} />}
      {backfill.status === "failed" && (
        <>
          <ErrorLine testId={id("error")}>{backfill.error ?? "The import stopped."}</ErrorLine>
          <Text size="xsmall" className="text-ui-fg-muted">
            Resume continues from the last page imported; nothing is recorded twice.
          </Text>
        </>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <LabeledInput
            testId={id("days")}
            label="Days back"
            type="number"
            min={BACKFILL_DAYS.min}
            max={BACKFILL_DAYS.max}
            step={1}
            value={days}
            disabled={running}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <Button
          size="small"
          variant="secondary"
          disabled={running || chosen === null}
          isLoading={start.isPending}
          onClick={() => chosen !== null && start.mutate({ days: chosen, resume: backfill.status === "failed" })}
          data-testid={id("start")}
        >
          {action}
        </Button>
      </div>
      {chosen === null && (
        <Text size="xsmall" className="text-ui-fg-error" data-testid={id("days-error")}>
          A whole number of days from {BACKFILL_DAYS.min} to {BACKFILL_DAYS.max}.
        </Text>
      )}
      {start.isError && (
        <ErrorLine testId={id("start-error")}>{errorMessage(start.error)}</ErrorLine>
      )}
    </div>
  )
}

/** The counts of the current or latest import, as the backfill route answers them. */
const Progress = ({ provider, backfill }: { provider: ConnectableProvider; backfill: Backfill }) => {
  const id = (field: string) => `ra-backfill-${provider}-${field}`
  const cells: [string, string, string][] = [
    ...(backfill.status === "running" ? ([["phase", "Now importing", backfill.phase ?? "starting"]] as [string, string, string][]) : []),
    ["payments", "Payments imported", formatCount(backfill.payments)],
    ["refunds", "Refunds imported", formatCount(backfill.refunds)],
    ["skipped", "Skipped", formatCount(backfill.skipped)],
    ["started", "Started", formatDateTime(backfill.started_at, "—")],
  ]
  return (
    <div className="flex flex-col gap-y-2" data-testid={id("progress")}>
      <Text size="small" className="text-ui-fg-subtle" data-testid={id("summary")}>
        {backfill.status === "running"
          ? `Importing the last ${backfill.days ?? "?"} days; the counts update every few seconds.`
          : `The last ${backfill.days ?? "?"} days${backfill.finished_at ? `, finished ${formatDateTime(backfill.finished_at)}` : ""}.`}
      </Text>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {cells.map(([field, label, value]) => (
          <div key={field} className="flex flex-col gap-y-0.5">
            <dt className="txt-compact-xsmall text-ui-fg-muted">{label}</dt>
            <dd className="txt-compact-small tabular-nums" data-testid={id(field)}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <Text size="xsmall" className="text-ui-fg-muted">
        Skipped: already recorded (by a webhook or an earlier import), or not a payment the plugin records.
      </Text>
    </div>
  )
}

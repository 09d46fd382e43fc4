import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useJourney } from "../../hooks/use-attribution"
import { formatDateTime, formatMoney } from "../../lib/format"
import { LINK_METHOD_EXPLANATIONS, MODEL_LABELS, labelOf } from "../../lib/labels"
import { ATTRIBUTION_MODELS } from "../../lib/types"
import type { AttributionModel, JourneyPayment, JourneyResponse } from "../../lib/types"
import { LabeledSelect } from "../common/labeled-select"
import { PaymentStatusBadge } from "../common/payment-status-badge"
import { ErrorState, LoadingState } from "../common/states"
import { SessionPath } from "./session-path"

/** Credit per session id of one payment under one model. */
const creditBySession = (payment: JourneyPayment, model: AttributionModel) => {
  const credit = new Map<string, number>()
  for (const c of payment.credits) {
    if (c.model === model && c.session_id) {
      credit.set(c.session_id, (credit.get(c.session_id) ?? 0) + c.amount)
    }
  }
  return credit
}

/** Order page side widget: who gets the credit for this order, how it was linked, and the path. */
export const OrderAttribution = ({ orderId }: { orderId: string }) => {
  const [model, setModel] = useState<AttributionModel>("last_non_direct")
  const journey = useJourney({ order_id: orderId, model })

  return (
    <Container className="divide-y p-0" data-testid="ra-order-widget">
      <div className="flex flex-wrap items-end justify-between gap-2 px-6 py-4">
        <Heading level="h2">Attribution</Heading>
        <LabeledSelect
          label="Model"
          testId="ra-order-model-select"
          value={model}
          options={ATTRIBUTION_MODELS.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
          onChange={(value) => setModel(value as AttributionModel)}
        />
      </div>
      {journey.isLoading && <LoadingState testId="ra-order-loading" />}
      {journey.isError && (
        <ErrorState
          testId="ra-order-error"
          title="Could not load this order's attribution."
          message={errorMessage(journey.error)}
          onRetry={() => void journey.refetch()}
          isRetrying={journey.isFetching}
        />
      )}
      {journey.data && <OrderJourney data={journey.data} />}
    </Container>
  )
}

const OrderJourney = ({ data }: { data: JourneyResponse }) => {
  const payment = data.payments[0]
  if (!payment) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="ra-order-empty">
        No payment is recorded for this order yet. Placed orders are recorded when Medusa emits{" "}
        <code>order.placed</code>; if this order is older than the plugin, or the event failed, it has no attribution.
      </Text>
    )
  }
  const credited = payment.credited
  return (
    <>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col gap-y-0.5">
          <Text size="xsmall" className="text-ui-fg-muted">
            Credited to ({labelOf(MODEL_LABELS, data.model).toLowerCase()})
          </Text>
          <Text size="large" weight="plus" data-testid="ra-order-channel">
            {credited?.channel ?? "—"}
          </Text>
          {credited && (
            <Text size="small" className="text-ui-fg-subtle" data-testid="ra-order-source">
              {credited.source ?? "(not set)"} / {credited.medium ?? "(not set)"}
              {credited.campaign ? ` · ${credited.campaign}` : ""}
            </Text>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Text size="small" weight="plus">
            {formatMoney(payment.amount, payment.currency_code)}
          </Text>
          <PaymentStatusBadge status={payment.status} />
          {payment.is_test && (
            <Badge size="2xsmall" color="orange">
              test
            </Badge>
          )}
          <Text size="xsmall" className="text-ui-fg-muted">
            via {payment.provider}, {formatDateTime(payment.occurred_at)}
          </Text>
        </div>
        {payment.refunded_amount > 0 && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            Refunded {formatMoney(payment.refunded_amount, payment.currency_code)}; the credit is reduced in proportion.
          </Text>
        )}
        <div className="flex flex-col gap-y-0.5">
          <Text size="xsmall" className="text-ui-fg-muted">
            Linked to its visitor by
          </Text>
          <Text size="small" weight="plus">
            <code data-testid="ra-order-link-method">{payment.link_method}</code>
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="ra-order-link-explanation">
            {LINK_METHOD_EXPLANATIONS[payment.link_method] ?? ""}
          </Text>
        </div>
        {data.payments.length > 1 && (
          <Text size="xsmall" className="text-ui-fg-muted">
            This order has {data.payments.length} recorded payments; the first is shown.
          </Text>
        )}
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus">
          The visitor's path
        </Text>
        {(data.sessions_total ?? 0) > data.sessions.length && (
          <Text size="xsmall" className="text-ui-fg-muted">
            The latest {data.sessions.length} of {data.sessions_total} sessions.
          </Text>
        )}
        {data.sessions.length > 0 ? (
          <SessionPath
            sessions={data.sessions}
            credit={creditBySession(payment, data.model)}
            currency={payment.currency_code}
          />
        ) : (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-order-no-sessions">
            {payment.link_method === "unlinked"
              ? "No visitor is linked to this payment, so there is no path to show."
              : "The visitor had no session in the attribution window before the payment (credited to Direct)."}
          </Text>
        )}
      </div>
    </>
  )
}

import type { Context } from "@medusajs/framework/types"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import {
  AttributionCredit,
  AttributionEvent,
  AttributionPayment,
  AttributionPaymentReference,
  AttributionRefund,
  AttributionSession,
  AttributionVisitor,
  AttributionWebhookDelivery,
  type LinkMethod,
} from "./models"
import {
  type AttributionPluginOptions,
  type ResolvedAttributionOptions,
  type WebhookProvider,
  WEBHOOK_PROVIDERS,
  resolveOptions,
} from "./options"
import { lockKeys, rawBigNumber } from "./sql"
import { EventBuffer } from "./ingest/event-buffer"
import type { IngestEvent } from "./ingest/types"
import { writeEventBatch } from "./ingest/write-batch"

type Ctx = Context<EntityManager>

export type PaymentReferenceInput = { provider: string; external_id: string }

export type RecordPaymentInput = {
  provider: string
  provider_payment_id: string
  /** Exact decimal string in major units, already at the currency's precision. */
  amount: string
  currency_code: string
  occurred_at: Date
  order_id?: string | null
  subscription_id?: string | null
  customer_id?: string | null
  customer_email?: string | null
  customer_email_hash?: string | null
  visitor_id?: string | null
  session_id?: string | null
  link_method?: LinkMethod
  is_test?: boolean
  metadata?: Record<string, unknown> | null
  /** Other ids the same payment is known by; a match on any of them merges into that row. */
  references?: PaymentReferenceInput[]
}

export type RecordRefundInput = {
  payment_id: string
  provider: string
  provider_refund_id: string
  amount: string
  currency_code: string
  occurred_at: Date
}

export type ClaimDeliveryInput = {
  provider: string
  event_id: string
  event_type: string
  outcome?: "processed" | "ignored"
  payment_id?: string | null
}

/** Fields a later report of the same payment may fill in, never overwrite. */
const MERGEABLE_FIELDS = [
  "order_id",
  "subscription_id",
  "customer_id",
  "customer_email",
  "customer_email_hash",
  "visitor_id",
  "session_id",
] as const

class AttributionModuleService extends MedusaService({
  AttributionVisitor,
  AttributionSession,
  AttributionEvent,
  AttributionPayment,
  AttributionPaymentReference,
  AttributionRefund,
  AttributionWebhookDelivery,
  AttributionCredit,
}) {
  protected readonly resolvedOptions_: ResolvedAttributionOptions
  protected readonly eventBuffer_: EventBuffer<IngestEvent>

  /** Medusa calls these on the module's service: flush accepted events before shutting down. */
  __hooks = {
    onApplicationPrepareShutdown: async () => {
      await this.eventBuffer_.flush().catch((e) => this.logger_?.error(`attribution: events not written at shutdown: ${e}`))
    },
  }

  protected readonly logger_?: { warn: (m: string) => void; error: (m: string) => void }

  constructor(container: Record<string, unknown>, options: AttributionPluginOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.resolvedOptions_ = resolveOptions(options)
    this.logger_ = container.logger as AttributionModuleService["logger_"]
    this.eventBuffer_ = new EventBuffer<IngestEvent>({
      write: (batch) => this.writeEvents(batch),
      onError: (e, pending) =>
        this.logger_?.warn(`attribution: writing events failed (${pending} waiting, will retry): ${(e as Error).message}`),
      onDrop: (n) => this.logger_?.error(`attribution: the database is unreachable; dropped the ${n} oldest events`),
    })
  }

  /** Accepts validated events for writing soon, in batches. Answers how many were queued. */
  async enqueueEvents(events: IngestEvent[]): Promise<number> {
    this.eventBuffer_.push(events)
    return events.length
  }

  /** Writes every queued event now. */
  async flushEvents(): Promise<void> {
    await this.eventBuffer_.flush()
  }

  @InjectTransactionManager()
  async writeEvents(events: IngestEvent[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await writeEventBatch(sharedContext.transactionManager!, events)
  }

  /** Options with defaults and environment fallbacks applied (secrets included: never log them). */
  async getOptions(): Promise<ResolvedAttributionOptions> {
    return this.resolvedOptions_
  }

  async getWebhookSecrets(provider: WebhookProvider): Promise<string[]> {
    return this.resolvedOptions_.webhookSecrets[provider]
  }

  /**
   * Records that a provider event was handled. Answers false when it was already recorded,
   * so a redelivery becomes a no-op. Run it in the same transaction as the event's writes.
   */
  @InjectTransactionManager()
  async claimWebhookDelivery(input: ClaimDeliveryInput, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    const rows = await sharedContext.transactionManager!.execute(
      `insert into attribution_webhook_delivery (id, provider, event_id, event_type, outcome, payment_id, received_at)
       values (?, ?, ?, ?, ?, ?, now())
       on conflict (provider, event_id) do nothing
       returning id`,
      [
        generateEntityId(undefined, "awhd"),
        input.provider,
        input.event_id,
        input.event_type,
        input.outcome ?? "processed",
        input.payment_id ?? null,
      ]
    )
    return rows.length === 1
  }

  /**
   * Stores a payment once, whichever route reports it first. Concurrent reports of the same
   * payment (by its key or any reference) are serialised with transaction-scoped advisory
   * locks, so two servers receiving the same webhook at once still write one row.
   */
  @InjectTransactionManager()
  async recordPayment(
    input: RecordPaymentInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ payment_id: string; created: boolean }> {
    const manager = sharedContext.transactionManager!
    const references = [
      { provider: input.provider, external_id: input.provider_payment_id },
      ...(input.references ?? []),
    ]
    await lockKeys(manager, references.map((r) => `payment:${r.provider}:${r.external_id}`))

    const existing = await this.findPaymentIdByReferences_(manager, references)
    let paymentId = existing
    if (!paymentId) {
      paymentId = generateEntityId(undefined, "apay")
      await manager.execute(
        `insert into attribution_payment (id, provider, provider_payment_id, order_id, subscription_id, customer_id,
           customer_email, customer_email_hash, amount, raw_amount, refunded_amount, raw_refunded_amount, currency_code,
           status, is_test, visitor_id, session_id, link_method, linked_at, occurred_at, metadata)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?)`,
        [
          paymentId,
          input.provider,
          input.provider_payment_id,
          input.order_id ?? null,
          input.subscription_id ?? null,
          input.customer_id ?? null,
          input.customer_email ?? null,
          input.customer_email_hash ?? null,
          input.amount,
          rawBigNumber(input.amount),
          rawBigNumber("0"),
          input.currency_code.toUpperCase(),
          input.is_test ?? false,
          input.visitor_id ?? null,
          input.session_id ?? null,
          input.link_method ?? (input.visitor_id ? "metadata" : "unlinked"),
          input.visitor_id ? new Date() : null,
          input.occurred_at,
          input.metadata ? JSON.stringify(input.metadata) : null,
        ]
      )
    } else {
      await this.mergePayment_(manager, paymentId, input)
    }

    for (const ref of references) {
      await manager.execute(
        `insert into attribution_payment_reference (id, payment_id, provider, external_id)
         values (?, ?, ?, ?) on conflict (provider, external_id) do nothing`,
        [generateEntityId(undefined, "apref"), paymentId, ref.provider, ref.external_id]
      )
    }
    return { payment_id: paymentId, created: !existing }
  }

  @InjectManager()
  async findPaymentIdByReference(
    provider: string,
    externalId: string,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<string | null> {
    return this.findPaymentIdByReferences_(sharedContext.manager!, [{ provider, external_id: externalId }])
  }

  /**
   * Stores a refund once per provider refund id and nets it from its payment with exact
   * numeric arithmetic in Postgres. A refund in another currency than its payment is refused.
   */
  @InjectTransactionManager()
  async recordRefund(
    input: RecordRefundInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ refund_id: string | null; created: boolean }> {
    const manager = sharedContext.transactionManager!
    await lockKeys(manager, [`payment-row:${input.payment_id}`])
    const [payment] = await manager.execute(
      `select id, currency_code from attribution_payment where id = ? and deleted_at is null for update`,
      [input.payment_id]
    )
    if (!payment) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment ${input.payment_id} was not found`)
    }
    if (payment.currency_code !== input.currency_code.toUpperCase()) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Refund currency ${input.currency_code.toUpperCase()} differs from the payment's ${payment.currency_code}`
      )
    }
    const refundId = generateEntityId(undefined, "aref")
    const inserted = await manager.execute(
      `insert into attribution_refund (id, payment_id, provider, provider_refund_id, amount, raw_amount, currency_code, occurred_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (provider, provider_refund_id) do nothing returning id`,
      [
        refundId,
        input.payment_id,
        input.provider,
        input.provider_refund_id,
        input.amount,
        rawBigNumber(input.amount),
        input.currency_code.toUpperCase(),
        input.occurred_at,
      ]
    )
    if (inserted.length === 0) {
      return { refund_id: null, created: false }
    }
    await manager.execute(
      `update attribution_payment
          set refunded_amount = least(amount, refunded_amount + ?),
              raw_refunded_amount = jsonb_build_object('value', least(amount, refunded_amount + ?)::text, 'precision', 20),
              status = case when status = 'canceled' then status
                            when refunded_amount + ? >= amount then 'refunded'
                            else 'partially_refunded' end,
              updated_at = now()
        where id = ?`,
      [input.amount, input.amount, input.amount, input.payment_id]
    )
    return { refund_id: refundId, created: true }
  }

  /** What the plugin has received so far, for the admin's "is it connected?" check. */
  @InjectManager()
  async getStatus(@MedusaContext() sharedContext: Ctx = {}) {
    const [row] = await sharedContext.manager!.execute(
      `select
         (select count(*) from attribution_visitor where deleted_at is null)::int as visitors,
         (select count(*) from attribution_session where deleted_at is null)::int as sessions,
         (select count(*) from attribution_event where deleted_at is null)::int as events,
         (select count(*) from attribution_payment where deleted_at is null)::int as payments,
         (select max(occurred_at) from attribution_event where deleted_at is null) as last_event_at,
         (select max(occurred_at) from attribution_payment where deleted_at is null) as last_payment_at`
    )
    const providers = Object.fromEntries(
      WEBHOOK_PROVIDERS.map((p) => [p, { webhook_secret_configured: this.resolvedOptions_.webhookSecrets[p].length > 0 }])
    )
    return { ...row, providers }
  }

  private async findPaymentIdByReferences_(
    manager: EntityManager,
    references: PaymentReferenceInput[]
  ): Promise<string | null> {
    for (const ref of references) {
      const [row] = await manager.execute(
        `select payment_id from attribution_payment_reference
          where provider = ? and external_id = ? and deleted_at is null limit 1`,
        [ref.provider, ref.external_id]
      )
      if (row) {
        return row.payment_id as string
      }
    }
    return null
  }

  private async mergePayment_(manager: EntityManager, paymentId: string, input: RecordPaymentInput) {
    const sets = MERGEABLE_FIELDS.map((f) => `${f} = coalesce(${f}, ?)`)
    const params: unknown[] = MERGEABLE_FIELDS.map((f) => input[f] ?? null)
    // Metadata from each report is merged: Stripe does not copy checkout-session metadata to
    // the payment intent, so each event may carry ids the others lack.
    sets.push(`metadata = coalesce(metadata, '{}'::jsonb) || coalesce(?::jsonb, '{}'::jsonb)`)
    params.push(input.metadata ? JSON.stringify(input.metadata) : null)
    sets.push(`is_test = is_test or ?`)
    params.push(input.is_test ?? false)
    await manager.execute(
      `update attribution_payment set ${sets.join(", ")}, updated_at = now() where id = ?`,
      [...params, paymentId]
    )
  }
}

export default AttributionModuleService

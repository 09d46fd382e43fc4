import type { Context } from "@medusajs/framework/types"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
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
  AttributionSpend,
  AttributionLineItem,
  AttributionCodeMapping,
  AttributionModelWeights,
  AttributionProviderConnection,
  AttributionLineCredit,
  type LinkMethod,
} from "./models"
import {
  type AttributionPluginOptions,
  type ResolvedAttributionOptions,
  type WebhookProvider,
  WEBHOOK_PROVIDERS,
  ENCRYPTION_KEY_ENV,
  resolveOptions,
} from "./options"
import { keyHint, type SecretBox, secretBox } from "../../core/secret-box"
import type { ConnectionCredentials } from "../../lib/connections/types"
import {
  type ConnectionRow,
  type NewConnection,
  claimBackfillLease,
  deleteConnectionRow,
  failBackfillRow,
  findConnection,
  insertConnection,
  listConnectionRows,
  orphanedBackfills,
  saveBackfillPage,
  startBackfillRow,
} from "./connections"
import { lockKeys, rawBigNumber, type SqlRunner } from "./sql"
import { inPipelinedTransaction } from "./pipelined-transaction"
import { newId } from "./ids"
import { storableText } from "../../core/text"
import { upsertPayment } from "./payment-upsert"
import { type LineItemInput, storeLineItems } from "./line-items"
import { type ClaimDeliveryInput, claimDelivery, paymentLockKeys } from "./deliveries"
import type { SessionRow } from "./credits"
import { EventBuffer } from "./ingest/event-buffer"
import type { IngestEvent } from "./ingest/types"
import { writeEventBatch } from "./ingest/write-batch"
import { findVisitor, loadPayment, paymentIdByReference, type PaymentRow } from "./linking"
import { prorateCreditRefunds, storeCredits } from "./credits"
import { managerSql } from "../../lib/data-driven/sql"
import { weightsInUse } from "../../lib/data-driven/weights-store"
import type { PaymentFact, ProviderFact, SubscriptionFact } from "../../core/providers/types"
import { paymentInputFromFact } from "./provider-events"
import { type EraseResult, type EraseTarget, erasePerson, purgeEventsOlderThan } from "./privacy"
import type { CodeMapping } from "../../core/codes"
import { deleteCodeMapping, lockPaymentsWithCode, saveCodeMapping } from "./code-mappings"

type Ctx = Context<EntityManager>

/** A verified provider event, as the webhook routes and the backfill hand it over. */
export type ProviderEventInput = {
  provider: string
  event_id: string
  event_type: string
  fact: ProviderFact
  paymentFallback?: PaymentFact | null
}

export type ProviderEventOutcome = {
  outcome: "duplicate" | "ignored" | "payment" | "refund" | "subscription"
  payment_id?: string
  /** For a payment: whether this event stored it first (false: merged into a stored one). */
  created?: boolean
  reason?: string
}

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
  /** Promotion codes the order used (normalised: see core/codes); a merge keeps the stored ones when none are given. */
  promotion_codes?: string[] | null
  /** A Medusa order's lines (products by channel), stored with the payment: see line-items.ts. */
  line_items?: LineItemInput[]
}

export type RecordRefundInput = {
  /** Refuse (INVALID_DATA) a refund larger than what is left, checked under the row lock. */
  refuse_over_refund?: boolean
  payment_id: string
  provider: string
  provider_refund_id: string
  amount: string
  currency_code: string
  occurred_at: Date
}

class AttributionModuleService extends MedusaService({
  AttributionVisitor,
  AttributionSession,
  AttributionEvent,
  AttributionPayment,
  AttributionPaymentReference,
  AttributionRefund,
  AttributionWebhookDelivery,
  AttributionCredit,
  AttributionSpend,
  AttributionLineItem,
  AttributionCodeMapping,
  AttributionModelWeights,
  AttributionProviderConnection,
  AttributionLineCredit,
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
      probe: () => this.databaseAnswers(),
      onReject: (e) =>
        this.logger_?.error(`attribution: the database refused one event, which was dropped: ${(e as Error).message.slice(-200)}`),
    })
  }

  /** Accepts validated events for writing soon, in batches. Answers how many were queued. */
  async enqueueEvents(events: IngestEvent[]): Promise<number> {
    this.eventBuffer_.push(events)
    return events.length
  }

  /** Whether Postgres answers a trivial query (tells a refused event from an outage). */
  @InjectManager()
  async databaseAnswers(@MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    try {
      await sharedContext.manager!.execute("select 1")
      return true
    } catch {
      return false
    }
  }

  /** Writes every queued event now. */
  async flushEvents(): Promise<void> {
    await this.eventBuffer_.flush()
  }

  @InjectTransactionManager()
  async writeEvents(events: IngestEvent[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await writeEventBatch(sharedContext.transactionManager!, events)
    await this.reattributeAfterEvents(sharedContext.transactionManager!, events)
  }

  /** Options with defaults and environment fallbacks applied (secrets included: never log them). */
  async getOptions(): Promise<ResolvedAttributionOptions> {
    return this.resolvedOptions_
  }

  /**
   * The secrets a provider's deliveries may be signed with: those in the options (or env), then
   * the one of an endpoint registered from the admin. The connected ones are read from the
   * database at most every 30 s per process (a connect or disconnect here clears it at once).
   */
  async getWebhookSecrets(provider: WebhookProvider): Promise<string[]> {
    const configured = this.resolvedOptions_.webhookSecrets[provider]
    const connected = await this.connectedSecrets_()
    return connected[provider] ? [...configured, connected[provider]] : configured
  }

  protected connectedSecretsCache_: { at: number; secrets: Promise<Partial<Record<string, string>>> } | null = null

  protected connectedSecrets_(): Promise<Partial<Record<string, string>>> {
    const now = Date.now()
    // Read once into a local: `this` may be a proxy whose writes and reads reach different
    // objects (the module test runner's service proxy does).
    let cache = this.connectedSecretsCache_
    if (!cache || now - cache.at > 30_000) {
      const secrets = this.loadConnectedSecrets_().catch((e) => {
        this.connectedSecretsCache_ = null
        throw e
      })
      cache = { at: now, secrets }
      this.connectedSecretsCache_ = cache
    }
    return cache.secrets
  }

  @InjectManager()
  protected async loadConnectedSecrets_(@MedusaContext() sharedContext: Ctx = {}): Promise<Partial<Record<string, string>>> {
    const box = this.secretBox_()
    const secrets: Partial<Record<string, string>> = {}
    for (const row of await listConnectionRows(sharedContext.manager!)) {
      if (!row.webhook_secret_encrypted) continue
      if (!box) {
        this.logger_?.warn(`attribution: ${row.provider} is connected but no encryption key is configured; its webhook secret is not used`)
        continue
      }
      try {
        secrets[row.provider] = box.open(row.webhook_secret_encrypted)
      } catch (e) {
        this.logger_?.warn(`attribution: the ${row.provider} webhook secret cannot be used: ${(e as Error).message}`)
      }
    }
    return secrets
  }

  /** Null when no encryption key is configured (connecting from the admin is then refused). */
  protected secretBox_(): SecretBox | null {
    const key = this.resolvedOptions_.encryptionKey
    return key ? secretBox(key) : null
  }

  protected requireSecretBox_(): SecretBox {
    const box = this.secretBox_()
    if (!box) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `No encryption key is configured: set the plugin option encryptionKey or the environment variable ${ENCRYPTION_KEY_ENV} (at least 32 characters) to connect providers from the admin`
      )
    }
    return box
  }

  /** Stores a connection with its key and signing secret sealed. Answers null when already connected. */
  @InjectManager()
  async saveConnection(
    input: Omit<NewConnection, "api_key_encrypted" | "api_key_hint" | "webhook_secret_encrypted"> & {
      api_key: string
      webhook_secret: string | null
    },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<ConnectionRow | null> {
    const box = this.requireSecretBox_()
    const { api_key, webhook_secret, ...rest } = input
    const row = await insertConnection(sharedContext.manager!, {
      ...rest,
      api_key_encrypted: box.seal(api_key),
      api_key_hint: keyHint(api_key),
      webhook_secret_encrypted: webhook_secret ? box.seal(webhook_secret) : null,
    })
    this.connectedSecretsCache_ = null
    return row
  }

  @InjectManager()
  async getConnection(provider: string, @MedusaContext() sharedContext: Ctx = {}): Promise<ConnectionRow | null> {
    return findConnection(sharedContext.manager!, provider)
  }

  @InjectManager()
  async listConnections(@MedusaContext() sharedContext: Ctx = {}): Promise<ConnectionRow[]> {
    return listConnectionRows(sharedContext.manager!)
  }

  /** The connection's API key and ids, decrypted in memory for its connector; null when not connected. */
  async connectionCredentials(provider: string): Promise<ConnectionCredentials | null> {
    const row = await this.getConnection(provider)
    if (!row) {
      return null
    }
    return { apiKey: this.requireSecretBox_().open(row.api_key_encrypted), storeId: row.store_id, webhookEndpointId: row.webhook_endpoint_id }
  }

  @InjectManager()
  async deleteConnection(provider: string, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    const deleted = await deleteConnectionRow(sharedContext.manager!, provider)
    this.connectedSecretsCache_ = null
    return deleted
  }

  async encryptionConfigured(): Promise<boolean> {
    return this.resolvedOptions_.encryptionKey !== null
  }

  @InjectManager()
  async startBackfill(
    provider: string,
    input: { days: number; resume: boolean },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<ConnectionRow | null> {
    return startBackfillRow(sharedContext.manager!, provider, input)
  }

  @InjectManager()
  async claimBackfill(provider: string, leaseMs: number, @MedusaContext() sharedContext: Ctx = {}): Promise<ConnectionRow | null> {
    return claimBackfillLease(sharedContext.manager!, provider, leaseMs)
  }

  @InjectManager()
  async saveBackfillProgress(
    provider: string,
    page: Parameters<typeof saveBackfillPage>[2],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<boolean> {
    return saveBackfillPage(sharedContext.manager!, provider, page)
  }

  @InjectManager()
  async failBackfill(provider: string, error: string, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await failBackfillRow(sharedContext.manager!, provider, error)
  }

  @InjectManager()
  async orphanedBackfills(@MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return orphanedBackfills(sharedContext.manager!)
  }

  /**
   * Records that a provider event was handled. Answers false when it was already recorded,
   * so a redelivery becomes a no-op. Run it in the same transaction as the event's writes.
   */
  @InjectTransactionManager()
  async claimWebhookDelivery(input: ClaimDeliveryInput, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    return claimDelivery(sharedContext.transactionManager!, input, [])
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
    await lockKeys(manager, paymentLockKeys(input))
    return this.storePayment_(manager, input)
  }

  /** Writes the payment (the caller holds its locks), links it and stores its credits. */
  protected async storePayment_(
    manager: SqlRunner,
    input: RecordPaymentInput,
    delivery?: { provider: string; event_id: string }
  ): Promise<{ payment_id: string; created: boolean }> {
    const { payment, created, sessions } = await upsertPayment(manager, input, {
      windowDays: this.resolvedOptions_.attributionWindowDays,
      delivery,
    })
    if (input.line_items?.length) {
      await storeLineItems(manager, payment.id, input.order_id ?? input.provider_payment_id, input.currency_code, storableText(input.line_items))
      payment.has_lines = true
    }
    await this.attribute_(manager, payment.id, { payment, sessions })
    return { payment_id: payment.id, created }
  }

  /**
   * Links a payment to a visitor if it has none yet (see `findVisitor`), then stores its
   * credits under every model. Runs in the caller's transaction.
   */
  protected async attribute_(
    manager: SqlRunner,
    paymentId: string,
    /** The row and its sessions when the caller has just read them. */
    known?: { payment: PaymentRow; sessions: SessionRow[] }
  ): Promise<void> {
    let payment = known?.payment ?? (await loadPayment(manager, paymentId))
    let sessions = known?.sessions
    if (!payment) {
      return
    }
    if (!payment.visitor_id) {
      const found = await findVisitor(manager, payment, this.resolvedOptions_.timestampMatchWindowMinutes)
      if (found) {
        await manager.execute(
          `update attribution_payment set visitor_id = ?, session_id = ?, link_method = ?, linked_at = now(), updated_at = now()
            where id = ?`,
          [found.visitorId, found.sessionId, found.method, paymentId]
        )
        payment = (await loadPayment(manager, paymentId))!
        sessions = undefined
      }
    }
    // The data_driven weights in use, read with this transaction's connection (cached a minute).
    const dataDriven = await weightsInUse(managerSql(manager), this.resolvedOptions_.dataDrivenMinConversions)
    await storeCredits(manager, payment, this.resolvedOptions_.attributionWindowDays, sessions, dataDriven)
  }

  /**
   * Payments stored before their visitor's events arrived (the two race): once the sessions
   * or an identify come in, link and credit them again.
   */
  protected async reattributeAfterEvents(manager: EntityManager, events: IngestEvent[]): Promise<void> {
    const visitors = [...new Set(events.map((e) => e.visitor_id))]
    const emails = [...new Set(events.flatMap((e) => (e.email_hash ? [e.email_hash] : [])))]
    const rows: { id: string }[] = await manager.execute(
      `select p.id from attribution_payment p
        where p.deleted_at is null and (
          (p.visitor_id in (select jsonb_array_elements_text(?::jsonb)) and exists (
             -- No session credited yet (a promotion code's credit has no session either).
             select 1 from attribution_credit c where c.payment_id = p.id and c.session_id is null and c.deleted_at is null)
           and not exists (
             select 1 from attribution_credit c where c.payment_id = p.id and c.session_id is not null and c.deleted_at is null))
          or (p.visitor_id is null and p.customer_email_hash in (select jsonb_array_elements_text(?::jsonb))))
        -- In id order: payment rows are locked in that order by every writer of several (no deadlock).
        order by p.id limit 500`,
      // JSON arrays: the query builder would spread a JS array into a list of parameters.
      [JSON.stringify(visitors), JSON.stringify(emails)]
    )
    for (const row of rows) {
      await this.attribute_(manager, row.id)
    }
  }

  /** A canceled order leaves revenue (its payment and credits stay, marked canceled). */
  @InjectTransactionManager()
  async cancelPayment(
    provider: string,
    providerPaymentId: string,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<boolean> {
    const rows = await sharedContext.transactionManager!.execute(
      `update attribution_payment set status = 'canceled', updated_at = now()
        where id = (select payment_id from attribution_payment_reference where provider = ? and external_id = ? limit 1)
        returning id`,
      [provider, providerPaymentId]
    )
    return rows.length > 0
  }

  @InjectManager()
  async findPaymentIdByReference(
    provider: string,
    externalId: string,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<string | null> {
    return paymentIdByReference(sharedContext.transactionManager ?? sharedContext.manager!, provider, externalId)
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
    input = storableText(input)
    await lockKeys(manager, [`payment-row:${input.payment_id}`])
    const [payment] = await manager.execute(
      `select id, currency_code, (amount - refunded_amount < ?::numeric) as over from attribution_payment
        where id = ? and deleted_at is null for update`,
      [input.amount, input.payment_id]
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
    const [already] = await manager.execute(
      `select id from attribution_refund where provider = ? and provider_refund_id = ?`,
      [input.provider, input.provider_refund_id]
    )
    if (already) {
      return { refund_id: null, created: false }
    }
    if (input.refuse_over_refund && payment.over) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `amount: ${input.amount} ${payment.currency_code} is more than is left to refund on this payment`
      )
    }
    const refundId = newId("aref")
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
    await prorateCreditRefunds(manager, (await loadPayment(manager, input.payment_id))!)
    return { refund_id: refundId, created: true }
  }

  /**
   * Stores what a verified provider event says, once: the delivery is claimed in the same
   * transaction as its writes, so a failure rolls both back and the provider's retry is
   * processed again, and a redelivery of a processed event changes nothing.
   * `paymentFallback` is the payment a refund event itself describes (Stripe's refunded
   * charge, LemonSqueezy's refunded order), stored first when the refund arrives before it.
   * A payment, the busiest kind, runs in a pipelined transaction of its own (three round trips)
   * unless the caller passes a transaction to join.
   */
  async ingestProviderEvent(input: ProviderEventInput, sharedContext?: Ctx): Promise<ProviderEventOutcome> {
    if (input.fact.kind === "payment" && !sharedContext?.transactionManager) {
      return this.ingestPaymentEvent_(input, input.fact)
    }
    return this.ingestEventInTransaction_(input, sharedContext)
  }

  @InjectManager()
  protected async ingestPaymentEvent_(
    input: ProviderEventInput,
    fact: PaymentFact,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<ProviderEventOutcome> {
    return inPipelinedTransaction(sharedContext.manager!, (tx) => this.storePaymentEvent_(tx, input, fact))
  }

  /** A payment event: the claim and the payment's locks in one statement, the payment in the next. */
  protected async storePaymentEvent_(manager: SqlRunner, input: ProviderEventInput, fact: PaymentFact): Promise<ProviderEventOutcome> {
    const delivery = { provider: input.provider, event_id: input.event_id, event_type: input.event_type }
    const paymentInput = paymentInputFromFact(fact)
    if (!(await claimDelivery(manager, delivery, paymentLockKeys(paymentInput)))) {
      return { outcome: "duplicate" }
    }
    const { payment_id, created } = await this.storePayment_(manager, paymentInput, delivery)
    return { outcome: "payment", payment_id, created }
  }

  @InjectTransactionManager()
  protected async ingestEventInTransaction_(
    input: ProviderEventInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<ProviderEventOutcome> {
    const { fact } = input
    const manager = sharedContext.transactionManager!
    if (fact.kind === "payment") {
      return this.storePaymentEvent_(manager, input, fact)
    }
    const delivery = { provider: input.provider, event_id: input.event_id, event_type: input.event_type }
    const claimed = await claimDelivery(
      manager,
      { ...delivery, outcome: fact.kind === "ignored" ? "ignored" : "processed" },
      []
    )
    if (!claimed) {
      return { outcome: "duplicate" }
    }
    if (fact.kind === "ignored") {
      return { outcome: "ignored", reason: fact.reason }
    }
    if (fact.kind === "subscription") {
      return { outcome: "subscription", payment_id: await this.linkSubscription_(manager, fact) }
    }
    const noteDeliveryPayment = (paymentId: string) =>
      manager.execute(`update attribution_webhook_delivery set payment_id = ? where provider = ? and event_id = ?`, [
        paymentId,
        input.provider,
        input.event_id,
      ])

    let paymentId: string | null = null
    for (const id of fact.paymentIds) {
      // In this transaction's connection: a second one from the pool, taken while this one is
      // held, deadlocks the pool once every connection waits for another.
      paymentId ??= await paymentIdByReference(manager, fact.provider, id)
    }
    if (!paymentId && input.paymentFallback) {
      paymentId = (await this.recordPayment(paymentInputFromFact(input.paymentFallback), sharedContext)).payment_id
    }
    if (!paymentId) {
      // Nothing to net it from: answer an error so the provider retries after the payment arrives.
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No stored payment for ${fact.provider} ${fact.paymentIds.join(", ")}`)
    }
    const refundBase = { payment_id: paymentId, provider: fact.provider, currency_code: fact.currency, occurred_at: fact.occurredAt }
    for (const refund of fact.refunds ?? []) {
      await this.recordRefund({ ...refundBase, provider_refund_id: refund.refundId, amount: refund.amount }, sharedContext)
    }
    if (fact.cumulativeRefunded !== undefined) {
      await this.recordCumulativeRefund({ ...refundBase, cumulative: fact.cumulativeRefunded }, sharedContext)
    }
    await noteDeliveryPayment(paymentId)
    return { outcome: "refund", payment_id: paymentId }
  }

  /**
   * Stores a subscription on the payment that started it, then links and credits again the
   * subscription's payments that found no visitor (renewals stored before this event). Throws
   * NOT_FOUND while the first payment is unknown, so the provider retries after it arrives.
   */
  protected async linkSubscription_(manager: EntityManager, fact: SubscriptionFact): Promise<string> {
    let paymentId: string | null = null
    for (const id of fact.paymentIds) {
      paymentId ??= await paymentIdByReference(manager, fact.provider, id)
    }
    if (!paymentId) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No stored payment for ${fact.provider} ${fact.paymentIds.join(", ")}`)
    }
    await lockKeys(manager, [`payment-row:${paymentId}`])
    await manager.execute(
      `update attribution_payment set subscription_id = coalesce(subscription_id, ?), updated_at = now() where id = ?`,
      [fact.subscriptionId, paymentId]
    )
    const unlinked: { id: string }[] = await manager.execute(
      `select id from attribution_payment
        where provider = ? and subscription_id = ? and visitor_id is null and deleted_at is null
        order by id limit 500`,
      [fact.provider, fact.subscriptionId]
    )
    for (const row of unlinked) {
      await this.attribute_(manager, row.id)
    }
    return paymentId
  }

  /**
   * Providers that report the refunded total so far (Stripe `amount_refunded`, LemonSqueezy
   * `refunded_amount`): the new refund is the difference with what is stored, keyed by that
   * total so the same report twice, or an older one arriving late, adds nothing.
   */
  @InjectTransactionManager()
  async recordCumulativeRefund(
    input: { payment_id: string; provider: string; currency_code: string; occurred_at: Date; cumulative: string },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ refund_id: string | null; created: boolean }> {
    const manager = sharedContext.transactionManager!
    await lockKeys(manager, [`payment-row:${input.payment_id}`])
    const [row] = await manager.execute(
      `select (?::numeric - refunded_amount)::text as delta from attribution_payment where id = ?`,
      [input.cumulative, input.payment_id]
    )
    if (!row || !(Number(row.delta) > 0)) {
      return { refund_id: null, created: false }
    }
    return this.recordRefund(
      {
        payment_id: input.payment_id,
        provider: input.provider,
        provider_refund_id: `${input.payment_id}:refunded-total:${input.cumulative}`,
        amount: row.delta,
        currency_code: input.currency_code,
        occurred_at: input.occurred_at,
      },
      sharedContext
    )
  }

  /** Erases a visitor, or everyone identified by an email hash (see privacy.ts). */
  async erasePerson(target: EraseTarget): Promise<EraseResult> {
    if (!target.visitor_id && !target.email_hash) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give a visitor_id or an email to erase")
    }
    // Events still in the collector's buffer would bring the visitor back after the erasure.
    // Written first, outside the erasure's transaction (a write inside it would need a second
    // connection from the pool while holding one).
    await this.eventBuffer_.flush()
    return this.erasePersonNow_(target)
  }

  @InjectTransactionManager()
  protected async erasePersonNow_(target: EraseTarget, @MedusaContext() sharedContext: Ctx = {}): Promise<EraseResult> {
    return erasePerson(sharedContext.transactionManager!, target)
  }

  // Promotion code mappings (issue 10, discount codes: code-mappings.ts). A change re-credits
  // the stored payments that used the code, so the mapping applies to past orders too. Like
  // `erasePerson`, each is one call that owns its transactions (no workflow: nothing to compensate
  // in other modules); the mapping is written first, and re-crediting again is harmless.

  /** Creates or replaces the mapping of `input.code` (normalised), then re-credits its payments. */
  async mapCode(input: CodeMapping) {
    const saved = await this.saveCodeMapping_(input)
    return { ...saved, recredited: await this.recreditPaymentsWithCode(saved.mapping.code) }
  }

  /** Removes the mapping of a code and re-credits its payments; `deleted: false` when it had none. */
  async unmapCode(code: string): Promise<{ deleted: boolean; recredited: number }> {
    if (!(await this.deleteCodeMapping_(code))) {
      return { deleted: false, recredited: 0 }
    }
    return { deleted: true, recredited: await this.recreditPaymentsWithCode(code) }
  }

  @InjectTransactionManager()
  protected async saveCodeMapping_(input: CodeMapping, @MedusaContext() sharedContext: Ctx = {}) {
    return saveCodeMapping(sharedContext.transactionManager!, input)
  }

  @InjectTransactionManager()
  protected async deleteCodeMapping_(code: string, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    return deleteCodeMapping(sharedContext.transactionManager!, code)
  }

  /**
   * Stores again the credits of every payment that used `code`, in batches of 200, each its own
   * transaction (a long rewrite never holds many locks for long). Answers how many.
   */
  async recreditPaymentsWithCode(code: string): Promise<number> {
    let after = ""
    let total = 0
    for (;;) {
      const ids = await this.recreditCodeBatch_(code, after)
      if (!ids.length) return total
      total += ids.length
      after = ids[ids.length - 1]!
    }
  }

  @InjectTransactionManager()
  protected async recreditCodeBatch_(code: string, after: string, @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    const manager = sharedContext.transactionManager!
    const ids = await lockPaymentsWithCode(manager, code, after, 200)
    for (const id of ids) {
      await this.attribute_(manager, id)
    }
    return ids
  }

  /** Deletes raw events older than the retention option (none set: nothing is deleted). */
  @InjectManager()
  async purgeExpiredEvents(@MedusaContext() sharedContext: Ctx = {}): Promise<number> {
    const days = this.resolvedOptions_.eventRetentionDays
    return days ? purgeEventsOlderThan(sharedContext.manager!, days) : 0
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
    const providers: Record<string, { webhook_secret_configured: boolean }> = {}
    for (const p of WEBHOOK_PROVIDERS) {
      providers[p] = { webhook_secret_configured: (await this.getWebhookSecrets(p)).length > 0 }
    }
    return { ...row, providers }
  }
}

export default AttributionModuleService

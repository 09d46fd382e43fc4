import { isbot } from "isbot"
import UAParser from "ua-parser-js"
import { deriveTrafficSource } from "../../core/traffic-source"
import { hashEmail } from "../../core/identity"
import { majorToMinor, minorToMajorString, normalizeCurrency } from "../../core/money"
import { parseUrl } from "../../core/url"
import type { IngestEvent } from "../../modules/attribution/ingest/types"
import type { CollectorEvent } from "./schema"
import { newId } from "../../modules/attribution/ids"

/** How far back a client timestamp may reach: batches retried after an outage are older. */
const MAX_PAST_MS = 7 * 24 * 3600 * 1000

export type Device = { device_type: string; browser: string | null; os: string | null }

type AgentInfo = { bot: boolean; device: Device }

/**
 * User agents repeat (most visitors share a few hundred), and parsing one and checking it for a
 * bot costs about 60 µs of regular expressions, so answers are kept for recent agents.
 * Bounded: the map is emptied when full.
 */
const agents = new Map<string, AgentInfo>()
const MAX_AGENTS = 2_000

function agentInfo(userAgent: string | undefined): AgentInfo {
  const key = userAgent ?? ""
  let info = agents.get(key)
  if (!info) {
    const ua = new UAParser(key).getResult()
    const type = ua.device.type
    info = {
      bot: !userAgent || isbot(userAgent),
      device: {
        device_type: type === "mobile" || type === "tablet" ? type : type ? "other" : "desktop",
        browser: ua.browser.name ?? null,
        os: ua.os.name ?? null,
      },
    }
    if (agents.size >= MAX_AGENTS) agents.clear()
    agents.set(key, info)
  }
  return info
}

export function isBotUserAgent(userAgent: string | undefined): boolean {
  return agentInfo(userAgent).bot
}

/** Device class, browser and OS from a user agent. The user agent itself is not kept. */
export function describeDevice(userAgent: string | undefined): Device {
  return agentInfo(userAgent).device
}

/** A client's clock is not trusted: future times become now, very old ones are clamped. */
export function clampTimestamp(ts: number | undefined, now: number): Date {
  if (ts === undefined) return new Date(now)
  return new Date(Math.max(now - MAX_PAST_MS, Math.min(ts, now)))
}

/** A client-claimed purchase amount at its currency's precision (the schema has checked it). */
function purchaseAmount(event: CollectorEvent): { amount: string; currency: string } | null {
  if (event.amount === undefined || !event.currency) return null
  const currency = normalizeCurrency(event.currency)
  return { amount: minorToMajorString(majorToMinor(event.amount, currency), currency), currency }
}

export function toIngestEvent(event: CollectorEvent, device: Device, storeHosts: string[], now: number): IngestEvent {
  const source = deriveTrafficSource({ url: event.url, referrer: event.referrer, storeHosts })
  const purchase = event.type === "purchase" ? purchaseAmount(event) : null
  const url = parseUrl(event.url ?? "")
  return {
    id: newId("aev"),
    visitor_id: event.visitor_id,
    session_id: event.session_id,
    type: event.type,
    name: event.name ?? null,
    url: event.url ?? null,
    path: url ? url.pathname : null,
    title: event.title ?? null,
    props: event.props ?? null,
    order_id: event.order_id ?? null,
    amount: purchase?.amount ?? null,
    currency_code: purchase?.currency ?? null,
    email_hash: event.type === "identify" && event.email ? hashEmail(event.email) : null,
    occurred_at: clampTimestamp(event.ts, now),
    session: {
      source: source.source,
      medium: source.medium,
      campaign: source.campaign,
      term: source.term,
      content: source.content,
      click_ids: Object.keys(source.clickIds).length ? source.clickIds : null,
      referrer: source.referrer,
      referrer_domain: source.referrerDomain,
      landing_page: source.landingPage,
      channel: source.channel,
      ...device,
    },
  }
}

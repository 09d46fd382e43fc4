import type { Channel } from "../../../core/channel"
import type { EventType } from "../models/event"

/** A storefront event after validation and enrichment, ready to be written. */
export type IngestEvent = {
  id: string
  visitor_id: string
  session_id: string
  type: EventType
  name: string | null
  url: string | null
  path: string | null
  title: string | null
  props: Record<string, unknown> | null
  order_id: string | null
  /** Exact decimal string in major units (client-claimed purchases only). */
  amount: string | null
  currency_code: string | null
  /** SHA-256 of the normalised email, for `identify`. */
  email_hash: string | null
  occurred_at: Date
  /** Traffic source of this event's page: written to the session only by its earliest event. */
  session: {
    source: string
    medium: string
    campaign: string | null
    term: string | null
    content: string | null
    click_ids: Record<string, string> | null
    referrer: string | null
    referrer_domain: string | null
    landing_page: string | null
    channel: Channel
    device_type: string | null
    browser: string | null
    os: string | null
  }
}

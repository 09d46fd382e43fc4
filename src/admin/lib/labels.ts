import type { AttributionModel, FigureField, GroupBy, Interval, LinkMethod, WebhookProvider } from "./types"

export const MODEL_LABELS: Record<AttributionModel, string> = {
  first_touch: "First touch",
  last_touch: "Last touch",
  last_non_direct: "Last non-direct",
  linear: "Linear",
  position_based: "Position-based (40/20/40)",
  time_decay: "Time decay (7-day half-life)",
  data_driven: "Data-driven",
}

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  channel: "Channel",
  source: "Source",
  medium: "Medium",
  campaign: "Campaign",
  term: "Term",
  content: "Content",
  landing_page: "Landing page",
  referrer_domain: "Referrer domain",
}

export const INTERVAL_LABELS: Record<Interval, string> = {
  day: "Daily",
  week: "Weekly",
  month: "Monthly",
}

export const FIGURE_LABELS: Record<FigureField, string> = {
  revenue: "Revenue",
  net_revenue: "Net revenue",
  payments: "Payments",
  visitors: "Visitors",
  conversion_rate: "Conversion rate",
  revenue_per_visitor: "Revenue per visitor",
  average_order_value: "Average order value",
  refunded: "Refunds",
}

export const LINK_METHOD_EXPLANATIONS: Record<LinkMethod, string> = {
  metadata:
    "The checkout carried the visitor's id (cart or order metadata, Stripe metadata or client_reference_id, Lemon Squeezy custom data, or the payment API).",
  email:
    "The customer's email matched a visitor who identified with it on the storefront (only SHA-256 hashes are compared).",
  timestamp:
    "No id came with the payment; exactly one visitor was active on the storefront just before it, so it was linked by time. The least certain method.",
  unlinked:
    "No visitor could be found: no visitor id came with the payment, no identified email matched and no single visitor was active just before it. Its revenue is credited to Unassigned.",
}

export const PROVIDER_LABELS: Record<WebhookProvider, string> = {
  stripe: "Stripe",
  lemonsqueezy: "Lemon Squeezy",
  paddle: "Paddle",
  polar: "Polar",
}

export const labelOf = <K extends string>(labels: Record<K, string>, key: string): string =>
  (labels as Record<string, string>)[key] ?? key

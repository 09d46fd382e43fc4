/**
 * The channel of a session: GA4's default channel group, computed from source, medium and
 * campaign with GA4's rules for manually tagged (non-Google-Ads-linked) traffic.
 *
 * Rules and order follow Google's help page "[GA4] Default channel group"
 * (support.google.com/analytics/answer/9756891), checked against copies of it in 2025.
 * The first matching rule wins, and the order matters: `google / cpc` is Paid Search, not
 * Organic Search, only because Paid Search is tested first.
 */
import { CLICK_ID_IMPLIED, primaryClickId } from "./click-ids"
import { sourceCategory } from "./sources"

/** Every channel a session can get (CONTRACT.md, "Channels"). Order is the contract's. */
export const CHANNELS = [
  "Direct",
  "Organic Search",
  "Paid Search",
  "Organic Social",
  "Paid Social",
  "Email",
  "Affiliates",
  "Referral",
  "Display",
  "Organic Video",
  "Paid Video",
  "Organic Shopping",
  "Paid Shopping",
  "Paid Other",
  "Cross-network",
  "SMS",
  "Mobile Push Notifications",
  "Audio",
  "Unassigned",
] as const

export type Channel = (typeof CHANNELS)[number]

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS)

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && CHANNEL_SET.has(value)
}

export interface ChannelInput {
  source?: string | null
  medium?: string | null
  campaign?: string | null
  /** Only used when source and medium are both missing: a click id then implies them. */
  clickIds?: Readonly<Record<string, string>> | null
}

// GA4's patterns, verbatim except that inputs are lower-cased first (GA4 matches
// case-insensitively on the values as collected).
/** "Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$" */
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/
/** "Campaign Name matches regex ^(.*(([^a-df-z]|^)shop|shopping).*)$": `shop`, `eshop`,
 *  `summer-shop`, `shopping` match; `workshop` does not. */
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/
const DISPLAY_MEDIUMS = new Set(["display", "banner", "expandable", "interstitial", "cpm"])
const SOCIAL_MEDIUMS = new Set(["social", "social-network", "social-media", "sm", "social network", "social media"])
const REFERRAL_MEDIUMS = new Set(["referral", "app", "link"])
const EMAIL_VALUE = /^(email|e-mail|e_mail|e mail)$/
const NOT_SET = new Set(["", "(not set)", "(none)"])

function norm(value: unknown): string {
  return typeof value === "string" ? value.trim().toLowerCase() : ""
}

/**
 * GA4's default channel group for a source/medium/campaign. Case-insensitive; never throws.
 *
 * Missing values: an empty or absent source counts as `(direct)` and an empty medium as
 * `(none)`, so `{}` is Direct. When both are missing but a click id is given, the click id's
 * implied source/medium are used (`{ clickIds: { gclid } }` → Paid Search).
 *
 * Source lists: "matches a list of search/social/video/shopping sites" uses `data/sources.json`
 * through `sourceCategory` (names like `google`, `ig` and hosts like `m.facebook.com`). Our
 * extra `email` category is NOT used here, to keep GA4's results: Email needs the source or
 * medium to be literally email/e-mail/e_mail/e mail.
 */
export function classifyChannel(input: ChannelInput | null | undefined): Channel {
  let source = norm(input?.source)
  let medium = norm(input?.medium)
  const campaign = norm(input?.campaign)

  if (!source && !medium) {
    const id = primaryClickId(input?.clickIds)
    if (id) ({ source, medium } = CLICK_ID_IMPLIED[id])
  }
  if (!source) source = "(direct)"

  // Direct: Source exactly matches "(direct)" AND Medium is one of ("(not set)", "(none)").
  if (source === "(direct)" && NOT_SET.has(medium)) return "Direct"

  const category = sourceCategory(source)
  const paid = PAID_MEDIUM.test(medium)
  const shoppingCampaign = SHOPPING_CAMPAIGN.test(campaign)

  // Cross-network: Campaign Name contains "cross-network" (Performance Max, Demand Gen, ...).
  if (campaign.includes("cross-network")) return "Cross-network"
  // Paid Shopping: (shopping site OR shopping campaign) AND paid medium.
  if ((category === "shopping" || shoppingCampaign) && paid) return "Paid Shopping"
  // Paid Search / Social / Video: site list AND paid medium.
  if (category === "search" && paid) return "Paid Search"
  if (category === "social" && paid) return "Paid Social"
  if (category === "video" && paid) return "Paid Video"
  // Display: Medium is one of display, banner, expandable, interstitial, cpm.
  if (DISPLAY_MEDIUMS.has(medium)) return "Display"
  // Paid Other: any other paid medium (`cpc` from an unknown source, `paid_social` from a
  // source GA4 doesn't list, ...).
  if (paid) return "Paid Other"
  // Organic Shopping: shopping site OR shopping campaign.
  if (category === "shopping" || shoppingCampaign) return "Organic Shopping"
  // Organic Social: social site OR a social medium.
  if (category === "social" || SOCIAL_MEDIUMS.has(medium)) return "Organic Social"
  // Organic Video: video site OR medium contains "video".
  if (category === "video" || medium.includes("video")) return "Organic Video"
  // Organic Search: search site OR medium exactly "organic".
  if (category === "search" || medium === "organic") return "Organic Search"
  // Referral: Medium is one of referral, app, link.
  if (REFERRAL_MEDIUMS.has(medium)) return "Referral"
  // Email: source OR medium is email|e-mail|e_mail|e mail.
  if (EMAIL_VALUE.test(source) || EMAIL_VALUE.test(medium)) return "Email"
  // Affiliates: Medium exactly "affiliate".
  if (medium === "affiliate") return "Affiliates"
  // Audio: Medium exactly "audio".
  if (medium === "audio") return "Audio"
  // SMS: Source OR Medium exactly "sms".
  if (source === "sms" || medium === "sms") return "SMS"
  // Mobile Push Notifications: Medium ends with "push" OR contains "mobile" or
  // "notification" OR Source exactly "firebase".
  if (medium.endsWith("push") || medium.includes("mobile") || medium.includes("notification") || source === "firebase") {
    return "Mobile Push Notifications"
  }
  return "Unassigned"
}

/**
 * Ad-platform click ids: which query parameters count, and what a click id implies about the
 * traffic source when the link carries no UTM parameters.
 */

/**
 * Click-id query parameters, in precedence order: when several are present, the first one in
 * this list decides the implied source. Keys are canonical lower-case; URL matching is
 * case-insensitive, so Snapchat's `ScCid` is stored as `sccid`.
 *
 * `fbclid` comes last on purpose: Meta appends it to *every* outbound link from Facebook and
 * Instagram (organic posts, shares, Messenger), so it is the weakest signal. A TikTok ad link
 * that was later shared on Facebook carries both `ttclid` and `fbclid`, and is a TikTok ad click.
 *
 * Deliberately NOT click ids (ignored):
 * - `gad_source`, `gad_campaignid`: Google Ads extras that come along with a `gclid`.
 * - `igshid` / `igsh`: Instagram *share* ids, added to any shared link, paid or not. They say
 *   nothing the referrer doesn't, and they identify the person who shared, so we don't keep them.
 * - `srsltid`: added by Google to organic Merchant Center results; not an ad click.
 * - `mc_cid` / `mc_eid`: Mailchimp campaign/recipient ids; `mc_eid` identifies a person.
 */
export const CLICK_ID_PARAMS = [
  "gclid", // Google Ads
  "gbraid", // Google Ads, iOS app-to-web measurement
  "wbraid", // Google Ads, iOS web-to-app measurement
  "dclid", // Google Display & Video 360 / Campaign Manager 360
  "msclkid", // Microsoft Advertising (Bing)
  "ttclid", // TikTok Ads
  "li_fat_id", // LinkedIn Ads
  "twclid", // X (Twitter) Ads
  "epik", // Pinterest Ads
  "sccid", // Snapchat Ads (sent as `ScCid`)
  "rdt_cid", // Reddit Ads
  "yclid", // Yandex Direct
  "fbclid", // Meta (Facebook, Instagram): every outbound link, ads or not; see above
] as const

export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number]

export interface ImpliedSource {
  source: string
  medium: string
}

/**
 * What a click id says when the URL has no `utm_source`/`utm_medium`.
 *
 * - Mediums are `cpc` so that GA4's rules put them in the paid channel of the platform's
 *   category (google/bing/yandex → Paid Search; tiktok/linkedin/twitter/pinterest/snapchat/
 *   reddit → Paid Social).
 * - `dclid` → `google` / `display`: DV360 and CM360 clicks are display inventory, and GA4 puts
 *   that traffic in Display.
 * - `fbclid` → `facebook` / `social` (Organic Social): Meta adds fbclid to organic links too,
 *   so it cannot prove an ad click. Paid Meta campaigns should carry UTMs
 *   (`utm_medium=paid_social`, `cpc`, ...), and those win over this guess.
 */
export const CLICK_ID_IMPLIED: Readonly<Record<ClickIdParam, ImpliedSource>> = {
  gclid: { source: "google", medium: "cpc" },
  gbraid: { source: "google", medium: "cpc" },
  wbraid: { source: "google", medium: "cpc" },
  dclid: { source: "google", medium: "display" },
  msclkid: { source: "bing", medium: "cpc" },
  ttclid: { source: "tiktok", medium: "cpc" },
  li_fat_id: { source: "linkedin", medium: "cpc" },
  twclid: { source: "twitter", medium: "cpc" },
  epik: { source: "pinterest", medium: "cpc" },
  sccid: { source: "snapchat", medium: "cpc" },
  rdt_cid: { source: "reddit", medium: "cpc" },
  yclid: { source: "yandex", medium: "cpc" },
  fbclid: { source: "facebook", medium: "social" },
}

/** The click id that decides the implied source (first in `CLICK_ID_PARAMS` order), or null. */
export function primaryClickId(clickIds: Readonly<Record<string, string>> | null | undefined): ClickIdParam | null {
  if (!clickIds || typeof clickIds !== "object") return null
  for (const key of CLICK_ID_PARAMS) {
    const value = clickIds[key]
    if (typeof value === "string" && value !== "") return key
  }
  return null
}

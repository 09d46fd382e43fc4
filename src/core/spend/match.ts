import type { SpendRow } from "./types"

/**
 * How spend meets sessions.
 *
 * A session's campaign is its `utm_campaign` as tagged, trimmed, case kept (src/core/url.ts);
 * an ad platform's campaign is its name in the export. They meet when they are equal after
 * trimming and lower-casing (`normalizeCampaign`): tag the ads so the platform writes its own
 * name into the URL, and every click carries exactly the campaign the export names:
 * - Google Ads, account or campaign "Final URL suffix":
 *   `utm_source=google&utm_medium=cpc&utm_campaign={campaignname}` (auto-tagging's gclid alone
 *   gives google / cpc but no campaign);
 * - Meta Ads Manager, the ad's "URL parameters":
 *   `utm_source=facebook&utm_medium=paid_social&utm_campaign={{campaign.name}}`.
 * Source and medium are lower-case on both sides already.
 */
export const normalizeCampaign = (campaign: string) => campaign.trim().toLowerCase()

/** Lower-cased and trimmed, `""` for none. */
const part = (value: string | null) => (value ?? "").trim().toLowerCase()

/**
 * A stored row's identity: day, campaign, source, medium and channel, normalised. Importing a
 * row with the same identity replaces the stored one (platforms revise past days). JSON keeps
 * the parts apart, so no campaign name can forge another row's key.
 */
export function matchKey(row: Pick<SpendRow, "day" | "campaign" | "source" | "medium" | "channel">): string {
  return JSON.stringify([row.day, part(row.campaign), part(row.source), part(row.medium), part(row.channel)])
}

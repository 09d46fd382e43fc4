/** Fixed colours for GA4's channels, so a channel keeps its colour across charts and ranges. */
const CHANNEL_COLORS: Record<string, string> = {
  Direct: "#64748b",
  "Organic Search": "#16a34a",
  "Paid Search": "#2563eb",
  "Organic Social": "#db2777",
  "Paid Social": "#9333ea",
  Email: "#ea580c",
  Affiliates: "#0d9488",
  Referral: "#ca8a04",
  Display: "#4f46e5",
  "Organic Video": "#dc2626",
  "Paid Video": "#be123c",
  "Organic Shopping": "#65a30d",
  "Paid Shopping": "#0891b2",
  "Paid Other": "#7c3aed",
  "Cross-network": "#0369a1",
  SMS: "#c2410c",
  "Mobile Push Notifications": "#a21caf",
  Audio: "#4d7c0f",
  Unassigned: "#a1a1aa",
}

const PALETTE = [
  "#2563eb",
  "#16a34a",
  "#ea580c",
  "#9333ea",
  "#db2777",
  "#0d9488",
  "#ca8a04",
  "#4f46e5",
  "#dc2626",
  "#0891b2",
  "#65a30d",
  "#7c3aed",
]

/** A colour for a key: the channel's own, else one of the palette by position. */
export const colorFor = (key: string, index: number): string => CHANNEL_COLORS[key] ?? PALETTE[index % PALETTE.length]

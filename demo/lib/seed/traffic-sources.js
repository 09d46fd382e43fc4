// Where the demo's synthetic visitors come from: how a real small store's traffic splits, as
// the snippet would report it (a landing URL with its UTMs or click id, and a referrer). The
// plugin derives source, medium and channel from these exactly as for live visits. `weight` is
// the share of first visits, `convert` the chance that a session from there ends in a payment.

const SOURCES = [
  { key: "google-organic", weight: 24, convert: 0.022, referrer: "https://www.google.com/", landing: ["/", "/products/rain-jacket", "/blog/how-to-layer-for-rain", "/products/merino-sweater"] },
  { key: "bing-organic", weight: 3, convert: 0.02, referrer: "https://www.bing.com/", landing: ["/", "/products/linen-shirt"] },
  { key: "duckduckgo", weight: 2, convert: 0.02, referrer: "https://duckduckgo.com/", landing: ["/", "/products/leather-wallet"] },
  { key: "direct", weight: 15, convert: 0.03, landing: ["/"] },
  { key: "google-ads-brand", weight: 7, convert: 0.045, referrer: "https://www.google.com/", query: "utm_source=google&utm_medium=cpc&utm_campaign=brand&utm_term=northwind+outfitters", clickId: "gclid", landing: ["/"] },
  { key: "google-ads-jackets", weight: 6, convert: 0.03, referrer: "https://www.google.com/", query: "utm_source=google&utm_medium=cpc&utm_campaign=rain-jackets&utm_term=waterproof+jacket", clickId: "gclid", landing: ["/products/rain-jacket"] },
  { key: "bing-ads", weight: 2, convert: 0.03, referrer: "https://www.bing.com/", query: "", clickId: "msclkid", landing: ["/products/rain-jacket", "/"] },
  { key: "facebook-ads", weight: 5, convert: 0.018, referrer: "https://l.facebook.com/", query: "utm_source=facebook&utm_medium=paid_social&utm_campaign=autumn-sale&utm_content=carousel", landing: ["/collections/knitwear", "/products/merino-sweater"] },
  { key: "instagram-ads", weight: 5, convert: 0.02, referrer: "https://l.instagram.com/", query: "utm_source=instagram&utm_medium=paid_social&utm_campaign=autumn-sale&utm_content=reel", landing: ["/products/merino-sweater", "/collections/outerwear"] },
  { key: "tiktok-ads", weight: 2, convert: 0.012, referrer: "https://www.tiktok.com/", query: "utm_source=tiktok&utm_medium=paid_social&utm_campaign=creator-collab", clickId: "ttclid", landing: ["/products/wool-beanie"] },
  { key: "instagram", weight: 4, convert: 0.012, referrer: "https://www.instagram.com/", landing: ["/", "/products/linen-shirt"] },
  { key: "facebook", weight: 2, convert: 0.01, referrer: "https://m.facebook.com/", landing: ["/"] },
  { key: "reddit", weight: 2, convert: 0.015, referrer: "https://www.reddit.com/", landing: ["/products/rain-jacket"] },
  { key: "pinterest", weight: 2, convert: 0.012, referrer: "https://www.pinterest.com/", landing: ["/products/canvas-tote"] },
  { key: "newsletter", weight: 6, convert: 0.05, query: "utm_source=newsletter&utm_medium=email&utm_campaign=weekly-digest", landing: ["/collections/outerwear", "/"] },
  { key: "gear-blog", weight: 4, convert: 0.028, referrer: "https://www.outdoorgearlab.com/reviews/rain-jackets", landing: ["/products/rain-jacket"] },
  { key: "chatgpt", weight: 2, convert: 0.025, referrer: "https://chatgpt.com/", landing: ["/products/merino-sweater", "/"] },
  { key: "affiliate", weight: 3, convert: 0.04, query: "utm_source=trailnotes&utm_medium=affiliate&utm_campaign=partner-program", landing: ["/products/leather-wallet", "/"] },
  { key: "youtube", weight: 3, convert: 0.015, referrer: "https://www.youtube.com/", landing: ["/products/rain-jacket"] },
]

/** The autumn sale: an email blast and a paid social push near the end of the sixty days. */
const SALE = {
  firstDay: 44,
  lastDay: 50,
  extraVisitorsPerDay: 14,
  sources: [
    { key: "sale-email", weight: 3, convert: 0.06, query: "utm_source=newsletter&utm_medium=email&utm_campaign=autumn-sale", landing: ["/collections/knitwear"] },
    // The regular campaigns' ads, shown more often during the sale.
    { ref: "facebook-ads", weight: 1 },
    { ref: "instagram-ads", weight: 1 },
  ],
}

/** How returning visitors come back. `same` = the way they first came. */
const RETURNS = [
  { key: "direct", weight: 45 },
  { key: "newsletter", weight: 20 },
  { key: "google-organic", weight: 14 },
  { key: "google-ads-brand", weight: 10 },
  { key: "instagram", weight: 5 },
  { key: "same", weight: 6 },
]

const PAGES = {
  "/": "Northwind Outfitters",
  "/products/linen-shirt": "Linen Shirt",
  "/products/merino-sweater": "Merino Sweater",
  "/products/rain-jacket": "Rain Jacket",
  "/products/canvas-tote": "Canvas Tote Bag",
  "/products/leather-wallet": "Leather Wallet",
  "/products/wool-beanie": "Wool Beanie",
  "/collections/knitwear": "Knitwear",
  "/collections/outerwear": "Outerwear",
  "/blog/how-to-layer-for-rain": "How to layer for rain",
  "/cart": "Your cart",
}

/** Desktop and mobile browsers in a usual proportion (none of them a bot). */
const USER_AGENTS = [
  { weight: 30, ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1" },
  { weight: 22, ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36" },
  { weight: 24, ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" },
  { weight: 12, ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15" },
  { weight: 5, ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0" },
  { weight: 4, ua: "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0" },
  { weight: 3, ua: "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1" },
]

const FIRST_NAMES = ["Ada", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wes", "Yara", "Zoe"]
const LAST_NAMES = ["Andersen", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Nielsen", "Olsen", "Petersen", "Rossi", "Schmidt", "Torres", "Weber"]

function sourceByKey(key) {
  return SOURCES.find((s) => s.key === key) ?? SALE.sources.find((s) => s.key === key)
}

module.exports = { FIRST_NAMES, LAST_NAMES, PAGES, RETURNS, SALE, SOURCES, USER_AGENTS, sourceByKey }

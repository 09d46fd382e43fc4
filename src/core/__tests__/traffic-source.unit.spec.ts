import { CHANNELS, type Channel } from "../channel"
import { deriveTrafficSource, type TrafficSourceInput } from "../traffic-source"

const PAGE = "https://shop.example/p/shirt"
/** The landing page with a query string. */
const q = (query: string): string => `${PAGE}?${query}`

interface Case {
  /** What the case is about (shown by Jest). */
  name: string
  url: string | null | undefined
  referrer: string | null | undefined
  source: string
  medium: string
  channel: Channel
  isInternal?: boolean
  storeHosts?: string[]
}

const c = (
  name: string,
  url: string | null | undefined,
  referrer: string | null | undefined,
  source: string,
  medium: string,
  channel: Channel,
  extra: Pick<Case, "isInternal" | "storeHosts"> = {},
): Case => ({ name, url, referrer, source, medium, channel, ...extra })

const CASES: Case[] = [
  // ---------------------------------------------------------------- Direct
  c("no referrer, no params", PAGE, null, "(direct)", "(none)", "Direct"),
  c("empty referrer", PAGE, "", "(direct)", "(none)", "Direct"),
  c("undefined referrer", PAGE, undefined, "(direct)", "(none)", "Direct"),
  c("whitespace referrer", PAGE, "   ", "(direct)", "(none)", "Direct"),
  c("about:blank referrer", PAGE, "about:blank", "(direct)", "(none)", "Direct"),
  c("'null' referrer string", PAGE, "null", "(direct)", "(none)", "Direct"),
  c("chrome:// referrer", PAGE, "chrome://newtab/", "(direct)", "(none)", "Direct"),
  c("javascript: referrer", PAGE, "javascript:void(0)", "(direct)", "(none)", "Direct"),
  c("malformed referrer (words)", PAGE, "not a url at all", "(direct)", "(none)", "Direct"),
  c("malformed referrer (scheme only)", PAGE, "http://", "(direct)", "(none)", "Direct"),
  c("malformed referrer (bad IPv6)", PAGE, "https://[::1/", "(direct)", "(none)", "Direct"),
  c("malformed landing URL, no referrer", "::::not-a-url", null, "(direct)", "(none)", "Direct"),
  c("null landing URL, null referrer", null, null, "(direct)", "(none)", "Direct"),
  c("self-referral from the same host", PAGE, "https://shop.example/cart", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("self-referral from the www variant", PAGE, "https://www.shop.example/", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("self-referral, page on www", "https://www.shop.example/p", "https://shop.example/", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("self-referral, uppercase host", PAGE, "HTTPS://SHOP.EXAMPLE/Cart", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("self-referral via storeHosts", PAGE, "https://checkout.example.com/step/2", "(direct)", "(none)", "Direct", {
    isInternal: true,
    storeHosts: ["checkout.example.com"],
  }),
  c("self-referral via storeHosts wildcard", PAGE, "https://blog.example.org/post", "(direct)", "(none)", "Direct", {
    isInternal: true,
    storeHosts: ["*.example.org"],
  }),
  c("self-referral via storeHosts given as URL", PAGE, "https://www.shop.example.net/a", "(direct)", "(none)", "Direct", {
    isInternal: true,
    storeHosts: ["https://shop.example.net/"],
  }),
  c("returning from Stripe Checkout", PAGE, "https://checkout.stripe.com/c/pay/cs_test_123", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("returning from PayPal", PAGE, "https://www.paypal.com/checkoutnow?token=X", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("returning from a Lemon Squeezy store", PAGE, "https://acme.lemonsqueezy.com/checkout", "(direct)", "(none)", "Direct", { isInternal: true }),
  c("explicit (direct)/(none) UTMs", q("utm_source=(direct)&utm_medium=(none)"), null, "(direct)", "(none)", "Direct"),
  c("gad_source alone is not a click id", q("gad_source=1"), null, "(direct)", "(none)", "Direct"),
  c("igshid alone is not a click id", q("igshid=abc"), null, "(direct)", "(none)", "Direct"),

  // ---------------------------------------------------------------- Cross-network
  c("cross-network campaign", q("utm_source=google&utm_medium=cpc&utm_campaign=cross-network"), null, "google", "cpc", "Cross-network"),
  c("cross-network, mixed case, inside a name", q("utm_source=google&utm_medium=cpc&utm_campaign=PMax%20Cross-Network%20Q4"), null, "google", "cpc", "Cross-network"),
  c("cross-network beats paid shopping", q("utm_source=amazon&utm_medium=cpc&utm_campaign=cross-network-shopping"), null, "amazon", "cpc", "Cross-network"),
  c("cross-network with a gclid", q("gclid=abc&utm_campaign=cross-network"), null, "google", "cpc", "Cross-network"),

  // ---------------------------------------------------------------- Paid Shopping
  c("amazon cpc", q("utm_source=amazon&utm_medium=cpc"), null, "amazon", "cpc", "Paid Shopping"),
  c("ebay ppc", q("utm_source=ebay&utm_medium=ppc"), null, "ebay", "ppc", "Paid Shopping"),
  c("shopping campaign on google beats Paid Search", q("utm_source=google&utm_medium=cpc&utm_campaign=shopping-summer"), null, "google", "cpc", "Paid Shopping"),
  c("'eshop' campaign", q("utm_source=partner&utm_medium=cpc&utm_campaign=eshop"), null, "partner", "cpc", "Paid Shopping"),
  c("'Summer_Shop' campaign, mixed case", q("utm_source=partner&utm_medium=paid&utm_campaign=Summer_Shop"), null, "partner", "paid", "Paid Shopping"),
  c("igshopping paid", q("utm_source=igshopping&utm_medium=paid"), null, "igshopping", "paid", "Paid Shopping"),
  c("gclid from Google Shopping", q("gclid=abc"), "https://shopping.google.com/", "google-shopping", "cpc", "Paid Shopping"),
  c("amazon host as source", q("utm_source=amazon.co.uk&utm_medium=cpc"), null, "amazon.co.uk", "cpc", "Paid Shopping"),

  // ---------------------------------------------------------------- Paid Search
  c("google cpc", q("utm_source=google&utm_medium=cpc"), null, "google", "cpc", "Paid Search"),
  c("uppercase UTM values", q("utm_source=Google&utm_medium=CPC"), null, "google", "cpc", "Paid Search"),
  c("uppercase UTM names and values", q("UTM_SOURCE=GOOGLE&UTM_MEDIUM=PPC"), null, "google", "ppc", "Paid Search"),
  c("mixed-case UTM names", q("Utm_Source=Bing&Utm_Medium=Paid"), null, "bing", "paid", "Paid Search"),
  c("padded UTM values", q("utm_source=%20google%20&utm_medium=%20cpc%20"), null, "google", "cpc", "Paid Search"),
  c("bing paidsearch", q("utm_source=bing&utm_medium=paidsearch"), null, "bing", "paidsearch", "Paid Search"),
  c("duckduckgo cpc", q("utm_source=duckduckgo&utm_medium=cpc"), null, "duckduckgo", "cpc", "Paid Search"),
  c("yahoo retargeting", q("utm_source=yahoo&utm_medium=retargeting"), null, "yahoo", "retargeting", "Paid Search"),
  c("baidu ppc", q("utm_source=baidu&utm_medium=ppc"), null, "baidu", "ppc", "Paid Search"),
  c("search engine + cpm is Paid Search (cpm contains cp)", q("utm_source=yandex&utm_medium=cpm"), null, "yandex", "cpm", "Paid Search"),
  c("google.com as source", q("utm_source=google.com&utm_medium=cpc"), null, "google.com", "cpc", "Paid Search"),
  c("gclid, no UTMs", q("gclid=EAIaIQobChMI"), null, "google", "cpc", "Paid Search"),
  c("GCLID uppercase param name", q("GCLID=EAIaIQobChMI"), null, "google", "cpc", "Paid Search"),
  c("gclid with a google referrer", q("gclid=abc"), "https://www.google.de/", "google", "cpc", "Paid Search"),
  c("gclid with gad_source", q("gad_source=1&gclid=abc"), null, "google", "cpc", "Paid Search"),
  c("gbraid", q("gbraid=0AAAAA"), null, "google", "cpc", "Paid Search"),
  c("wbraid", q("wbraid=CkkKCQ"), null, "google", "cpc", "Paid Search"),
  c("msclkid", q("msclkid=d1f2"), null, "bing", "cpc", "Paid Search"),
  c("MSCLKID uppercase", q("MSCLKID=d1f2"), null, "bing", "cpc", "Paid Search"),
  c("yclid", q("yclid=123"), null, "yandex", "cpc", "Paid Search"),
  c("utm_medium=cpc alone, google referrer", q("utm_medium=cpc"), "https://www.google.com/", "google", "cpc", "Paid Search"),
  c("utm_medium=cpc alone, bing referrer", q("utm_medium=cpc"), "https://www.bing.com/search?q=shirt", "bing", "cpc", "Paid Search"),
  c("utm_medium=cpc with gclid, no source", q("utm_medium=cpc&gclid=abc"), null, "google", "cpc", "Paid Search"),
  c("utm_source=google with gclid, no medium", q("utm_source=google&gclid=abc"), null, "google", "cpc", "Paid Search"),
  c("UTMs win over the referrer", q("utm_source=google&utm_medium=cpc"), "https://www.facebook.com/", "google", "cpc", "Paid Search"),
  c("tagged URL with a self-referral", q("utm_source=google&utm_medium=cpc"), "https://shop.example/", "google", "cpc", "Paid Search", { isInternal: true }),
  c("gclid with a self-referral", q("gclid=abc"), "https://shop.example/cart", "google", "cpc", "Paid Search", { isInternal: true }),
  c("path-only URL", "/p/shirt?utm_source=google&utm_medium=cpc", null, "google", "cpc", "Paid Search"),
  c("repeated utm_source: first wins", q("utm_source=google&utm_source=facebook&utm_medium=cpc"), null, "google", "cpc", "Paid Search"),
  c("'+' decoded as space in campaign", q("utm_source=google&utm_medium=cpc&utm_campaign=black+friday"), null, "google", "cpc", "Paid Search"),

  // ---------------------------------------------------------------- Paid Social
  c("facebook cpc", q("utm_source=facebook&utm_medium=cpc"), null, "facebook", "cpc", "Paid Social"),
  c("fb paid_social", q("utm_source=fb&utm_medium=paid_social"), null, "fb", "paid_social", "Paid Social"),
  c("ig cpc", q("utm_source=ig&utm_medium=cpc"), null, "ig", "cpc", "Paid Social"),
  c("instagram paid", q("utm_source=Instagram&utm_medium=Paid"), null, "instagram", "paid", "Paid Social"),
  c("linkedin cpc", q("utm_source=linkedin&utm_medium=cpc"), null, "linkedin", "cpc", "Paid Social"),
  c("twitter ppc", q("utm_source=twitter&utm_medium=ppc"), null, "twitter", "ppc", "Paid Social"),
  c("x cpc", q("utm_source=x&utm_medium=cpc"), null, "x", "cpc", "Paid Social"),
  c("tiktok cpc", q("utm_source=tiktok&utm_medium=cpc"), null, "tiktok", "cpc", "Paid Social"),
  c("pinterest cpc", q("utm_source=pinterest&utm_medium=cpc"), null, "pinterest", "cpc", "Paid Social"),
  c("reddit paid-social", q("utm_source=reddit&utm_medium=paid-social"), null, "reddit", "paid-social", "Paid Social"),
  c("snapchat cpc", q("utm_source=snapchat&utm_medium=cpc"), null, "snapchat", "cpc", "Paid Social"),
  c("m.facebook.com as source", q("utm_source=m.facebook.com&utm_medium=cpc"), null, "m.facebook.com", "cpc", "Paid Social"),
  c("ttclid", q("ttclid=E.C.P.123"), null, "tiktok", "cpc", "Paid Social"),
  c("li_fat_id", q("li_fat_id=1a2b"), null, "linkedin", "cpc", "Paid Social"),
  c("twclid", q("twclid=2-abc"), null, "twitter", "cpc", "Paid Social"),
  c("epik", q("epik=dj0yJnU9"), null, "pinterest", "cpc", "Paid Social"),
  c("ScCid (Snapchat's casing)", q("ScCid=abc-123"), null, "snapchat", "cpc", "Paid Social"),
  c("sccid lowercase", q("sccid=abc-123"), null, "snapchat", "cpc", "Paid Social"),
  c("rdt_cid", q("rdt_cid=123"), null, "reddit", "cpc", "Paid Social"),
  c("ttclid beats fbclid", q("fbclid=IwAR&ttclid=E.C.P"), null, "tiktok", "cpc", "Paid Social"),
  c("utm_medium=cpc alone, facebook referrer", q("utm_medium=cpc"), "https://l.facebook.com/l.php?u=x", "facebook", "cpc", "Paid Social"),
  c("utm_medium=paid with fbclid", q("utm_medium=paid&fbclid=IwAR"), null, "facebook", "paid", "Paid Social"),

  // ---------------------------------------------------------------- Paid Video
  c("youtube cpc", q("utm_source=youtube&utm_medium=cpc"), null, "youtube", "cpc", "Paid Video"),
  c("yt cpc", q("utm_source=yt&utm_medium=cpc"), null, "yt", "cpc", "Paid Video"),
  c("vimeo cpv", q("utm_source=vimeo&utm_medium=cpv"), null, "vimeo", "cpv", "Paid Video"),
  c("twitch paid", q("utm_source=twitch&utm_medium=paid"), null, "twitch", "paid", "Paid Video"),
  c("gclid from youtube", q("gclid=abc"), "https://www.youtube.com/", "youtube", "cpc", "Paid Video"),
  c("utm_medium=cpc alone, youtube referrer", q("utm_medium=cpc"), "https://m.youtube.com/watch?v=1", "youtube", "cpc", "Paid Video"),

  // ---------------------------------------------------------------- Display
  c("display", q("utm_source=criteo&utm_medium=display"), null, "criteo", "display", "Display"),
  c("banner", q("utm_source=partner&utm_medium=banner"), null, "partner", "banner", "Display"),
  c("expandable", q("utm_source=partner&utm_medium=expandable"), null, "partner", "expandable", "Display"),
  c("interstitial", q("utm_source=partner&utm_medium=interstitial"), null, "partner", "interstitial", "Display"),
  c("cpm from an unknown source", q("utm_source=partner&utm_medium=cpm"), null, "partner", "cpm", "Display"),
  c("DISPLAY uppercase", q("utm_source=DV360&utm_medium=DISPLAY"), null, "dv360", "display", "Display"),
  c("dclid", q("dclid=CJ7x"), null, "google", "display", "Display"),
  c("display medium alone", q("utm_medium=display"), null, "(not set)", "display", "Display"),

  // ---------------------------------------------------------------- Paid Other
  c("utm_medium=cpc alone, no referrer", q("utm_medium=cpc"), null, "(not set)", "cpc", "Paid Other"),
  c("utm_medium=cpc alone, self-referral", q("utm_medium=cpc"), "https://shop.example/", "(not set)", "cpc", "Paid Other", { isInternal: true }),
  c("utm_medium=ppc alone, unknown referrer", q("utm_medium=ppc"), "https://blog.example.com/", "blog.example.com", "ppc", "Paid Other"),
  c("unknown source cpc", q("utm_source=partner&utm_medium=cpc"), null, "partner", "cpc", "Paid Other"),
  c("newsletter paid", q("utm_source=newsletter&utm_medium=paid"), null, "newsletter", "paid", "Paid Other"),
  c("criteo retargeting", q("utm_source=criteo&utm_medium=retargeting"), null, "criteo", "retargeting", "Paid Other"),
  c("facebook-ads is not in the social list", q("utm_source=facebook-ads&utm_medium=cpc"), null, "facebook-ads", "cpc", "Paid Other"),

  // ---------------------------------------------------------------- Organic Shopping
  c("amazon.de referrer", PAGE, "https://www.amazon.de/dp/B0", "amazon", "referral", "Organic Shopping"),
  c("ebay.co.uk referrer", PAGE, "https://www.ebay.co.uk/itm/1", "ebay", "referral", "Organic Shopping"),
  c("etsy referrer", PAGE, "https://www.etsy.com/listing/1", "etsy", "referral", "Organic Shopping"),
  c("Google Shopping referrer", PAGE, "https://shopping.google.com/", "google-shopping", "referral", "Organic Shopping"),
  c("utm_source=amazon alone", q("utm_source=amazon"), null, "amazon", "(not set)", "Organic Shopping"),
  c("shop campaign beats Referral", q("utm_source=partner&utm_medium=referral&utm_campaign=shop"), null, "partner", "referral", "Organic Shopping"),
  c("campaign-only 'shopping', no referrer", q("utm_campaign=shopping"), null, "(not set)", "(not set)", "Organic Shopping"),

  // ---------------------------------------------------------------- Organic Social
  c("m.facebook.com", PAGE, "https://m.facebook.com/", "facebook", "social", "Organic Social"),
  c("l.facebook.com", PAGE, "https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example", "facebook", "social", "Organic Social"),
  c("lm.facebook.com", PAGE, "https://lm.facebook.com/", "facebook", "social", "Organic Social"),
  c("www.facebook.com", PAGE, "https://www.facebook.com/", "facebook", "social", "Organic Social"),
  c("l.instagram.com", PAGE, "https://l.instagram.com/?u=x", "instagram", "social", "Organic Social"),
  c("t.co", PAGE, "https://t.co/AbC123", "twitter", "social", "Organic Social"),
  c("x.com", PAGE, "https://x.com/", "twitter", "social", "Organic Social"),
  c("lnkd.in", PAGE, "https://lnkd.in/eXyZ", "linkedin", "social", "Organic Social"),
  c("linkedin feed", PAGE, "https://www.linkedin.com/feed/", "linkedin", "social", "Organic Social"),
  c("reddit", PAGE, "https://www.reddit.com/r/shirts/", "reddit", "social", "Organic Social"),
  c("old.reddit.com", PAGE, "https://old.reddit.com/", "reddit", "social", "Organic Social"),
  c("pinterest.co.uk", PAGE, "https://www.pinterest.co.uk/pin/1/", "pinterest", "social", "Organic Social"),
  c("Hacker News", PAGE, "https://news.ycombinator.com/item?id=1", "hackernews", "social", "Organic Social"),
  c("bsky.app", PAGE, "https://bsky.app/profile/x", "bluesky", "social", "Organic Social"),
  c("t.me", PAGE, "https://t.me/channel/1", "telegram", "social", "Organic Social"),
  c("tiktok web", PAGE, "https://www.tiktok.com/@shop", "tiktok", "social", "Organic Social"),
  c("android-app facebook", PAGE, "android-app://com.facebook.katana", "facebook", "social", "Organic Social"),
  c("android-app linkedin", PAGE, "android-app://com.linkedin.android/", "linkedin", "social", "Organic Social"),
  c("android-app tiktok", PAGE, "android-app://com.zhiliaoapp.musically", "tiktok", "social", "Organic Social"),
  c("fbclid alone", q("fbclid=IwAR0abc"), null, "facebook", "social", "Organic Social"),
  c("FBCLID uppercase", q("FBCLID=IwAR0abc"), null, "facebook", "social", "Organic Social"),
  c("fbclid from Instagram", q("fbclid=IwAR0abc"), "https://l.instagram.com/", "instagram", "social", "Organic Social"),
  c("fbclid from facebook", q("fbclid=IwAR0abc"), "https://m.facebook.com/", "facebook", "social", "Organic Social"),
  c("facebook social", q("utm_source=facebook&utm_medium=social"), null, "facebook", "social", "Organic Social"),
  c("social-media medium, unknown source", q("utm_source=partner&utm_medium=social-media"), null, "partner", "social-media", "Organic Social"),
  c("sm medium", q("utm_source=partner&utm_medium=sm"), null, "partner", "sm", "Organic Social"),
  c("'Social Network' medium with a space", q("utm_source=Partner&utm_medium=Social%20Network"), null, "partner", "social network", "Organic Social"),
  c("utm_source=ig alone", q("utm_source=ig"), null, "ig", "(not set)", "Organic Social"),
  c("linkedin referral medium: list beats Referral", q("utm_source=linkedin&utm_medium=referral"), null, "linkedin", "referral", "Organic Social"),

  // ---------------------------------------------------------------- Organic Video
  c("youtube watch page", PAGE, "https://www.youtube.com/watch?v=1", "youtube", "referral", "Organic Video"),
  c("m.youtube.com", PAGE, "https://m.youtube.com/", "youtube", "referral", "Organic Video"),
  c("youtu.be", PAGE, "https://youtu.be/abc", "youtube", "referral", "Organic Video"),
  c("vimeo", PAGE, "https://vimeo.com/123", "vimeo", "referral", "Organic Video"),
  c("twitch", PAGE, "https://www.twitch.tv/shop", "twitch", "referral", "Organic Video"),
  c("android-app youtube", PAGE, "android-app://com.google.android.youtube", "youtube", "referral", "Organic Video"),
  c("video medium", q("utm_source=partner&utm_medium=video"), null, "partner", "video", "Organic Video"),
  c("Online-Video medium, mixed case", q("utm_source=partner&utm_medium=Online-Video"), null, "partner", "online-video", "Organic Video"),
  c("youtube referral medium", q("utm_source=youtube&utm_medium=referral"), null, "youtube", "referral", "Organic Video"),
  c("utm_source=yt alone", q("utm_source=yt"), null, "yt", "(not set)", "Organic Video"),

  // ---------------------------------------------------------------- Organic Search
  c("google.com", PAGE, "https://www.google.com/", "google", "organic", "Organic Search"),
  c("google.co.uk", PAGE, "https://www.google.co.uk/", "google", "organic", "Organic Search"),
  c("google.com.au", PAGE, "https://www.google.com.au/search?q=shirt", "google", "organic", "Organic Search"),
  c("google.de", PAGE, "https://www.google.de/", "google", "organic", "Organic Search"),
  c("google.fr without www", PAGE, "https://google.fr/", "google", "organic", "Organic Search"),
  c("google.co.jp", PAGE, "https://www.google.co.jp/", "google", "organic", "Organic Search"),
  c("google.com.br", PAGE, "https://www.google.com.br/", "google", "organic", "Organic Search"),
  c("uppercase referrer host", PAGE, "HTTPS://WWW.GOOGLE.COM/", "google", "organic", "Organic Search"),
  c("referrer host with trailing dot", PAGE, "https://www.google.com./", "google", "organic", "Organic Search"),
  c("referrer with a port", PAGE, "https://www.google.com:443/", "google", "organic", "Organic Search"),
  c("bare host referrer", PAGE, "www.google.com", "google", "organic", "Organic Search"),
  c("bing", PAGE, "https://www.bing.com/search?q=shirt", "bing", "organic", "Organic Search"),
  c("cn.bing.com", PAGE, "https://cn.bing.com/", "bing", "organic", "Organic Search"),
  c("duckduckgo", PAGE, "https://duckduckgo.com/", "duckduckgo", "organic", "Organic Search"),
  c("search.yahoo.com", PAGE, "https://search.yahoo.com/search?p=x", "yahoo", "organic", "Organic Search"),
  c("yahoo.co.jp", PAGE, "https://search.yahoo.co.jp/", "yahoo", "organic", "Organic Search"),
  c("yandex.ru", PAGE, "https://yandex.ru/search/", "yandex", "organic", "Organic Search"),
  c("baidu", PAGE, "https://www.baidu.com/", "baidu", "organic", "Organic Search"),
  c("ecosia", PAGE, "https://www.ecosia.org/search?q=x", "ecosia", "organic", "Organic Search"),
  c("brave search", PAGE, "https://search.brave.com/", "brave", "organic", "Organic Search"),
  c("naver", PAGE, "https://search.naver.com/", "naver", "organic", "Organic Search"),
  c("android-app google search app", PAGE, "android-app://com.google.android.googlequicksearchbox", "google", "organic", "Organic Search"),
  c("android-app google search app with path", PAGE, "android-app://com.google.android.googlequicksearchbox/https/www.google.com", "google", "organic", "Organic Search"),
  c("google organic UTMs", q("utm_source=google&utm_medium=organic"), null, "google", "organic", "Organic Search"),
  c("organic medium, unknown source", q("utm_source=partner&utm_medium=organic"), null, "partner", "organic", "Organic Search"),
  c("utm_source=google alone", q("utm_source=google"), null, "google", "(not set)", "Organic Search"),
  c("utm_source=bing.com alone", q("utm_source=bing.com"), null, "bing.com", "(not set)", "Organic Search"),
  c("campaign-only URL from google", q("utm_campaign=summer"), "https://www.google.com/", "google", "organic", "Organic Search"),
  c("srsltid is not a click id", q("srsltid=AfmBOo"), "https://www.google.com/", "google", "organic", "Organic Search"),
  c("malformed landing URL, google referrer", "not a url", "https://www.google.com/", "google", "organic", "Organic Search"),

  // ---------------------------------------------------------------- Referral
  c("unknown blog", PAGE, "https://blog.example.com/post", "blog.example.com", "referral", "Referral"),
  c("unknown site on www", PAGE, "https://www.example.org/", "example.org", "referral", "Referral"),
  c("unknown site on m.", PAGE, "https://m.example.org/", "example.org", "referral", "Referral"),
  c("lookalike google host is not google", PAGE, "https://google.evil.example/", "google.evil.example", "referral", "Referral"),
  c("google.* needs a real TLD position", PAGE, "https://google.com.evil.example/", "google.com.evil.example", "referral", "Referral"),
  c("AI assistant", PAGE, "https://chatgpt.com/", "chatgpt.com", "referral", "Referral"),
  c("sibling subdomain of the store, not listed", PAGE, "https://blog.shop.example/", "blog.shop.example", "referral", "Referral"),
  c("unknown android app", PAGE, "android-app://com.example.reader", "com.example.reader", "referral", "Referral"),
  c("IP address referrer", PAGE, "http://192.168.0.1:8080/admin", "192.168.0.1", "referral", "Referral"),
  c("bare unknown host referrer", PAGE, "example.com/page", "example.com", "referral", "Referral"),
  c("referral UTMs", q("utm_source=partner&utm_medium=referral"), null, "partner", "referral", "Referral"),
  c("link medium", q("utm_source=blog&utm_medium=link"), null, "blog", "link", "Referral"),
  c("app medium", q("utm_source=partner&utm_medium=app"), null, "partner", "app", "Referral"),
  c("'workshop' campaign is not shopping", q("utm_source=partner&utm_medium=referral&utm_campaign=workshop"), null, "partner", "referral", "Referral"),
  c("email source with referral medium: Referral is tested first", q("utm_source=email&utm_medium=referral"), null, "email", "referral", "Referral"),

  // ---------------------------------------------------------------- Email
  c("newsletter email", q("utm_source=newsletter&utm_medium=email"), null, "newsletter", "email", "Email"),
  c("utm_medium=e-mail", q("utm_source=klaviyo&utm_medium=e-mail"), null, "klaviyo", "e-mail", "Email"),
  c("utm_medium=E-Mail mixed case", q("utm_source=Klaviyo&utm_medium=E-Mail"), null, "klaviyo", "e-mail", "Email"),
  c("utm_medium=e_mail", q("utm_source=crm&utm_medium=e_mail"), null, "crm", "e_mail", "Email"),
  c("utm_medium='e mail'", q("utm_source=crm&utm_medium=e%20mail"), null, "crm", "e mail", "Email"),
  c("utm_source=email with an odd medium", q("utm_source=email&utm_medium=blast"), null, "email", "blast", "Email"),
  c("utm_source=email alone", q("utm_source=email"), null, "email", "email", "Email"),
  c("utm_source=newsletter alone", q("utm_source=newsletter"), null, "newsletter", "email", "Email"),
  c("utm_source=Mailchimp alone", q("utm_source=Mailchimp&utm_campaign=Spring"), null, "mailchimp", "email", "Email"),
  c("utm_source=klaviyo alone", q("utm_source=klaviyo"), null, "klaviyo", "email", "Email"),
  c("utm_source=hs_email alone", q("utm_source=hs_email"), null, "hs_email", "email", "Email"),
  c("gmail web", PAGE, "https://mail.google.com/", "gmail", "email", "Email"),
  c("android-app gmail", PAGE, "android-app://com.google.android.gm", "gmail", "email", "Email"),
  c("android-app gmail with trailing slash", PAGE, "android-app://com.google.android.gm/", "gmail", "email", "Email"),
  c("outlook web", PAGE, "https://outlook.live.com/mail/0/", "outlook", "email", "Email"),
  c("android-app outlook", PAGE, "android-app://com.microsoft.office.outlook", "outlook", "email", "Email"),
  c("yahoo mail", PAGE, "https://mail.yahoo.com/d/folders/1", "yahoo-mail", "email", "Email"),
  c("yahoo mail Japan", PAGE, "https://mail.yahoo.co.jp/", "yahoo-mail", "email", "Email"),
  c("seznam email", PAGE, "https://email.seznam.cz/", "seznam-email", "email", "Email"),

  // ---------------------------------------------------------------- Affiliates
  c("affiliate", q("utm_source=awin&utm_medium=affiliate"), null, "awin", "affiliate", "Affiliates"),
  c("AFFILIATE uppercase", q("utm_source=CJ&utm_medium=AFFILIATE"), null, "cj", "affiliate", "Affiliates"),
  c("affiliate medium, source from referrer", q("utm_medium=affiliate"), "https://coupons.example.net/", "coupons.example.net", "affiliate", "Affiliates"),

  // ---------------------------------------------------------------- Audio
  c("audio", q("utm_source=spotify&utm_medium=audio"), null, "spotify", "audio", "Audio"),
  c("Audio mixed case", q("utm_source=podcast&utm_medium=Audio"), null, "podcast", "audio", "Audio"),

  // ---------------------------------------------------------------- SMS
  c("utm_source=sms alone", q("utm_source=sms"), null, "sms", "(not set)", "SMS"),
  c("utm_medium=sms", q("utm_source=twilio&utm_medium=sms"), null, "twilio", "sms", "SMS"),
  c("utm_source=SMS with another medium", q("utm_source=SMS&utm_medium=text"), null, "sms", "text", "SMS"),

  // ---------------------------------------------------------------- Mobile Push Notifications
  c("push", q("utm_source=onesignal&utm_medium=push"), null, "onesignal", "push", "Mobile Push Notifications"),
  c("web-push", q("utm_source=onesignal&utm_medium=web-push"), null, "onesignal", "web-push", "Mobile Push Notifications"),
  c("medium contains mobile", q("utm_source=app&utm_medium=mobile"), null, "app", "mobile", "Mobile Push Notifications"),
  c("medium contains notification", q("utm_source=crm&utm_medium=in-app-notification"), null, "crm", "in-app-notification", "Mobile Push Notifications"),
  c("utm_source=firebase alone", q("utm_source=firebase"), null, "firebase", "(not set)", "Mobile Push Notifications"),
  c("firebase with an odd medium", q("utm_source=firebase&utm_medium=fcm"), null, "firebase", "fcm", "Mobile Push Notifications"),

  // ---------------------------------------------------------------- Unassigned
  c("unknown source alone", q("utm_source=partner"), null, "partner", "(not set)", "Unassigned"),
  c("unknown source and medium", q("utm_source=bar&utm_medium=foo"), null, "bar", "foo", "Unassigned"),
  c("banner_ad is not a display medium", q("utm_source=partner&utm_medium=banner_ad"), null, "partner", "banner_ad", "Unassigned"),
  c("newsletter/newsletter stays Unassigned (GA4)", q("utm_source=newsletter&utm_medium=newsletter"), null, "newsletter", "newsletter", "Unassigned"),
  c("affiliates (plural) is not affiliate", q("utm_source=awin&utm_medium=affiliates"), null, "awin", "affiliates", "Unassigned"),
  c("campaign-only URL, no referrer", q("utm_campaign=spring"), null, "(not set)", "(not set)", "Unassigned"),
  c("empty UTM values are ignored", q("utm_source=&utm_medium=&utm_campaign=x"), null, "(not set)", "(not set)", "Unassigned"),
]

describe("deriveTrafficSource: classification table", () => {
  it("has at least 150 cases and covers every channel", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150)
    const covered = new Set(CASES.map((x) => x.channel))
    expect([...CHANNELS].filter((ch) => !covered.has(ch))).toEqual([])
  })

  it.each(CASES.map((x) => [x.name, x] as const))("%s", (_name, x) => {
    const input: TrafficSourceInput = { url: x.url, referrer: x.referrer }
    if (x.storeHosts) input.storeHosts = x.storeHosts
    const result = deriveTrafficSource(input)
    expect({ source: result.source, medium: result.medium, channel: result.channel, isInternal: result.isInternal }).toEqual({
      source: x.source,
      medium: x.medium,
      channel: x.channel,
      isInternal: x.isInternal ?? false,
    })
  })
})

describe("deriveTrafficSource: fields", () => {
  it("returns campaign/term/content with their case, click ids, landing page and referrer", () => {
    const r = deriveTrafficSource({
      url: "https://shop.example/p/Shirt-Blue?utm_source=Google&utm_medium=CPC&utm_campaign=Black-Friday&utm_term=Blue%20Shirt&utm_content=Ad_A&gclid=XyZ#top",
      referrer: "https://www.google.com/search?q=blue+shirt&client=firefox",
    })
    expect(r).toEqual({
      source: "google",
      medium: "cpc",
      campaign: "Black-Friday",
      term: "Blue Shirt",
      content: "Ad_A",
      clickIds: { gclid: "XyZ" },
      referrer: "https://www.google.com/search",
      referrerDomain: "google.com",
      landingPage: "/p/Shirt-Blue",
      channel: "Paid Search",
      isInternal: false,
    })
  })

  it("keeps the internal referrer but gives it no referrer domain", () => {
    const r = deriveTrafficSource({ url: PAGE, referrer: "https://shop.example/cart?session=secret" })
    expect(r.referrer).toBe("https://shop.example/cart")
    expect(r.referrerDomain).toBeNull()
    expect(r.isInternal).toBe(true)
    expect(r.channel).toBe("Direct")
  })

  it("reports the matched domain for known sites and the stripped host for others", () => {
    expect(deriveTrafficSource({ url: PAGE, referrer: "https://l.facebook.com/l.php?u=x" }).referrerDomain).toBe("facebook.com")
    expect(deriveTrafficSource({ url: PAGE, referrer: "https://www.google.co.uk/" }).referrerDomain).toBe("google.co.uk")
    expect(deriveTrafficSource({ url: PAGE, referrer: "https://www.blog.example.com/" }).referrerDomain).toBe("blog.example.com")
    expect(deriveTrafficSource({ url: PAGE, referrer: "android-app://com.google.android.gm" }).referrerDomain).toBe("com.google.android.gm")
  })

  it("keeps every click id, canonical lower-case, and nulls for missing UTMs", () => {
    const r = deriveTrafficSource({ url: q("ScCid=s1&GCLID=g1&fbclid=f1&unknown_id=u&gad_source=1") })
    expect(r.clickIds).toEqual({ sccid: "s1", gclid: "g1", fbclid: "f1" })
    expect(r.source).toBe("google")
    expect([r.campaign, r.term, r.content]).toEqual([null, null, null])
  })

  it("bounds the length of values", () => {
    const long = "a".repeat(5000)
    const r = deriveTrafficSource({ url: q(`utm_source=${long}&utm_campaign=${long}&gclid=${long}`), referrer: `https://example.com/${long}` })
    expect(r.source.length).toBe(500)
    expect(r.campaign!.length).toBe(500)
    expect(r.clickIds.gclid!.length).toBe(500)
    expect(r.referrer!.length).toBe(2048)
  })

  it("lets ignoredReferrerHosts be replaced or disabled", () => {
    const stripe = "https://checkout.stripe.com/c/pay/cs_1"
    const off = deriveTrafficSource({ url: PAGE, referrer: stripe, ignoredReferrerHosts: [] })
    expect([off.source, off.channel, off.isInternal]).toEqual(["checkout.stripe.com", "Referral", false])
    const custom = deriveTrafficSource({ url: PAGE, referrer: "https://pay.example-psp.com/", ignoredReferrerHosts: ["example-psp.com"] })
    expect([custom.source, custom.channel, custom.isInternal]).toEqual(["(direct)", "Direct", true])
  })

  it("storeHosts without a wildcard does not match other subdomains", () => {
    const r = deriveTrafficSource({ url: PAGE, referrer: "https://blog.example.com/", storeHosts: ["example.com"] })
    expect([r.source, r.isInternal]).toEqual(["blog.example.com", false])
    const www = deriveTrafficSource({ url: PAGE, referrer: "https://www.example.com/", storeHosts: ["example.com"] })
    expect(www.isInternal).toBe(true)
  })

  it.each<[string, unknown]>([
    ["null input", null],
    ["undefined input", undefined],
    ["numbers instead of strings", { url: 42, referrer: 17 }],
    ["objects instead of strings", { url: {}, referrer: [], storeHosts: "shop.example" }],
    ["storeHosts with junk entries", { url: PAGE, referrer: "https://x.example/", storeHosts: [null, 3, "", "*.", "https://"] }],
    ["huge URL", { url: `${PAGE}?${"x".repeat(100_000)}`, referrer: `https://${"a".repeat(100_000)}.com/` }],
    ["control characters", { url: "https://shop.example/\u0000\u0001?utm_source=\u0000", referrer: "https://\u0000/" }],
    ["lone surrogates", { url: q("utm_source=%ED%A0%80&utm_campaign=\uD800"), referrer: "https://\uD800.com/" }],
  ])("never throws: %s", (_name, input) => {
    const r = deriveTrafficSource(input as TrafficSourceInput)
    expect(CHANNELS).toContain(r.channel)
    expect(typeof r.source).toBe("string")
    expect(r.source.length).toBeGreaterThan(0)
    expect(typeof r.medium).toBe("string")
  })
})

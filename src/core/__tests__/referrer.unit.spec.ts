import { parseReferrer, referrerToSource } from "../referrer"
import { lookupHost, lookupSource, sourceCategory } from "../sources"

describe("referrerToSource", () => {
  it.each<[string, string, string, string | null]>([
    ["https://www.google.co.uk/", "google.co.uk", "google", "search"],
    ["https://www.google.com/search?q=x", "google.com", "google", "search"],
    ["https://google.com.mx/", "google.com.mx", "google", "search"],
    ["https://images.google.de/", "google.de", "google", "search"],
    ["https://m.facebook.com/story.php", "facebook.com", "facebook", "social"],
    ["https://l.facebook.com/l.php?u=x", "facebook.com", "facebook", "social"],
    ["https://lm.facebook.com/", "facebook.com", "facebook", "social"],
    ["https://web.facebook.com/", "facebook.com", "facebook", "social"],
    ["https://l.messenger.com/", "messenger.com", "messenger", "social"],
    ["https://t.co/abc", "t.co", "twitter", "social"],
    ["https://lnkd.in/abc", "lnkd.in", "linkedin", "social"],
    ["https://www.youtube.com/", "youtube.com", "youtube", "video"],
    ["https://smile.amazon.co.uk/", "amazon.co.uk", "amazon", "shopping"],
    ["https://mail.google.com/mail/u/0/", "mail.google.com", "gmail", "email"],
    ["https://mail.yahoo.com/", "mail.yahoo.com", "yahoo-mail", "email"],
    ["https://search.yahoo.com/", "yahoo.com", "yahoo", "search"],
    ["android-app://com.google.android.gm", "com.google.android.gm", "gmail", "email"],
    ["android-app://com.google.android.googlequicksearchbox", "com.google.android.googlequicksearchbox", "google", "search"],
    ["android-app://com.google.android.googlequicksearchbox/https/www.google.com", "com.google.android.googlequicksearchbox", "google", "search"],
    ["android-app://com.Slack", "com.slack", "slack", "social"],
    ["android-app://org.example.app", "org.example.app", "org.example.app", null],
    ["ios-app://123456/path", "123456", "123456", null],
    ["https://www.example.com/a?b=c", "example.com", "example.com", null],
    ["https://www2.example.com/", "example.com", "example.com", null],
    ["https://mobile.example.com/", "example.com", "example.com", null],
    ["https://blog.example.com/", "blog.example.com", "blog.example.com", null],
    ["https://m.example/", "m.example", "m.example", null],
    ["google.com", "google.com", "google", "search"],
    ["www.bing.com/search?q=x", "bing.com", "bing", "search"],
  ])("%s → %s / %s / %s", (referrer, domain, source, category) => {
    expect(referrerToSource(referrer)).toEqual({ domain, source, category })
  })

  it.each([null, undefined, "", "  ", "null", "undefined", "about:blank", "(direct)", "chrome://newtab", "javascript:void(0)", "file:///etc/passwd", "mailto:a@b.c", "not a url", "http://", "https://[x/", "localhost"])(
    "returns null for %p",
    (referrer) => {
      expect(referrerToSource(referrer)).toBeNull()
    },
  )

  it("strips query string and fragment from the kept URL", () => {
    expect(parseReferrer("https://www.google.com/search?q=my+email%40example.com#frag")?.url).toBe("https://www.google.com/search")
    expect(parseReferrer("https://Example.com:8080/a/b?x")?.url).toBe("https://example.com:8080/a/b")
  })
})

describe("source lists", () => {
  it("match names, aliases and hosts case-insensitively", () => {
    expect(sourceCategory("Google")).toBe("search")
    expect(sourceCategory("fb")).toBe("social")
    expect(sourceCategory("IG")).toBe("social")
    expect(sourceCategory("yt")).toBe("video")
    expect(sourceCategory("www.amazon.de")).toBe("shopping")
    expect(sourceCategory("newsletter")).toBe("email")
    expect(sourceCategory("partner")).toBeNull()
    expect(sourceCategory("")).toBeNull()
    expect(sourceCategory("face book.com")).toBeNull()
  })

  it("only lets google.* match under a plausible public suffix", () => {
    expect(lookupHost("google.co.uk")?.name).toBe("google")
    expect(lookupHost("google.xn--p1ai")?.name).toBe("google")
    expect(lookupHost("google.example.com")).toBeNull()
    expect(lookupHost("google.co.example")).toBeNull()
    expect(lookupHost("notgoogle.com")).toBeNull()
    expect(lookupHost("com")).toBeNull()
  })

  it("prefers the most specific entry", () => {
    expect(lookupHost("mail.google.com")?.name).toBe("gmail")
    expect(lookupHost("shopping.google.com")?.name).toBe("google-shopping")
    expect(lookupHost("www.google.com")?.name).toBe("google")
    expect(lookupSource("mail.yahoo.co.jp")?.name).toBe("yahoo-mail")
  })
})

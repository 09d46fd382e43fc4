import { createHash } from "crypto"
import vm from "vm"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require("../build.js") as {
  buildSnippet(): Promise<string>
  gzipSize(code: string): number
  snippetSourceModule(code: string): string
  declarations(): Record<string, string>
  GZIP_LIMIT: number
}

describe("the built snippet", () => {
  let code: string
  beforeAll(async () => {
    code = await build.buildSnippet()
  })

  it(`is at most ${build.GZIP_LIMIT} bytes gzipped`, () => {
    const size = build.gzipSize(code)
    expect(size).toBeGreaterThan(1000)
    expect(size).toBeLessThanOrEqual(build.GZIP_LIMIT)
  })

  it("uses no Node API and no syntax newer than ES2017", () => {
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|\bglobalThis\b/)
    expect(code).not.toMatch(/\?\?|\?\.[a-zA-Z_$[(]|catch\{/) // ES2020 ?? and ?., ES2019 optional catch binding
  })

  it("runs in a bare context with no key: warns once, does not throw, installs a no-op API", () => {
    const warnings: string[] = []
    const context: Record<string, unknown> = {
      document: { currentScript: { src: "https://api.store.example/attribution/script.js", getAttribute: () => null } },
      navigator: {},
      URL,
      console: { warn: (message: string) => warnings.push(message) },
    }
    context.window = context
    vm.createContext(context)
    expect(() => vm.runInContext(code, context)).not.toThrow()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^\[revenue-attribution\] .*data-key/)
    const api = context.revenueAttribution as { getVisitorId(): unknown; track(name: string): void }
    expect(api.getVisitorId()).toBeNull()
    expect(() => api.track("x")).not.toThrow()
  })

  it("does not throw even when the page has no document", () => {
    const context: Record<string, unknown> = { console: { warn: () => undefined } }
    context.window = context
    vm.createContext(context)
    expect(() => vm.runInContext(code, context)).not.toThrow()
  })
})

describe("snippet-source.ts", () => {
  it("holds the snippet as a string and its SHA-256", () => {
    const code = '(()=>{console.log("é\\u2028")})();\n'
    const module = build.snippetSourceModule(code)
    const source = /export const SNIPPET_SOURCE = (.*)\n/.exec(module)![1]
    expect(JSON.parse(source)).toBe(code)
    expect(module).toContain(`export const SNIPPET_SHA256 = "${createHash("sha256").update(code).digest("hex")}"`)
  })
})

describe("declarations", () => {
  it("type-check, and each public entry stands alone", () => {
    const files = build.declarations()
    expect(files["index.d.ts"]).toMatch(/export declare function createRevenueAttribution\(options: RevenueAttributionOptions\): RevenueAttribution;/)
    expect(files["index.d.ts"]).toMatch(/attachToCart\(cartId: string\): Promise<boolean>;/)
    expect(files["server.d.ts"]).toMatch(/export declare function getAttributionCartMetadata\(cookies: CookieSource\): AttributionCartMetadata;/)
    for (const text of Object.values(files)) expect(text).not.toMatch(/^\s*import /m)
  })
})

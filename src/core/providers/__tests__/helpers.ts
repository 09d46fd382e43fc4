import { readFileSync } from "fs"
import { join } from "path"

/** Parsed JSON that tests read and mutate freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

/** A fresh, mutable copy of a fixture under `fixtures/` (each call parses the file again). */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"))
}

/** A value that throws on every property access: the parsers must still not throw. */
export const hostile: unknown = new Proxy(
  {},
  {
    get() {
      throw new Error("boom")
    },
    has() {
      throw new Error("boom")
    },
    ownKeys() {
      throw new Error("boom")
    },
    getPrototypeOf() {
      throw new Error("boom")
    },
  },
)

export const VISITOR = "vis_0123456789abcdef"
export const SESSION = "ses_0123456789abcdef"

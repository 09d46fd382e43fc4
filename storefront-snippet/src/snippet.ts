/**
 * The script-tag build (an IIFE): reads its configuration from its own tag's data- attributes
 * and installs `window.revenueAttribution`. Loaded twice, it keeps the first instance.
 */
import { createTracker } from "./tracker"
import type { RevenueAttribution } from "./index"

try {
  const global = window as Window & { revenueAttribution?: RevenueAttribution }
  // Captured now: document.currentScript is null once this first run is over.
  const script = document.currentScript as HTMLScriptElement | null
  const data = (name: string) => (script && script.getAttribute("data-" + name)) || ""
  if (!global.revenueAttribution) {
    global.revenueAttribution = createTracker({
      key: data("key"),
      api: data("api") || (script && script.src ? new URL(script.src).origin : ""),
      timeout: parseFloat(data("session-timeout")),
      dnt: data("respect-dnt") == "true",
      consent: data("consent") == "required",
      auto: data("auto") != "false",
    })
  }
} catch {
  // never break the host page
}

// The collector's own enrichment, which the demo's history route reuses so that past visits are
// classified exactly as live ones (source, channel, device). It ships in the plugin's build
// output without type declarations; these are the parts the route uses.
declare module "medusa-revenue-attribution/lib/collector/enrich" {
  export type Device = { device_type: string; browser: string | null; os: string | null }
  export type IngestEvent = { visitor_id: string; session_id: string; occurred_at: Date }
  export function describeDevice(userAgent: string | undefined): Device
  export function toIngestEvent(event: object, device: Device, storeHosts: string[], now: number): IngestEvent
}

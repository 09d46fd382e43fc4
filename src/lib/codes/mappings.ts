import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export type CodeMappingJson = {
  code: string
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
  created_at: string
  updated_at: string
}

const iso = (d: Date | string) => new Date(d).toISOString()

export function mappingJson(m: Omit<CodeMappingJson, "created_at" | "updated_at"> & { created_at: Date | string; updated_at: Date | string }): CodeMappingJson {
  return {
    code: m.code,
    channel: m.channel,
    source: m.source,
    medium: m.medium,
    campaign: m.campaign,
    created_at: iso(m.created_at),
    updated_at: iso(m.updated_at),
  }
}

/**
 * Every mapping, by code, with how many stored payments (any time, any currency, test ones
 * included) used its code: how many orders a change re-credits.
 */
export async function listCodeMappings(knex: Knex): Promise<(CodeMappingJson & { payments: number })[]> {
  const { rows } = await knex.raw(
    // One pass over the payments that used a code, not one per mapping.
    `select m.code, m.channel, m.source, m.medium, m.campaign, m.created_at, m.updated_at, coalesce(u.n, 0)::int as payments
       from attribution_code_mapping m
       left join (select u.code, count(*) as n from attribution_payment p cross join lateral unnest(p.promotion_codes) as u(code)
                   where p.promotion_codes is not null and p.deleted_at is null group by 1) u on u.code = m.code
      where m.deleted_at is null order by m.code`
  )
  return (rows as (CodeMappingJson & { payments: number })[]).map((r) => ({ ...mappingJson(r), payments: r.payments }))
}

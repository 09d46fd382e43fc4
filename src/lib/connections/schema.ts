import { z } from "@medusajs/framework/zod"

/** Printable ASCII without spaces: every provider's API keys look like this. */
const KEY = /^[\x21-\x7e]+$/

export const ConnectBody = z
  .object({
    api_key: z
      .string({ error: "is required: the provider's API key" })
      .trim()
      .min(10, "is too short to be an API key")
      .max(1000, "must be at most 1000 characters")
      .regex(KEY, "must be the key as the provider shows it, without spaces"),
    store_id: z
      .union([z.string(), z.number()], { error: "must be the LemonSqueezy store id (a number)" })
      .transform((v) => String(v).trim())
      .refine((v) => /^\d{1,20}$/.test(v), "must be the LemonSqueezy store id (a number)")
      .nullish(),
    webhook_url: z
      .string({ error: "is required: the public URL of this store's webhook route" })
      .trim()
      .max(2000, "must be at most 2000 characters")
      .url("must be a full URL, e.g. https://shop.example/attribution/webhooks/stripe")
      .refine((v) => /^https?:\/\//i.test(v), "must start with https:// (or http://)"),
    register: z.boolean({ error: "must be true or false" }).default(true),
  })
  .strict()

export const BackfillBody = z
  .object({
    days: z
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(730, "must be at most 730")
      .default(90),
    resume: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict()

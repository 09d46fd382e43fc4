/**
 * `medusa exec ./src/scripts/seed-catalogue.ts`: the demo store's catalogue, with Medusa's own
 * workflows as the official starter's seed does: a store in EUR and USD, two regions paid
 * through the system payment provider (`pp_system_default`), a warehouse that ships to both,
 * six products, a publishable key for the storefront, two discount codes (ANNA10, WELCOME5), and an admin user
 * (DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD). Run it again and it changes nothing: each part is
 * skipped when it exists.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCollectionsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import catalogue from "./catalogue.json"

// The same file the demo's seeding reads (demo/lib/seed), so both agree on prices and regions.
const { regions: REGIONS, shipping: SHIPPING, products: CATALOGUE, storefrontKeyTitle: STOREFRONT_KEY_TITLE } = catalogue
type Currency = "eur" | "usd"

export default async function seedCatalogue({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  // Each part checks for itself, so a run that was interrupted is completed by the next one.
  const salesChannelId = await seedStoreAndChannel(container)
  const regions = await seedRegions(container)
  await seedShipping(container, salesChannelId, regions)
  await seedProducts(container, salesChannelId)
  await seedStorefrontKey(container, salesChannelId)
  await seedPromotion(container)
  await seedAdminUser(container)
  logger.info("demo catalogue: ready")
}

type Container = ExecArgs["container"]

async function seedStoreAndChannel(container: Container): Promise<string> {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  let [channel] = await salesChannels.listSalesChannels({ name: "Default Sales Channel" })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    channel = result[0]!
  }
  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store!.id },
      update: {
        name: "Northwind Outfitters",
        supported_currencies: [
          { currency_code: "eur", is_default: true },
          { currency_code: "usd" },
        ],
        default_sales_channel_id: channel.id,
      },
    },
  })
  return channel.id
}

async function seedRegions(container: Container) {
  const regionModule = container.resolve(Modules.REGION)
  const existing = await regionModule.listRegions({ name: { $in: REGIONS.map((r) => r.name) } })
  if (existing.length) {
    return existing
  }
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: REGIONS.map((r) => ({
        name: r.name,
        currency_code: r.currency,
        countries: r.countries,
        payment_providers: ["pp_system_default"],
      })),
    },
  })
  // Tax regions with Medusa's system provider and no rates: prices are what customers pay.
  await createTaxRegionsWorkflow(container).run({
    input: REGIONS.flatMap((r) => r.countries.map((country_code) => ({ country_code, provider_id: "tp_system" }))),
  })
  return regions
}

const WAREHOUSE = "Copenhagen warehouse"

async function seedShipping(container: Container, salesChannelId: string, regions: { id: string; name: string }[]) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  if ((await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: WAREHOUSE })).length) {
    return
  }

  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]!
  }

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: WAREHOUSE, address: { city: "Copenhagen", country_code: "DK", address_1: "Vesterbrogade 1" } }] },
  })
  const location = locations[0]!
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Copenhagen warehouse shipping",
    type: "shipping",
    service_zones: REGIONS.map((r) => ({
      name: r.name,
      geo_zones: r.countries.map((country_code) => ({ country_code, type: "country" as const })),
    })),
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  await createShippingOptionsWorkflow(container).run({
    input: REGIONS.flatMap((r) => {
      const zone = fulfillmentSet.service_zones.find((z) => z.name === r.name)!
      const region = regions.find((g) => g.name === r.name)!
      return SHIPPING.map((option) => ({
        name: option.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: zone.id,
        shipping_profile_id: profile!.id,
        type: { label: option.label, description: option.description, code: option.code },
        prices: [
          { currency_code: r.currency, amount: option.price[r.currency as Currency] },
          { region_id: region.id, amount: option.price[r.currency as Currency] },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
          { attribute: "is_return", value: "false", operator: "eq" as const },
        ],
      }))
    }),
  })

  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannelId] },
  })
}

async function seedProducts(container: Container, salesChannelId: string) {
  const products = container.resolve(Modules.PRODUCT)
  if ((await products.listProducts({ handle: CATALOGUE.map((p) => p.handle) })).length) {
    return
  }
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  const categoryNames = [...new Set(CATALOGUE.map((p) => p.category))]
  const { result: categories } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: categoryNames.map((name) => ({ name, is_active: true })) },
  })
  // Collections too, so the Attribution page's Products view has every grouping to show.
  const collectionNames = [...new Set(CATALOGUE.flatMap((p) => (p.collection ? [p.collection] : [])))]
  const { result: collections } = await createCollectionsWorkflow(container).run({
    input: { collections: collectionNames.map((title) => ({ title })) },
  })
  await createProductsWorkflow(container).run({
    input: {
      products: CATALOGUE.map((p) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: ProductStatus.PUBLISHED,
        category_ids: [categories.find((c) => c.name === p.category)!.id],
        collection_id: collections.find((c) => c.title === p.collection)?.id,
        shipping_profile_id: profile!.id,
        options: [{ title: "Size", values: p.sizes }],
        variants: p.sizes.map((size) => ({
          title: size,
          sku: `${p.handle.toUpperCase()}-${size}`,
          options: { Size: size },
          // The demo sells what it lists: no stock to track.
          manage_inventory: false,
          prices: [
            { currency_code: "eur", amount: p.price.eur },
            { currency_code: "usd", amount: p.price.usd },
          ],
        })),
        sales_channels: [{ id: salesChannelId }],
      })),
    },
  })
}

async function seedStorefrontKey(container: Container, salesChannelId: string) {
  const keys = await container.resolve(Modules.API_KEY).listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
  if (keys.length) {
    return
  }
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: STOREFRONT_KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: result[0]!.id, add: [salesChannelId] },
  })
}

/**
 * Discount codes, percentages off the items, that some demo orders apply through the Store API
 * (demo/lib/seed/codes.js has the same codes): an influencer's ANNA10, which the seeding maps to
 * Affiliates / anna, and a newsletter's WELCOME5, left unmapped.
 */
const DEMO_PROMOTIONS = [
  { code: "ANNA10", percent: 10 },
  { code: "WELCOME5", percent: 5 },
]

async function seedPromotion(container: Container) {
  const codes = DEMO_PROMOTIONS.map((p) => p.code)
  const existing = await container.resolve(Modules.PROMOTION).listPromotions({ code: codes })
  const missing = DEMO_PROMOTIONS.filter((p) => !existing.some((e) => e.code === p.code))
  if (!missing.length) {
    return
  }
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: missing.map((p) => ({
        code: p.code,
        type: "standard" as const,
        status: "active" as const,
        application_method: { type: "percentage" as const, target_type: "order" as const, allocation: "across" as const, value: p.percent },
      })),
    },
  })
}

/** The same records `medusa user -e -p` creates, without a second boot of the app. */
async function seedAdminUser(container: Container) {
  const email = process.env.DEMO_ADMIN_EMAIL
  const password = process.env.DEMO_ADMIN_PASSWORD
  if (!email || !password) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD must be set")
  }
  const users = await container.resolve(Modules.USER).listUsers({ email })
  if (users.length) {
    return
  }
  const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `could not create the admin login: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: result[0]!.id } })
}

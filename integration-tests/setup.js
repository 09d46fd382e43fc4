// Each suite builds its own MikroORM metadata; clear what a previous file left behind.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

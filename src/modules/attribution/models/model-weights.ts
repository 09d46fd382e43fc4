import { model } from "@medusajs/framework/utils"

/**
 * One computation of the `data_driven` model's channel weights (Markov-chain removal effects)
 * over the channel paths of every visitor in a window. The newest row is the one in use.
 * `weights` is `{ "Paid Search": 0.42, ... }`; `paths` and `conversions` say what it rests on.
 */
export const AttributionModelWeights = model
  .define("attribution_model_weights", {
    id: model.id({ prefix: "amw" }).primaryKey(),
    weights: model.json(),
    paths: model.number(),
    conversions: model.number(),
    window_from: model.dateTime(),
    window_to: model.dateTime(),
    computed_at: model.dateTime(),
    duration_ms: model.number(),
  })
  .indexes([{ name: "IDX_attribution_model_weights_computed_at", on: ["computed_at"] }])

// MODEL-ZOO.md bilstm (the post's 3.5): brown part-of-speech tags (105 tags); lower-cased word
// Embedding(64) (train words seen ≥ 2 times, else <unk>) → BiLSTM(64+64) → Linear(128,T); Adam lr 2e-3,
// batch 32 sentences reshuffled each epoch, 2 epochs; test token accuracy ≥ PyTorch's mean − 0.5 points.
// `full`: the site's demo budget. `quick`: 400 steps (about a quarter of an epoch) for cold CI builds (token
// accuracy 80.1 % against 93.65 % at parity: below the most-frequent-tag baseline, 90.3 %: say so on a page).
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "bilstm",
  section: "3.5 bidirectional LSTM",
  data: { set: "brown" },
  architecture: { family: "tagger", embed: 64, hidden: 64, minCount: 2 },
  training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 32, epochs: 2, evalEvery: 1000 },
  full: { epochs: 4 },
  quick: { steps: 400, evalEvery: 400 },
  seed: 0,
  quality: { metric: "token-accuracy", rule: "ge-mean-minus", value: 0.5, seeds: 3 },
};
export default spec;

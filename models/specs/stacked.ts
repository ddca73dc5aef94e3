// MODEL-ZOO.md stacked (the post's 3.6 stacked LSTM): tang, next character; Embedding(V,64) → LSTM(128) → LSTM(128) → Linear(128,V).
// 32 windows of 65 characters at uniform offsets per step (64 inputs, 64 targets), Adam lr 2e-3,
// 600 steps, gradient-norm clip 1.0; validation bits per character ≤ PyTorch's mean × 1.02.
// `full`: the site's demo budget (same architecture, 10× the steps). `quick`: 150 steps for cold CI
// builds (bpc 9.37 against 8.61 at parity).
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "stacked",
  section: "3.6 stacked LSTM",
  data: { set: "tang" },
  architecture: { family: "char-rnn", cell: "lstm", embed: 64, hidden: 128, layers: 2 },
  training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 32, steps: 600, clip: 1.0, window: 65, evalEvery: 100 },
  full: { steps: 6000, evalEvery: 500 },
  quick: { steps: 150, evalEvery: 150 },
  seed: 0,
  quality: { metric: "bpc", rule: "le-mean-times", value: 1.02, seeds: 3 },
};
export default spec;

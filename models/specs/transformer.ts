// MODEL-ZOO.md transformer (the post's 5): tang, next character; decoder-only, token + learned
// position embeddings (d 128, context 64, N(0,1)), 2 pre-LayerNorm blocks of causal 4-head
// self-attention and a 512-wide GELU MLP, no dropout, final LayerNorm, Linear(128,V). As the RNNs but
// Adam lr 1e-3; validation bits per character ≤ PyTorch's mean × 1.02. `full`: the site's demo budget.
// `quick`: 150 steps for cold CI builds (bpc 9.14 against 8.29 at parity).
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "transformer",
  section: "5 Transformer",
  data: { set: "tang" },
  architecture: { family: "transformer-lm", d: 128, heads: 4, blocks: 2, ff: 512, context: 64 },
  training: { optimizer: { type: "adam", lr: 1e-3 }, loss: "cross-entropy", batch: 32, steps: 600, clip: 1.0, window: 65, evalEvery: 100 },
  full: { steps: 6000, evalEvery: 500 },
  quick: { steps: 150, evalEvery: 150 },
  seed: 0,
  quality: { metric: "bpc", rule: "le-mean-times", value: 1.02, seeds: 3 },
};
export default spec;

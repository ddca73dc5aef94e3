// The model zoo's contract. A spec (models/specs/<id>.ts) is data only: what MODEL-ZOO.md says of a model.
// A family (models/families/<name>.ts) turns a spec's architecture into a core Module and knows how to
// draw a batch, compute the loss, evaluate and export it; the trainer (models/train/) runs any family
// the same way: seeded, logged, cached, stopped on NaN.
import type { Module, Tensor, Generator } from "../core/src/index.ts";

export type DataSetId = "mnist" | "iris" | "brown" | "tang" | "tang-song" | "numerals" | "linear-toy";

export type LayerSpec =
  | { type: "linear"; in: number; out: number; bias?: boolean }
  | { type: "conv2d"; in: number; out: number; kernel: number; padding?: number; stride?: number }
  | { type: "maxpool2d"; kernel: number; stride?: number }
  | { type: "relu" | "tanh" | "sigmoid" | "gelu" | "flatten" };

export type ArchitectureSpec =
  /** A stack of layers (linear, softmax regression, mlp, cnn); input shape per example, e.g. [784] or [1,28,28]. */
  | {
      family: "sequential";
      input: number[];
      layers: LayerSpec[];
      /**
       * Where the initial weights' random numbers come from (same distributions either way, PyTorch's
       * defaults): "core" (default) the core's Generator(seed); "torch" PyTorch's CPU stream for
       * torch.manual_seed(seed) (MT19937), so the model starts from exactly the reference's weights.
       */
      init?: "core" | "torch";
    }
  /** step(w·x+b) trained by the perceptron rule. */
  | { family: "perceptron"; features: number }
  /** Character language model: Embedding → recurrent cells → Linear(vocab). */
  | { family: "char-rnn"; cell: "rnn" | "lstm" | "gru"; embed: number; hidden: number; layers: number }
  /** Decoder-only transformer LM (pre-LayerNorm blocks, causal multi-head attention, GELU MLP). */
  | { family: "transformer-lm"; d: number; heads: number; blocks: number; ff: number; context: number }
  /** Sequence classifier: Embedding → LSTM → last state → Linear(classes). */
  | { family: "seq-classifier"; embed: number; hidden: number; classes: number; maxLength: number }
  /** Tagger: Embedding → BiLSTM → Linear(tags). */
  | { family: "tagger"; embed: number; hidden: number; minCount: number }
  /** Encoder-decoder with additive (Bahdanau) attention. */
  | { family: "seq2seq"; cell: "gru" | "lstm"; embed: number; hidden: number; maxIn: number; maxOut: number }
  /** One image in, a sequence out: Linear(784, hidden) → tanh → the initial state of a GRU/RNN letter decoder. */
  | { family: "spell"; cell: "gru" | "rnn"; embed: number; hidden: number; maxOut: number };

export interface OptimizerSpec {
  type: "adam" | "sgd" | "perceptron";
  lr: number;
  betas?: [number, number];
  eps?: number;
  momentum?: number;
  weightDecay?: number;
}

export interface TrainingSpec {
  optimizer: OptimizerSpec;
  loss: "cross-entropy" | "mse" | "perceptron";
  /** Examples (or windows, or sentences) per step; absent = full batch. */
  batch?: number;
  /** Either epochs over the train split or a fixed number of steps. */
  epochs?: number;
  steps?: number;
  /** Global gradient-norm clip. */
  clip?: number;
  /** Characters per training window (text models: 64 inputs + 64 targets). */
  window?: number;
  /** Evaluate on the validation split every N steps (for the training log). */
  evalEvery?: number;
  /** Training stops early when the family says so (perceptron: no train error). */
  untilConverged?: boolean;
}

export interface QualityBar {
  metric: "test-mse" | "accuracy" | "balanced-accuracy" | "token-accuracy" | "bpc" | "exact-match";
  /** How the bar is stated in MODEL-ZOO.md, e.g. "≥ PyTorch mean − 0.5 points". */
  rule: "median-le-2x" | "eq-100" | "ge-sklearn" | "ge-mean-minus" | "le-mean-times" | "ge-absolute";
  /** Points, factor or absolute value, depending on the rule. */
  value?: number;
  /** Seeds the bar is measured over (seed, seed+1, …), as the reference (linear: 20; default 1). */
  seeds?: number;
}

export interface ModelSpec {
  /** As in MODEL-ZOO.md: linear, perceptron, softmax, mlp, cnn, rnn, lstm, stacked, transformer, classify, bilstm, seq2seq. */
  id: string;
  /** The reference post's section, e.g. "3.4 LSTM". */
  section: string;
  data: { set: DataSetId; options?: Record<string, number | string | boolean> };
  architecture: ArchitectureSpec;
  /** The parity budget (MODEL-ZOO.md). */
  training: TrainingSpec;
  /** A longer budget for the site's demos, same architecture (issue 4: `full`). */
  full?: Partial<TrainingSpec>;
  /**
   * A shorter budget, same architecture, for builds that must train cold in CI time (`quick`): chosen
   * so the demo still works (the seq2seq still converts numerals, the LMs emit plausible characters),
   * never presented as the parity figures. Absent: `quick` trains the parity budget.
   */
  quick?: Partial<TrainingSpec>;
  seed: number;
  quality: QualityBar;
}

/** One entry of the training log, written as JSON for the pages' plots. */
export interface LogEntry {
  step: number;
  loss?: number;
  /** Validation metrics at this step (only on evaluation steps). */
  metrics?: Record<string, number>;
}

/** What a family provides to the trainer for one spec. Batches and data are the family's business. */
export interface Family<Data = unknown, Batch = unknown> {
  /** Loads/derives the data this spec needs (from models/data loaders). */
  data(spec: ModelSpec): Promise<Data> | Data;
  /** Builds the module with core's default initialisations, from the seeded generator. */
  build(spec: ModelSpec, data: Data, rng: Generator): Module;
  /** Number of steps for the budget (epochs × batches, or steps). */
  totalSteps(spec: ModelSpec, training: TrainingSpec, data: Data): number;
  /** The batch for one step (reshuffling per epoch is the family's job, from `rng`). */
  batch(step: number, data: Data, training: TrainingSpec, rng: Generator): Batch;
  /** Scalar loss for a batch (inside the trainer's tidy scope). */
  loss(model: Module, batch: Batch, spec: ModelSpec): Tensor;
  /** Test/validation metrics under noGrad; must include `spec.quality.metric`. */
  evaluate(model: Module, data: Data, spec: ModelSpec): Record<string, number>;
  /**
   * Optional: a family that learns without gradients (the perceptron rule) does the whole update for
   * a batch itself and returns the step's loss (e.g. the number of mistakes); the trainer then makes
   * no optimiser, no backward pass and no clipping. Absent: loss → backward → clip → optimiser step.
   */
  update?(model: Module, batch: Batch, spec: ModelSpec, step: number): number;
  /** Optional: with `training.untilConverged`, the trainer stops after a step for which this is true. */
  converged?(model: Module, data: Data, spec: ModelSpec, lastLoss: number): boolean;
  /** Optional: examples in a batch, for the examples-per-second figure (default: training.batch). */
  batchSize?(batch: Batch): number;
}

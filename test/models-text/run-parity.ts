// Parity run of one text model outside the trainer:
//   nice npx tsx test/models-text/run-parity.ts <id> [--budget quick|parity|full] [--steps n | --epochs n] [--seed n]
// The spec is models/specs/<id>.ts at the budget asked for (default parity); --steps/--epochs override
// the budget's length (measurements only: a figure from an override is not the spec's).
// A plain loop (seeded generator, Adam, clip) over the family, printing the loss and the final metrics
// with seconds. The build's own runs go through models/train; this is for measuring the families alone.
import { Adam, Generator, clipGradNorm, tidy } from "../../core/src/index.ts";
import type { Family, ModelSpec } from "../../models/types.ts";
import { charRnnFamily } from "../../models/families/char-rnn.ts";
import { transformerLmFamily } from "../../models/families/transformer-lm.ts";
import { seqClassifierFamily } from "../../models/families/seq-classifier.ts";
import { taggerFamily } from "../../models/families/tagger.ts";
import { seq2seqFamily } from "../../models/families/seq2seq.ts";
import { budgetTraining, isBudget } from "../../models/train/trainer.ts";
import { TEXT_SPECS } from "./specs.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the families have different data and batch types
const families: Record<string, Family<any, any>> = {
  "char-rnn": charRnnFamily,
  "transformer-lm": transformerLmFamily,
  "seq-classifier": seqClassifierFamily,
  tagger: taggerFamily,
  seq2seq: seq2seqFamily,
};

export async function runSpec(spec: ModelSpec, log = true): Promise<{ metrics: Record<string, number>; seconds: number; losses: number[] }> {
  const fam = families[spec.architecture.family];
  const t0 = Date.now();
  const data = await fam.data(spec);
  const tData = (Date.now() - t0) / 1000;
  const rng = new Generator(spec.seed);
  const model = fam.build(spec, data, rng);
  const batchRng = new Generator(1000 + spec.seed);
  const opt = new Adam(model.parameters(), { lr: spec.training.optimizer.lr });
  const total = fam.totalSteps(spec, spec.training, data);
  const losses: number[] = [];
  const t1 = Date.now();
  for (let s = 0; s < total; s++) {
    const batch = fam.batch(s, data, spec.training, batchRng);
    const loss = tidy(() => {
      model.zeroGrad();
      const l = fam.loss(model, batch, spec);
      l.backward();
      return l.item();
    });
    if (spec.training.clip) clipGradNorm(model.parameters(), spec.training.clip);
    opt.step();
    losses.push(loss);
    if (log && (s % 50 === 0 || s === total - 1)) console.log(`${spec.id} step ${s + 1}/${total} loss ${loss.toFixed(4)} ${((Date.now() - t1) / 1000).toFixed(1)}s`);
  }
  const tTrain = (Date.now() - t1) / 1000;
  const t2 = Date.now();
  const metrics = fam.evaluate(model, data, spec);
  const tEval = (Date.now() - t2) / 1000;
  if (log) console.log(JSON.stringify({ id: spec.id, metrics, dataSeconds: tData, trainSeconds: tTrain, evalSeconds: tEval }));
  return { metrics, seconds: tTrain, losses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [id, ...rest] = process.argv.slice(2);
  const spec = TEXT_SPECS[id];
  if (!spec) throw new Error(`unknown id ${id}; one of ${Object.keys(TEXT_SPECS).join(", ")}`);
  const opt = (name: string): string | undefined => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const budget = opt("budget") ?? "parity";
  if (!isBudget(budget)) throw new Error(`--budget: expected quick, parity or full, got ${budget}`);
  const training = { ...budgetTraining(spec, budget) };
  const steps = opt("steps");
  const epochs = opt("epochs");
  if (steps !== undefined) Object.assign(training, { steps: Number(steps), epochs: undefined });
  if (epochs !== undefined) Object.assign(training, { epochs: Number(epochs), steps: undefined });
  const seed = opt("seed");
  await runSpec({ ...spec, seed: seed !== undefined ? Number(seed) : spec.seed, training });
}

// A tiny training loop for the families' tests (the build's loop is models/train's).
import { Adam, Generator, clipGradNorm, tidy, type Module } from "../../core/src/index.ts";
import type { Family, ModelSpec } from "../../models/types.ts";

export function trainFor<D, B>(fam: Family<D, B>, spec: ModelSpec, data: D, steps: number): { model: Module; losses: number[] } {
  const model = fam.build(spec, data, new Generator(spec.seed));
  const rng = new Generator(1000 + spec.seed);
  const opt = new Adam(model.parameters(), { lr: spec.training.optimizer.lr });
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const batch = fam.batch(s, data, spec.training, rng);
    losses.push(
      tidy(() => {
        model.zeroGrad();
        const l = fam.loss(model, batch, spec);
        l.backward();
        return l.item();
      }),
    );
    if (spec.training.clip) clipGradNorm(model.parameters(), spec.training.clip);
    opt.step();
  }
  return { model, losses };
}

/** Mean of the first and last k losses. */
export function ends(losses: number[], k = 5): [number, number] {
  const m = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  return [m(losses.slice(0, k)), m(losses.slice(-k))];
}

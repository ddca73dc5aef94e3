// Module base: named parameters and sub-modules (registration order = PyTorch's naming order),
// train/eval mode, zeroGrad, stateDict/loadStateDict with dotted PyTorch-style names.
import { formatShape, type Tensor } from "../tensor.ts";
import { kernels } from "../backend.ts";

/** A serialisable snapshot: name → shape and a copy of the data (insertion-ordered). */
export type StateDict = Record<string, { shape: number[]; data: Float32Array }>;

export abstract class Module {
  training = true;
  private readonly _params = new Map<string, Tensor>();
  private readonly _modules = new Map<string, Module>();

  /** Register a trainable tensor (sets requiresGrad, exempts it from tidy). */
  protected registerParameter(name: string, t: Tensor): Tensor {
    t.requiresGrad = true;
    t.keep();
    this._params.set(name, t);
    return t;
  }

  protected registerModule<M extends Module>(name: string, m: M): M {
    this._modules.set(name, m);
    return m;
  }

  /** [name, parameter] pairs, recursively, with dotted prefixes. */
  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [n, p] of this._params) out.push([prefix + n, p]);
    for (const [n, m] of this._modules) out.push(...m.namedParameters(`${prefix}${n}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  namedChildren(): [string, Module][] {
    return [...this._modules];
  }

  numParameters(): number {
    let n = 0;
    for (const p of this.parameters()) n += p.size;
    return n;
  }

  train(mode = true): this {
    this.training = mode;
    for (const m of this._modules.values()) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Zero every parameter's gradient in place (keeps the buffers, so steady-state steps allocate nothing). */
  zeroGrad(): void {
    const K = kernels();
    for (const p of this.parameters()) if (p.grad) K.fill(p.grad.ptr, p.grad.size, 0);
  }

  stateDict(): StateDict {
    const sd: StateDict = {};
    for (const [n, p] of this.namedParameters()) sd[n] = { shape: p.shape.slice(), data: p.toFloat32Array() };
    return sd;
  }

  /** Copy values in; with strict (default) missing or unexpected keys are errors. Shapes must match. */
  loadStateDict(sd: StateDict | Record<string, { shape: readonly number[]; data: ArrayLike<number> }>, strict = true): void {
    const named = this.namedParameters();
    const mine = new Set(named.map(([n]) => n));
    if (strict) {
      const missing = named.filter(([n]) => !(n in sd)).map(([n]) => n);
      const unexpected = Object.keys(sd).filter((k) => !mine.has(k));
      if (missing.length || unexpected.length) {
        throw new Error(`loadStateDict: missing keys [${missing.join(", ")}], unexpected keys [${unexpected.join(", ")}]`);
      }
    }
    for (const [n, p] of named) {
      const e = sd[n];
      if (!e) continue;
      const same = e.shape.length === p.ndim && e.shape.every((d, i) => d === p.shape[i]);
      if (!same || e.data.length !== p.size) {
        throw new Error(`loadStateDict: ${n} has shape ${formatShape(e.shape)} in the state dict but ${formatShape(p.shape)} in the model`);
      }
      p.copyFrom(e.data);
    }
  }

  /** Release every parameter (and its gradient). */
  free(): void {
    for (const p of this.parameters()) p.free();
  }
}

/** A module mapping one tensor to one tensor (what Sequential chains). */
export interface Layer {
  forward(x: Tensor): Tensor;
}

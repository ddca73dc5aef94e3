// Reverse-mode automatic differentiation: graph nodes, grad mode, and the backward pass.
import type { Tensor } from "./tensor.ts";
import { kernels } from "./backend.ts";

/**
 * A gradient that is zero except for one narrow()-ed region: `g` belongs at [start, start + len)
 * along `dim` of the input. The engine adds it into the input's gradient in place instead of
 * materialising a zero-filled tensor per use (this keeps per-time-step slicing O(slice)).
 */
export class RegionGrad {
  constructor(
    readonly g: Tensor,
    readonly dim: number,
    readonly start: number,
  ) {}
}

export type GradOut = Tensor | RegionGrad | null;

/** A recorded op: its inputs and a function mapping the output's gradient to the inputs' gradients. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradients for each input (null where the input needs none), each with that input's shape. */
  backward(g: Tensor): GradOut[];
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Run fn without recording operations for autograd (like torch.no_grad). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Attach a grad node to `out` if grad mode is on and any input requires grad. Returns out. */
export function attach(out: Tensor, op: string, inputs: readonly Tensor[], backward: (g: Tensor) => GradOut[]): Tensor {
  if (!gradEnabled) return out;
  let any = false;
  for (const t of inputs) if (t.requiresGrad) any = true;
  if (!any) return out;
  out.requiresGrad = true;
  out.node = { op, inputs, backward };
  return out;
}

// Lazy import to avoid a module cycle at evaluation time.
type Hooks = {
  ones: (shape: readonly number[]) => Tensor;
  add: (a: Tensor, b: Tensor) => Tensor;
  contiguousCopy: (t: Tensor) => Tensor;
  zeros: (shape: readonly number[]) => Tensor;
  /** full[region] += g, full contiguous. */
  addIntoRegion: (full: Tensor, dim: number, start: number, g: Tensor) => void;
};
let hooks: Hooks | null = null;
export function setAutogradHooks(h: Hooks): void {
  hooks = h;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;

/** Backpropagate from `root`; leaf tensors with requiresGrad accumulate into `.grad`. */
export function runBackward(root: Tensor, grad?: Tensor): void {
  const h = hooks!;
  root.assertLive("backward");
  if (!root.requiresGrad) throw new Error("backward: the tensor does not require grad (no input of its graph has requiresGrad)");
  if (grad === undefined && root.size !== 1) {
    throw new Error(`backward: called on a non-scalar tensor of shape ${fmt(root.shape)} without a gradient; pass a gradient of the same shape`);
  }
  if (grad !== undefined && !sameShape(grad.shape, root.shape)) {
    throw new Error(`backward: gradient shape ${fmt(grad.shape)} does not match tensor shape ${fmt(root.shape)}`);
  }
  // Topological order (post-order DFS, iterative).
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top[0].node;
    if (node && top[1] < node.inputs.length) {
      const child = node.inputs[top[1]++];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(top[0]);
    }
  }
  const grads = new Map<Tensor, Tensor>();
  const userGrad = grad;
  grads.set(root, grad ?? h.ones(root.shape));
  const K = kernels();

  const accumulate = (input: Tensor, r: Tensor) => {
    const existing = grads.get(input);
    if (!existing) {
      grads.set(input, r);
      return;
    }
    if (existing.storage!.refs === 1 && existing.isContiguous() && r.isContiguous() && existing !== userGrad) {
      K.axpy(r.size, 1, r.ptr, existing.ptr);
      r.free();
    } else {
      const s = h.add(existing, r);
      if (existing !== userGrad) existing.free();
      r.free();
      grads.set(input, s);
    }
  };

  const accumulateRegion = (input: Tensor, r: RegionGrad) => {
    let full = grads.get(input);
    if (!full || full.storage!.refs !== 1 || !full.isContiguous() || full === userGrad) {
      const fresh = full ? h.contiguousCopy(full) : h.zeros(input.shape);
      if (full && full !== userGrad) full.free();
      full = fresh;
      grads.set(input, full);
    }
    h.addIntoRegion(full, r.dim, r.start, r.g);
  };

  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const g = grads.get(t);
    if (!g) continue;
    grads.delete(t);
    if (t.node) {
      const node = t.node;
      const prev = gradEnabled;
      gradEnabled = false;
      let rs: GradOut[];
      try {
        rs = node.backward(g);
      } finally {
        gradEnabled = prev;
      }
      const seen = new Set<Tensor>();
      for (let j = 0; j < node.inputs.length; j++) {
        const input = node.inputs[j];
        const out = rs[j];
        if (out instanceof RegionGrad) {
          if (input.requiresGrad) accumulateRegion(input, out);
          if (out.g !== g && !rs.some((o, k) => k > j && (o === out.g || (o instanceof RegionGrad && o.g === out.g)))) out.g.free();
          continue;
        }
        let r = out;
        if (!r || !input.requiresGrad) {
          if (r && r !== g && !seen.has(r) && !rs.slice(j + 1).includes(r)) r.free();
          continue;
        }
        if (!sameShape(r.shape, input.shape)) {
          throw new Error(`internal: ${node.op} backward produced gradient ${fmt(r.shape)} for input ${fmt(input.shape)}`);
        }
        // Every map entry owns its own handle (views share storage by refcount).
        if (r === g || seen.has(r)) r = r.view();
        seen.add(r);
        accumulate(input, r);
      }
    } else if (t.requiresGrad) {
      if (t.grad === null) {
        const c = h.contiguousCopy(g);
        c.keep();
        t.grad = c;
      } else {
        const gc = g.isContiguous() ? g : h.contiguousCopy(g);
        K.axpy(gc.size, 1, gc.ptr, t.grad.ptr);
        if (gc !== g) gc.free();
      }
    }
    if (g !== userGrad) g.free();
  }
}

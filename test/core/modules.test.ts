// Whole-module checks on tiny sizes against independent float64 implementations written here:
// RNN, LSTM (two layers, both directions), GRU, causal attention and LayerNorm, forward and
// backward (gradients against central differences of the float64 implementation). Also default
// initialisations and PyTorch-style state dict names.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as T from "../../core/src/index.ts";
import * as R from "./ref.ts";

type Params = Record<string, R.Nd>;

function paramsOf(m: T.Module): { names: string[]; nds: R.Nd[] } {
  const named = m.namedParameters();
  return { names: named.map(([n]) => n), nds: named.map(([, p]) => R.fromCore(p)) };
}

/** Run the module check: forward outputs (flattened together) and all gradients. */
function checkModule(
  name: string,
  m: T.Module,
  x: R.Nd,
  coreFwd: (x: T.Tensor) => T.Tensor[],
  refFwd: (x: R.Nd, p: Params) => R.Nd[],
  tol: { fwd: [number, number]; grad: [number, number] } = { fwd: [1e-5, 1e-4], grad: [2e-3, 2e-3] },
): void {
  const { names, nds } = paramsOf(m);
  const flatRef = (xs: R.Nd[]) => {
    const p: Params = {};
    names.forEach((n, i) => (p[n] = xs[i + 1]));
    const outs = refFwd(xs[0], p);
    const total = outs.reduce((s, o) => s + o.size, 0);
    const d = new Float64Array(total);
    let at = 0;
    for (const o of outs) {
      d.set(o.data, at);
      at += o.size;
    }
    return new R.Nd(d, [total]);
  };
  T.tidy(() => {
    const xt = R.toCore(x, true);
    const outs = coreFwd(xt);
    const refOuts = refFwd(x, Object.fromEntries(names.map((n, i) => [n, nds[i]])));
    outs.forEach((o, i) => R.close(o, refOuts[i], tol.fwd[0], tol.fwd[1], `${name} forward output ${i}`));
    const r = R.rng(99);
    const ws = refOuts.map((o) => R.randNd(r, o.shape.slice()));
    let loss = outs[0].mul(R.toCore(ws[0])).sum();
    for (let i = 1; i < outs.length; i++) loss = loss.add(outs[i].mul(R.toCore(ws[i])).sum());
    m.zeroGrad();
    loss.backward();
    const wflat = new R.Nd(Float64Array.from(ws.flatMap((w) => Array.from(w.data))), [ws.reduce((s, w) => s + w.size, 0)]);
    const num = R.numericGrads(flatRef, [x.clone(), ...nds.map((n) => n.clone())], wflat);
    R.close(xt.grad!, num[0], tol.grad[0], tol.grad[1], `${name} grad of input`);
    m.namedParameters().forEach(([n, p], i) => {
      assert.ok(p.grad, `${name}: ${n} has no gradient`);
      R.close(p.grad!, num[i + 1], tol.grad[0], tol.grad[1], `${name} grad of ${n}`);
    });
  });
}

// ---- float64 recurrent reference ----
type Kind = "rnn" | "lstm" | "gru";
function recurrentRef(kind: Kind, x: R.Nd, p: Params, L: number, D: number, H: number): R.Nd[] {
  const [Tn, B] = x.shape;
  let inp: number[][][] = []; // [T][B][in]
  for (let t = 0; t < Tn; t++) {
    inp.push([]);
    for (let b = 0; b < B; b++) inp[t].push(Array.from({ length: x.shape[2] }, (_, k) => R.at(x, [t, b, k])));
  }
  const hN: number[][][] = [];
  const cN: number[][][] = [];
  const sig = R.sigmoid;
  const mv = (w: R.Nd, v: number[], row: number) => {
    let s = 0;
    const cols = w.shape[1];
    for (let k = 0; k < cols; k++) s += w.data[row * cols + k] * v[k];
    return s;
  };
  for (let l = 0; l < L; l++) {
    const out: number[][][] = Array.from({ length: Tn }, () => Array.from({ length: B }, () => new Array<number>(D * H).fill(0)));
    for (let d = 0; d < D; d++) {
      const sfx = `_l${l}${d ? "_reverse" : ""}`;
      const wih = p[`weight_ih${sfx}`];
      const whh = p[`weight_hh${sfx}`];
      const bih = p[`bias_ih${sfx}`];
      const bhh = p[`bias_hh${sfx}`];
      const hs: number[][] = Array.from({ length: B }, () => new Array<number>(H).fill(0));
      const cs: number[][] = Array.from({ length: B }, () => new Array<number>(H).fill(0));
      for (let s = 0; s < Tn; s++) {
        const t = d ? Tn - 1 - s : s;
        for (let b = 0; b < B; b++) {
          const G = kind === "lstm" ? 4 : kind === "gru" ? 3 : 1;
          const gi = Array.from({ length: G * H }, (_, j) => mv(wih, inp[t][b], j) + bih.data[j]);
          const gh = Array.from({ length: G * H }, (_, j) => mv(whh, hs[b], j) + bhh.data[j]);
          const hNew = new Array<number>(H);
          for (let j = 0; j < H; j++) {
            if (kind === "rnn") hNew[j] = Math.tanh(gi[j] + gh[j]);
            else if (kind === "lstm") {
              const ig = sig(gi[j] + gh[j]);
              const fg = sig(gi[H + j] + gh[H + j]);
              const gg = Math.tanh(gi[2 * H + j] + gh[2 * H + j]);
              const og = sig(gi[3 * H + j] + gh[3 * H + j]);
              cs[b][j] = fg * cs[b][j] + ig * gg;
              hNew[j] = og * Math.tanh(cs[b][j]);
            } else {
              const rg = sig(gi[j] + gh[j]);
              const zg = sig(gi[H + j] + gh[H + j]);
              const ng = Math.tanh(gi[2 * H + j] + rg * gh[2 * H + j]);
              hNew[j] = (1 - zg) * ng + zg * hs[b][j];
            }
          }
          hs[b] = hNew;
          for (let j = 0; j < H; j++) out[t][b][d * H + j] = hNew[j];
        }
      }
      hN.push(hs.map((r) => r.slice()));
      cN.push(cs.map((r) => r.slice()));
    }
    inp = out;
  }
  const output = new R.Nd(Float64Array.from(inp.flat(2)), [Tn, B, D * H]);
  const res = [output, new R.Nd(Float64Array.from(hN.flat(2)), [L * D, B, H])];
  if (kind === "lstm") res.push(new R.Nd(Float64Array.from(cN.flat(2)), [L * D, B, H]));
  return res;
}

test("RNN (tanh, 2 layers) forward and backward vs float64", () => {
  const gen = new T.Generator(11);
  const m = new T.RNN(3, 4, { numLayers: 2, generator: gen });
  const x = R.randNd(R.rng(1), [5, 2, 3]);
  checkModule("RNN", m, x, (xt) => m.forward(xt), (xr, p) => recurrentRef("rnn", xr, p, 2, 1, 4));
  m.free();
});

test("LSTM (2 layers, bidirectional) forward and backward vs float64", () => {
  const gen = new T.Generator(12);
  const m = new T.LSTM(3, 3, { numLayers: 2, bidirectional: true, generator: gen });
  const x = R.randNd(R.rng(2), [4, 2, 3]);
  checkModule("LSTM", m, x, (xt) => {
    const [o, [h, c]] = m.forward(xt);
    return [o, h, c];
  }, (xr, p) => recurrentRef("lstm", xr, p, 2, 2, 3));
  m.free();
});

test("LSTM unidirectional, batchFirst, with initial state", () => {
  const gen = new T.Generator(13);
  const m = new T.LSTM(2, 3, { batchFirst: true, generator: gen });
  T.tidy(() => {
    const x = T.randn([2, 4, 2]);
    const h0 = T.zeros([1, 2, 3]);
    const c0 = T.zeros([1, 2, 3]);
    const [o1] = m.forward(x, [h0, c0]);
    const [o2] = m.forward(x.transpose(0, 1).contiguous().transpose(0, 1));
    assert.equal(o1.shape, [2, 4, 3]);
    R.close(o1, R.fromCore(o2), 1e-6, 1e-6, "zero initial state = default");
    const { nds, names } = paramsOf(m);
    const p = Object.fromEntries(names.map((n, i) => [n, nds[i]]));
    const xr = R.permute(R.fromCore(x), [1, 0, 2]);
    R.close(o1, R.permute(recurrentRef("lstm", xr, p, 1, 1, 3)[0], [1, 0, 2]), 1e-5, 1e-4, "batchFirst output");
  });
  m.free();
});

test("fused LSTM sequence op = per-step composed LSTM, incl. gradients of h0 and c0, batchFirst, 2 layers", () => {
  const gen = new T.Generator(21);
  const m = new T.LSTM(3, 5, { numLayers: 2, bidirectional: true, batchFirst: true, generator: gen });
  const run = (unfused: boolean) => T.tidy(() => {
    m.unfused = unfused;
    m.zeroGrad();
    T.manualSeed(8);
    const x = T.randn([2, 6, 3], { requiresGrad: true });
    const h0 = T.randn([4, 2, 5], { requiresGrad: true });
    const c0 = T.randn([4, 2, 5], { requiresGrad: true });
    const [o, [h, c]] = m.forward(x, [h0, c0]);
    const w = T.randn(o.shape);
    o.mul(w).sum().add(h.mul(h).sum()).add(c.sum()).backward();
    return [o, h, c, x.grad!, h0.grad!, c0.grad!, ...m.parameters().map((p) => p.grad!)].map((t) => R.fromCore(t));
  });
  const a = run(false);
  const b = run(true);
  m.unfused = false;
  a.forEach((v, i) => R.close(v, b[i], 1e-5, 1e-4, `fused vs composed #${i}`));
  m.free();
});

test("fused RNN sequence op = per-step composed RNN (tanh and relu, bidirectional, with h0 gradients)", () => {
  for (const nonlinearity of ["tanh", "relu"] as const) {
    const m = new T.RNN(3, 4, { numLayers: 2, bidirectional: true, nonlinearity, generator: new T.Generator(22) });
    const run = (unfused: boolean) => T.tidy(() => {
      m.unfused = unfused;
      m.zeroGrad();
      T.manualSeed(9);
      const x = T.randn([5, 2, 3], { requiresGrad: true });
      const h0 = T.randn([4, 2, 4], { requiresGrad: true });
      const [o, h] = m.forward(x, h0);
      o.mul(T.randn(o.shape)).sum().add(h.mul(h).sum()).backward();
      return [o, h, x.grad!, h0.grad!, ...m.parameters().map((p) => p.grad!)].map((t) => R.fromCore(t));
    });
    const a = run(false);
    const b = run(true);
    a.forEach((v, i) => R.close(v, b[i], 1e-5, 1e-4, `${nonlinearity} fused vs composed #${i}`));
    m.free();
  }
});

test("fused GRU sequence op = per-step composed GRU (2 layers, bidirectional, with h0 gradients)", () => {
  const m = new T.GRU(3, 4, { numLayers: 2, bidirectional: true, generator: new T.Generator(23) });
  const run = (unfused: boolean) => T.tidy(() => {
    m.unfused = unfused;
    m.zeroGrad();
    T.manualSeed(10);
    const x = T.randn([5, 2, 3], { requiresGrad: true });
    const h0 = T.randn([4, 2, 4], { requiresGrad: true });
    const [o, h] = m.forward(x, h0);
    o.mul(T.randn(o.shape)).sum().add(h.mul(h).sum()).backward();
    return [o, h, x.grad!, h0.grad!, ...m.parameters().map((p) => p.grad!)].map((t) => R.fromCore(t));
  });
  const a = run(false);
  const b = run(true);
  a.forEach((v, i) => R.close(v, b[i], 1e-5, 1e-4, `GRU fused vs composed #${i}`));
  m.free();
});

test("GRU (bidirectional) forward and backward vs float64", () => {
  const gen = new T.Generator(14);
  const m = new T.GRU(3, 4, { bidirectional: true, generator: gen });
  const x = R.randNd(R.rng(3), [4, 2, 3]);
  checkModule("GRU", m, x, (xt) => m.forward(xt), (xr, p) => recurrentRef("gru", xr, p, 1, 2, 4));
  m.free();
});

test("RNNCell / LSTMCell / GRUCell: one step vs float64, and equal to the layers with the same weights", () => {
  const rename = (p: Params): Params => Object.fromEntries(Object.entries(p).map(([k, v]) => [`${k}_l0`, v]));
  const x = R.randNd(R.rng(31), [3, 4]);
  const cases: [Kind, T.RNNCellBase & { forward(x: T.Tensor): T.Tensor | [T.Tensor, T.Tensor] }][] = [
    ["rnn", new T.RNNCell(4, 5, { generator: new T.Generator(1) })],
    ["lstm", new T.LSTMCell(4, 5, { generator: new T.Generator(2) })],
    ["gru", new T.GRUCell(4, 5, { generator: new T.Generator(3) })],
  ];
  for (const [kind, cell] of cases) {
    checkModule(`${kind} cell`, cell, x, (xt) => {
      const r = cell.forward(xt);
      return Array.isArray(r) ? r : [r];
    }, (xr, p) => {
      const outs = recurrentRef(kind, R.reshape(xr, [1, 3, 4]), rename(p), 1, 1, 5);
      return kind === "lstm" ? [R.reshape(outs[1], [3, 5]), R.reshape(outs[2], [3, 5])] : [R.reshape(outs[1], [3, 5])];
    });
  }
  // with a given state: LSTMCell = LSTM (fused op) over one step
  const cell = cases[1][1] as T.LSTMCell;
  const layer = new T.LSTM(4, 5);
  layer.loadStateDict(Object.fromEntries(Object.entries(cell.stateDict()).map(([k, v]) => [`${k}_l0`, v])));
  T.tidy(() => {
    const xt = T.randn([3, 4]);
    const h0 = T.randn([3, 5]);
    const c0 = T.randn([3, 5]);
    const [h1, c1] = cell.forward(xt, [h0, c0]);
    const [, [hN, cN]] = layer.forward(xt.unsqueeze(0), [h0.unsqueeze(0), c0.unsqueeze(0)]);
    R.close(h1, R.reshape(R.fromCore(hN), [3, 5]), 1e-6, 1e-5, "h");
    R.close(c1, R.reshape(R.fromCore(cN), [3, 5]), 1e-6, 1e-5, "c");
  });
  for (const [, c] of cases) c.free();
  layer.free();
});

// ---- attention ----
function attentionRef(x: R.Nd, p: Params, heads: number, causal: boolean): R.Nd {
  const [B, Tn, E] = x.shape;
  const d = E / heads;
  const W = p.in_proj_weight;
  const bi = p.in_proj_bias;
  const proj = (b: number, t: number, row: number) => {
    let s = bi.data[row];
    for (let k = 0; k < E; k++) s += W.data[row * E + k] * R.at(x, [b, t, k]);
    return s;
  };
  const merged = new Float64Array(B * Tn * E);
  for (let b = 0; b < B; b++) {
    const q: number[][] = [];
    const k: number[][] = [];
    const v: number[][] = [];
    for (let t = 0; t < Tn; t++) {
      q.push(Array.from({ length: E }, (_, j) => proj(b, t, j)));
      k.push(Array.from({ length: E }, (_, j) => proj(b, t, E + j)));
      v.push(Array.from({ length: E }, (_, j) => proj(b, t, 2 * E + j)));
    }
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < Tn; i++) {
        const sc: number[] = [];
        for (let j = 0; j < Tn; j++) {
          if (causal && j > i) {
            sc.push(-Infinity);
            continue;
          }
          let s = 0;
          for (let c = 0; c < d; c++) s += q[i][h * d + c] * k[j][h * d + c];
          sc.push(s / Math.sqrt(d));
        }
        const mx = Math.max(...sc);
        const ex = sc.map((s) => Math.exp(s - mx));
        const z = ex.reduce((a, c) => a + c, 0);
        for (let c = 0; c < d; c++) {
          let s = 0;
          for (let j = 0; j < Tn; j++) s += (ex[j] / z) * v[j][h * d + c];
          merged[(b * Tn + i) * E + h * d + c] = s;
        }
      }
    }
  }
  return R.linearRef(new R.Nd(merged, [B, Tn, E]), p["out_proj.weight"], p["out_proj.bias"]);
}

test("causal multi-head self-attention forward and backward vs float64", () => {
  const gen = new T.Generator(15);
  const m = new T.CausalSelfAttention(6, 2, { generator: gen });
  // give the zero-initialised biases values so their gradients are exercised on a generic point
  m.inProjBias.copyFrom(Float32Array.from({ length: 18 }, (_, i) => Math.sin(i) * 0.3));
  m.outProj.bias!.copyFrom(Float32Array.from({ length: 6 }, (_, i) => Math.cos(i) * 0.2));
  const x = R.randNd(R.rng(4), [2, 4, 6]);
  checkModule("attention", m, x, (xt) => [m.forward(xt)], (xr, p) => [attentionRef(xr, p, 2, true)]);
  T.tidy(() => {
    // causality: changing the last position leaves earlier outputs unchanged
    const a = T.randn([1, 4, 6]);
    const y1 = m.forward(a).toFloat32Array();
    const b = a.clone();
    const buf = b.toFloat32Array();
    buf[3 * 6] += 1;
    b.copyFrom(buf);
    const y2 = m.forward(b).toFloat32Array();
    for (let i = 0; i < 18; i++) assert.ok(Math.abs(y1[i] - y2[i]) < 1e-6, "earlier positions unchanged");
    assert.ok(Math.abs(y1[20] - y2[20]) > 1e-6, "last position changed");
  });
  m.free();
});

test("LayerNorm module forward and backward vs float64", () => {
  const m = new T.LayerNorm(5);
  m.weight!.copyFrom([1.5, -0.5, 1, 0.25, 2]);
  m.bias!.copyFrom([0.1, 0.2, -0.3, 0, 0.5]);
  const x = R.randNd(R.rng(5), [3, 2, 5], -2, 2);
  checkModule("LayerNorm", m, x, (xt) => [m.forward(xt)], (xr, p) => [R.layerNormRef(xr, 5, p.weight, p.bias)]);
  m.free();
});

test("Linear, Conv2d, Embedding, Sequential MLP backward vs float64", () => {
  const gen = new T.Generator(16);
  const mlp = new T.Sequential(new T.Linear(4, 5, { generator: gen }), new T.Tanh(), new T.Linear(5, 3, { generator: gen }), new T.GELU());
  checkModule("MLP", mlp, R.randNd(R.rng(6), [3, 4]), (x) => [mlp.forward(x)], (x, p) =>
    [R.map(R.linearRef(R.map(R.linearRef(x, p["0.weight"], p["0.bias"]), Math.tanh), p["2.weight"], p["2.bias"]), R.geluRef)]);
  mlp.free();
});

test("train()/eval() propagate: Dropout in Sequential and between RNN layers is off in eval mode", () => {
  T.tidy(() => {
    const seq = new T.Sequential(new T.Linear(4, 4), new T.Dropout(0.5), new T.ReLU());
    const x = T.randn([8, 4]);
    const a = seq.forward(x).toArray();
    const b = seq.forward(x).toArray();
    assert.not.equal(a, b, "training mode: different masks");
    seq.eval();
    assert.is((seq.layers[1] as T.Dropout).training, false);
    assert.equal(seq.forward(x).toArray(), seq.forward(x).toArray(), "eval mode: deterministic");
    const lstm = new T.LSTM(3, 4, { numLayers: 2, dropout: 0.5 });
    const xs = T.randn([3, 2, 3]);
    const o1 = lstm.forward(xs)[0].toArray();
    const o2 = lstm.forward(xs)[0].toArray();
    assert.not.equal(o1, o2, "inter-layer dropout in training mode");
    lstm.eval();
    assert.equal(lstm.forward(xs)[0].toArray(), lstm.forward(xs)[0].toArray());
    seq.free();
    lstm.free();
  });
});

// ---- initialisation ----
function stats(t: T.Tensor): { min: number; max: number; mean: number; std: number } {
  const v = t.toFloat32Array();
  let s = 0;
  let s2 = 0;
  let mn = Infinity;
  let mx = -Infinity;
  for (const e of v) {
    s += e;
    s2 += e * e;
    mn = Math.min(mn, e);
    mx = Math.max(mx, e);
  }
  const mean = s / v.length;
  return { min: mn, max: mx, mean, std: Math.sqrt(s2 / v.length - mean * mean) };
}

function assertUniform(t: T.Tensor, bound: number, what: string): void {
  const s = stats(t);
  assert.ok(s.min >= -bound && s.max <= bound, `${what}: values within ±${bound} (got ${s.min}, ${s.max})`);
  assert.ok(s.max > 0.9 * bound && s.min < -0.9 * bound, `${what}: values fill ±${bound} (got ${s.min}, ${s.max})`);
  assert.ok(Math.abs(s.std - bound / Math.sqrt(3)) < 0.1 * bound, `${what}: std ${s.std} ≈ ${bound / Math.sqrt(3)}`);
}

test("default initialisations follow PyTorch", () => {
  T.manualSeed(5);
  const lin = new T.Linear(100, 200);
  assertUniform(lin.weight, 1 / Math.sqrt(100), "Linear.weight");
  assertUniform(lin.bias!, 1 / Math.sqrt(100), "Linear.bias");
  const conv = new T.Conv2d(8, 32, 3);
  assertUniform(conv.weight, 1 / Math.sqrt(72), "Conv2d.weight");
  assertUniform(conv.bias!, 1 / Math.sqrt(72), "Conv2d.bias");
  const emb = new T.Embedding(300, 50);
  const es = stats(emb.weight);
  assert.ok(Math.abs(es.mean) < 0.02 && Math.abs(es.std - 1) < 0.02, `Embedding N(0,1): mean ${es.mean} std ${es.std}`);
  for (const rnn of [new T.RNN(10, 40), new T.LSTM(10, 40, { bidirectional: true }), new T.GRU(10, 40, { numLayers: 2 })]) {
    for (const [n, p] of rnn.namedParameters()) assertUniform(p, 1 / Math.sqrt(40), `${rnn.constructor.name}.${n}`);
    rnn.free();
  }
  const ln = new T.LayerNorm([4, 3]);
  assert.ok(ln.weight!.toArray().every((v) => v === 1) && ln.bias!.toArray().every((v) => v === 0), "LayerNorm ones/zeros");
  const att = new T.CausalSelfAttention(64, 4);
  assertUniform(att.inProjWeight, Math.sqrt(6 / (64 + 192)), "in_proj_weight (Xavier)");
  assert.ok(att.inProjBias.toArray().every((v) => v === 0), "in_proj_bias zeros");
  assertUniform(att.outProj.weight, 1 / Math.sqrt(64), "out_proj.weight");
  assert.ok(att.outProj.bias!.toArray().every((v) => v === 0), "out_proj.bias zeros");
  for (const m of [lin, conv, emb, ln, att]) m.free();
});

test("seeded construction is reproducible", () => {
  T.manualSeed(123);
  const a = new T.Linear(3, 4).weight.toArray();
  T.manualSeed(123);
  const b = new T.Linear(3, 4).weight.toArray();
  T.manualSeed(124);
  const c = new T.Linear(3, 4).weight.toArray();
  assert.equal(a, b);
  assert.not.equal(a, c);
});

// ---- state dicts ----
test("stateDict names follow PyTorch and round-trip through loadStateDict", () => {
  const seq = new T.Sequential(new T.Linear(2, 3), new T.ReLU(), new T.LayerNorm(3), new T.Linear(3, 1, { bias: false }));
  assert.equal(Object.keys(seq.stateDict()), ["0.weight", "0.bias", "2.weight", "2.bias", "3.weight"]);
  const lstm = new T.LSTM(2, 3, { numLayers: 2, bidirectional: true });
  const keys = Object.keys(lstm.stateDict());
  for (const k of ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hh_l0_reverse", "weight_ih_l1_reverse", "bias_hh_l1_reverse"]) assert.ok(keys.includes(k), k);
  assert.equal(lstm.stateDict().weight_ih_l1.shape, [12, 6]);
  const gru = new T.GRU(2, 5);
  assert.equal(gru.stateDict().weight_hh_l0.shape, [15, 5]);
  const att = new T.CausalSelfAttention(4, 2);
  assert.equal(Object.keys(att.stateDict()), ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]);

  const sd = seq.stateDict();
  const other = new T.Sequential(new T.Linear(2, 3), new T.ReLU(), new T.LayerNorm(3), new T.Linear(3, 1, { bias: false }));
  assert.not.equal(other.stateDict()["0.weight"].data, sd["0.weight"].data);
  other.loadStateDict(sd);
  for (const k of Object.keys(sd)) assert.equal(other.stateDict()[k].data, sd[k].data, k);
  T.tidy(() => {
    const x = T.randn([4, 2]);
    assert.equal(other.forward(x).toArray(), seq.forward(x).toArray());
  });
  assert.throws(() => other.loadStateDict({ ...sd, extra: { shape: [1], data: new Float32Array(1) } }), /unexpected keys \[extra\]/);
  const missing = { ...sd };
  delete missing["3.weight"];
  assert.throws(() => other.loadStateDict(missing), /missing keys \[3\.weight\]/);
  assert.throws(() => other.loadStateDict({ ...sd, "0.bias": { shape: [4], data: new Float32Array(4) } }), /0\.bias has shape \[4\].*\[3\]/);
  for (const m of [seq, lstm, gru, att, other]) m.free();
});

test.run();

// Every primitive op: forward against a float64 reference, gradient against central finite
// differences of that reference, on random shapes with broadcasting and non-contiguous views.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as T from "../../core/src/index.ts";
import * as R from "./ref.ts";

const r = R.rng(42);
const rand = (shape: number[], lo = -1, hi = 1, away = 0) => R.randNd(r, shape, lo, hi, away);

// ---- binary with broadcasting ----
const binCases: [string, (a: T.Tensor, b: T.Tensor) => T.Tensor, (x: number, y: number) => number, [number, number], [number, number]][] = [
  ["add", T.add, (x, y) => x + y, [-1, 1], [-1, 1]],
  ["sub", T.sub, (x, y) => x - y, [-1, 1], [-1, 1]],
  ["mul", T.mul, (x, y) => x * y, [-1, 1], [-1, 1]],
  ["div", T.div, (x, y) => x / y, [-1, 1], [0.5, 2]],
  ["maximum", T.maximum, Math.max, [-1, 1], [-1, 1]],
  ["minimum", T.minimum, Math.min, [-1, 1], [-1, 1]],
  ["pow", T.pow, Math.pow, [0.5, 2], [-1.5, 1.5]],
];
const shapePairs: [number[], number[]][] = [
  [[3, 4], [3, 4]],
  [[2, 3, 4], [3, 1]],
  [[4, 1, 5], [3, 5]],
  [[2, 3], []],
  [[1, 4], [3, 1]],
];
for (const [name, f, g, ra, rb] of binCases) {
  test(`${name}: broadcasting shapes, contiguous and strided views`, () => {
    shapePairs.forEach(([sa, sb], k) => {
      const layouts: R.Layout[] = k % 2 === 0 ? ["transposed", "sliced"] : ["sliced", "contiguous"];
      R.checkOp({
        name: `${name} ${JSON.stringify(sa)}×${JSON.stringify(sb)}`,
        inputs: [rand(sa, ra[0], ra[1]), rand(sb, rb[0], rb[1])],
        core: ([a, b]) => f(a, b),
        ref: ([a, b]) => R.zip(a, b, g),
        layouts,
        gradTol: [2e-3, 2e-3],
      });
    });
  });
}

test("binary ops on random broadcasting shapes (seeded) and random layouts", () => {
  const sr = R.rng(2024);
  const int = (n: number) => Math.floor(sr() * n);
  for (let trial = 0; trial < 24; trial++) {
    const nd = 1 + int(4);
    const full = Array.from({ length: nd }, () => 1 + int(4));
    const a = full.map((d) => (sr() < 0.3 ? 1 : d));
    const b = full.slice(int(nd)).map((d) => (sr() < 0.3 ? 1 : d));
    const [name, f, g, ra, rb] = binCases[trial % binCases.length];
    const layouts: R.Layout[] = [(["contiguous", "transposed", "sliced"] as const)[int(3)], (["contiguous", "transposed", "sliced"] as const)[int(3)]];
    R.checkOp({
      name: `${name} random [${a}]×[${b}] ${layouts}`,
      inputs: [rand(a, ra[0], ra[1]), rand(b, rb[0], rb[1])],
      core: ([x, y]) => f(x, y),
      ref: ([x, y]) => R.zip(x, y, g),
      layouts,
      gradTol: [2e-3, 2e-3],
      seed: trial,
    });
  }
});

test("reductions on random shapes and random axis sets", () => {
  const sr = R.rng(77);
  const int = (n: number) => Math.floor(sr() * n);
  for (let trial = 0; trial < 18; trial++) {
    const nd = 1 + int(4);
    const shape = Array.from({ length: nd }, () => 1 + int(4));
    const axes = shape.map((_, i) => i).filter(() => sr() < 0.5);
    const keep = sr() < 0.5;
    const [name, f, kind] = ([["sum", T.sum, "sum"], ["mean", T.mean, "mean"], ["max", T.max, "max"]] as const)[trial % 3];
    R.checkOp({
      name: `${name} random [${shape}] axes [${axes}] keepdim=${keep}`,
      inputs: [rand(shape)],
      core: ([x]) => f(x, axes.length ? axes : undefined, keep),
      ref: ([x]) => R.reduce(x, axes.length ? axes : shape.map((_, i) => i), keep, kind),
      layouts: [trial % 2 ? "transposed" : "sliced"],
      seed: trial,
    });
  }
});

test("scalar operands: add/sub/mul/div/pow by numbers", () => {
  const x = rand([3, 4], 0.5, 2);
  R.checkOp({ name: "x*3-1", inputs: [x], core: ([a]) => a.mul(3).sub(1), ref: ([a]) => R.map(a, (v) => v * 3 - 1), layouts: ["transposed"] });
  R.checkOp({ name: "x/4+2", inputs: [x], core: ([a]) => a.div(4).add(2), ref: ([a]) => R.map(a, (v) => v / 4 + 2) });
  R.checkOp({ name: "x^2.5", inputs: [x], core: ([a]) => a.pow(2.5), ref: ([a]) => R.map(a, (v) => v ** 2.5) });
});

test("comparisons eq/gt/lt give 0/1 and no gradient", () => {
  T.tidy(() => {
    const a = T.tensor([1, 2, 3, 4], undefined, { requiresGrad: true });
    const b = T.tensor([2, 2, 2, 2]);
    assert.equal(a.gt(b).toArray(), [0, 0, 1, 1]);
    assert.equal(a.lt(b).toArray(), [1, 0, 0, 0]);
    assert.equal(a.eq(b).toArray(), [0, 1, 0, 0]);
    assert.is(a.gt(b).requiresGrad, false);
    assert.equal(T.step(T.tensor([-1, 0, 2])).toArray(), [0, 0, 1]);
  });
});

// ---- unary ----
const unaryCases: [string, (a: T.Tensor) => T.Tensor, (x: number) => number, number, number, number][] = [
  ["neg", T.neg, (v) => -v, -2, 2, 0],
  ["exp", T.exp, Math.exp, -2, 2, 0],
  ["log", T.log, Math.log, 0.2, 3, 0],
  ["tanh", T.tanh, Math.tanh, -3, 3, 0],
  ["sigmoid", T.sigmoid, R.sigmoid, -4, 4, 0],
  ["relu", T.relu, (v) => Math.max(v, 0), -2, 2, 0.05],
  ["leakyRelu", (a) => T.leakyRelu(a, 0.1), (v) => (v > 0 ? v : 0.1 * v), -2, 2, 0.05],
  ["gelu", T.gelu, R.geluRef, -3, 3, 0],
  ["sqrt", T.sqrt, Math.sqrt, 0.2, 3, 0],
  ["abs", T.abs, Math.abs, -2, 2, 0.05],
  ["square", T.square, (v) => v * v, -2, 2, 0],
  ["reciprocal", T.reciprocal, (v) => 1 / v, -2, 2, 0.3],
];
for (const [name, f, g, lo, hi, away] of unaryCases) {
  test(`${name}: forward and gradient (contiguous, transposed, sliced)`, () => {
    const shapes = [[7], [3, 5], [2, 3, 4]];
    const layouts: R.Layout[] = ["contiguous", "transposed", "sliced"];
    shapes.forEach((s, i) => {
      R.checkOp({ name: `${name} [${s}]`, inputs: [rand(s, lo, hi, away)], core: ([a]) => f(a), ref: ([a]) => R.map(a, g), layouts: [layouts[i]], fwdTol: [2e-5, 2e-5] });
    });
  });
}

// ---- reductions ----
test("sum / mean / max over axes with keepdim, on strided inputs", () => {
  const shape = [3, 4, 5];
  const axesList: (number[] | undefined)[] = [undefined, [0], [1], [2], [0, 2], [-1, -2]];
  for (const [name, f, kind] of [
    ["sum", T.sum, "sum"],
    ["mean", T.mean, "mean"],
    ["max", T.max, "max"],
  ] as const) {
    axesList.forEach((axes, i) => {
      for (const keep of [false, true]) {
        const all = axes ?? [0, 1, 2];
        R.checkOp({
          name: `${name}(${axes}) keepdim=${keep}`,
          inputs: [rand(shape)],
          core: ([a]) => f(a, axes, keep),
          ref: ([a]) => R.reduce(a, all, keep, kind),
          layouts: [i % 2 ? "transposed" : "sliced"],
        });
      }
    });
  }
});

test("argmax along an axis (first index on ties), as int32", () => {
  T.tidy(() => {
    const x = T.tensor([[1, 5, 5], [7, 0, 2]]);
    const a = x.argmax(1);
    assert.is(a.dtype, "int32");
    assert.equal(a.toArray(), [1, 0]);
    assert.equal(x.argmax(0).toArray(), [1, 0, 0]);
    assert.equal(x.transpose().argmax(0, true).shape, [1, 2]);
    assert.equal(x.transpose().argmax(0).toArray(), [1, 0]);
  });
});

test("max splits the gradient between tied maxima", () => {
  T.tidy(() => {
    const x = T.tensor([[1, 3, 3], [2, 0, 1]], undefined, { requiresGrad: true });
    T.max(x, 1).sum().backward();
    assert.equal(x.grad!.toArray(), [0, 0.5, 0.5, 1, 0, 0]);
  });
});

// ---- matmul ----
test("matmul: 2-d in every transpose form, batched, folded batch, broadcast 2-d lhs", () => {
  const cases: [number[], number[], R.Layout, R.Layout][] = [
    [[5, 7], [7, 3], "contiguous", "contiguous"],
    [[5, 7], [7, 3], "transposed", "contiguous"],
    [[5, 7], [7, 3], "contiguous", "transposed"],
    [[5, 7], [7, 3], "transposed", "transposed"],
    [[5, 7], [7, 3], "sliced", "sliced"],
    [[2, 4, 6], [2, 6, 3], "contiguous", "contiguous"],
    [[2, 4, 6], [2, 6, 3], "transposed", "transposed"],
    [[2, 3, 4, 5], [5, 6], "contiguous", "transposed"],
    [[2, 3, 4, 5], [5, 6], "sliced", "contiguous"],
    [[4, 5], [3, 5, 2], "transposed", "contiguous"],
  ];
  for (const [sa, sb, la, lb] of cases) {
    R.checkOp({
      name: `matmul [${sa}]·[${sb}] ${la}/${lb}`,
      inputs: [rand(sa), rand(sb)],
      core: ([a, b]) => T.matmul(a, b),
      ref: ([a, b]) => R.matmul(a, b),
      layouts: [la, lb],
      fwdTol: [1e-5, 1e-4],
    });
  }
});

test("linear (bias fused into SGEMM) on 2-d and 3-d inputs", () => {
  for (const xs of [[4, 6], [2, 3, 6]]) {
    R.checkOp({
      name: `linear [${xs}]`,
      inputs: [rand(xs), rand([5, 6]), rand([5])],
      core: ([x, w, b]) => T.linear(x, w, b),
      ref: ([x, w, b]) => R.linearRef(x, w, b),
      layouts: ["sliced", "contiguous", "contiguous"],
    });
  }
  R.checkOp({ name: "linear no bias", inputs: [rand([3, 4]), rand([2, 4])], core: ([x, w]) => T.linear(x, w), ref: ([x, w]) => R.linearRef(x, w, null), layouts: ["transposed", "transposed"] });
});

// ---- shape ops ----
test("reshape / permute / transpose / flatten / squeeze / unsqueeze (views and copies)", () => {
  const x = rand([2, 3, 4]);
  R.checkOp({ name: "reshape contiguous", inputs: [x], core: ([a]) => a.reshape(6, 4).mul(2), ref: ([a]) => R.map(R.reshape(a, [6, 4]), (v) => 2 * v) });
  R.checkOp({ name: "reshape of transposed (copy)", inputs: [x], core: ([a]) => a.reshape([4, 6]), ref: ([a]) => R.reshape(a, [4, 6]), layouts: ["transposed"] });
  R.checkOp({ name: "reshape of sliced (view where possible)", inputs: [x], core: ([a]) => a.reshape([6, 4]), ref: ([a]) => R.reshape(a, [6, 4]), layouts: ["sliced"] });
  R.checkOp({ name: "permute", inputs: [x], core: ([a]) => a.permute(2, 0, 1).mul(1.5), ref: ([a]) => R.map(R.permute(a, [2, 0, 1]), (v) => 1.5 * v) });
  R.checkOp({ name: "transpose(0,2)", inputs: [x], core: ([a]) => a.transpose(0, 2).contiguous(), ref: ([a]) => R.permute(a, [2, 1, 0]), layouts: ["sliced"] });
  R.checkOp({ name: "flatten(1)", inputs: [x], core: ([a]) => a.flatten(1), ref: ([a]) => R.reshape(a, [2, 12]), layouts: ["transposed"] });
  R.checkOp({ name: "unsqueeze/squeeze", inputs: [x], core: ([a]) => a.unsqueeze(1).squeeze(1).unsqueeze(-1), ref: ([a]) => R.reshape(a, [2, 3, 4, 1]) });
  T.tidy(() => {
    const a = T.zeros([2, 3, 4]);
    const v = a.permute(2, 0, 1);
    assert.is(v.storage, a.storage, "permute is a view");
    assert.is(a.reshape(6, 4).storage, a.storage, "reshape of contiguous is a view");
    assert.is(a.narrow(1, 1, 2).storage, a.storage, "narrow is a view");
    assert.is(a.narrow(1, 1, 2).offset, 4);
    assert.equal(v.strides, [1, 12, 4]);
    assert.is.not(v.reshape(24).storage, a.storage, "reshape of a permuted view copies");
    assert.is(a.narrow(0, 1, 1).reshape(3, 4).storage, a.storage, "reshape of a row slice is a view");
  });
});

test("narrow / slice / expand / cat / stack", () => {
  const x = rand([4, 5]);
  R.checkOp({ name: "narrow", inputs: [x], core: ([a]) => a.narrow(1, 1, 3), ref: ([a]) => R.narrow(a, 1, 1, 3), layouts: ["transposed"] });
  R.checkOp({ name: "slice", inputs: [x], core: ([a]) => a.slice([[1, 3], 2]), ref: ([a]) => R.reshape(R.narrow(R.narrow(a, 0, 1, 2), 1, 2, 1), [2]) });
  R.checkOp({ name: "expand", inputs: [rand([3, 1])], core: ([a]) => a.expand(2, 3, 4).mul(1), ref: ([a]) => R.fromFn([2, 3, 4], (i) => R.at(a, [i[1], 0])) });
  const y = rand([4, 2]);
  const z = rand([4, 3]);
  R.checkOp({ name: "cat dim 1", inputs: [x, y, z], core: (ts) => T.cat(ts, 1), ref: (ts) => R.cat(ts, 1), layouts: ["transposed", "sliced", "contiguous"] });
  R.checkOp({ name: "cat dim 0", inputs: [x, rand([2, 5])], core: (ts) => T.cat(ts, 0), ref: (ts) => R.cat(ts, 0), layouts: ["sliced", "transposed"] });
  R.checkOp({ name: "stack dim 1", inputs: [x, rand([4, 5])], core: (ts) => T.stack(ts, 1), ref: (ts) => R.stack(ts, 1), layouts: ["transposed", "contiguous"] });
  R.checkOp({ name: "stack dim 0", inputs: [x, rand([4, 5])], core: (ts) => T.stack(ts, 0), ref: (ts) => R.stack(ts, 0) });
});

// ---- fused ops ----
test("softmax / logSoftmax along the last and a middle dim", () => {
  for (const dim of [-1, 1]) {
    R.checkOp({ name: `softmax dim ${dim}`, inputs: [rand([2, 3, 5], -3, 3)], core: ([a]) => T.softmax(a, dim), ref: ([a]) => (dim === -1 ? R.softmaxLast(a) : R.permute(R.softmaxLast(R.permute(a, [0, 2, 1])), [0, 2, 1])), layouts: ["sliced"] });
    R.checkOp({ name: `logSoftmax dim ${dim}`, inputs: [rand([2, 3, 5], -3, 3)], core: ([a]) => T.logSoftmax(a, dim), ref: ([a]) => (dim === -1 ? R.softmaxLast(a, true) : R.permute(R.softmaxLast(R.permute(a, [0, 2, 1]), true), [0, 2, 1])), layouts: ["transposed"] });
  }
});

function ceRef(x: R.Nd, targets: number[], ignore: number, reduction: "mean" | "sum" | "none"): R.Nd {
  const ls = R.softmaxLast(x, true);
  const C = x.shape[x.shape.length - 1];
  const per = targets.map((t, i) => (t === ignore ? 0 : -ls.data[i * C + t]));
  const count = targets.filter((t) => t !== ignore).length;
  if (reduction === "none") return new R.Nd(Float64Array.from(per), [targets.length]);
  const s = per.reduce((a, b) => a + b, 0);
  return new R.Nd(Float64Array.from([reduction === "mean" ? s / count : s]), []);
}

test("crossEntropy: mean / sum / none, with ignore index", () => {
  const targets = [2, 0, -100, 4, 1, 4];
  for (const reduction of ["mean", "sum", "none"] as const) {
    R.checkOp({
      name: `crossEntropy ${reduction}`,
      inputs: [rand([6, 5], -3, 3)],
      core: ([x]) => T.crossEntropy(x, targets, { reduction }),
      ref: ([x]) => ceRef(x, targets, -100, reduction),
      layouts: ["transposed"],
    });
  }
  R.checkOp({ name: "CrossEntropyLoss ignoreIndex 0, int32 targets", inputs: [rand([4, 3], -2, 2)], core: ([x]) => new T.CrossEntropyLoss({ ignoreIndex: 0 }).forward(x, T.tensor(new Int32Array([0, 1, 2, 0]), [4])), ref: ([x]) => ceRef(x, [0, 1, 2, 0], 0, "mean") });
});

test("layerNorm (functional) with and without affine parameters", () => {
  R.checkOp({ name: "layerNorm affine", inputs: [rand([3, 2, 6], -2, 2), rand([6]), rand([6])], core: ([x, w, b]) => T.layerNorm(x, [6], w, b), ref: ([x, w, b]) => R.layerNormRef(x, 6, w, b), layouts: ["sliced"], gradTol: [2e-3, 2e-3] });
  R.checkOp({ name: "layerNorm over 2 dims", inputs: [rand([3, 2, 4], -2, 2)], core: ([x]) => T.layerNorm(x, [2, 4]), ref: ([x]) => R.layerNormRef(x, 8, null, null), gradTol: [2e-3, 2e-3] });
});

test("embedding gather and scatter-add gradient with repeated indices", () => {
  const idx = [3, 1, 3, 0, 3, 2];
  R.checkOp({
    name: "embedding",
    inputs: [rand([5, 4])],
    core: ([w]) => T.embedding(w, idx, [2, 3]),
    ref: ([w]) => R.fromFn([2, 3, 4], (i) => R.at(w, [idx[i[0] * 3 + i[1]], i[2]])),
  });
});

test("indexSelect picks rows of a 3-d tensor (e.g. each sequence's last state) with gradient", () => {
  const idx = [5, 0, 3, 3];
  R.checkOp({
    name: "indexSelect",
    inputs: [rand([6, 2, 3])],
    core: ([t]) => T.indexSelect(t, idx),
    ref: ([t]) => R.fromFn([4, 2, 3], (i) => R.at(t, [idx[i[0]], i[1], i[2]])),
    layouts: ["transposed"],
  });
});

function conv2dRef(x: R.Nd, w: R.Nd, b: R.Nd | null, stride: number, pad: number): R.Nd {
  const [N, C, H, W] = x.shape;
  const [O, , kh, kw] = w.shape;
  const OH = Math.floor((H + 2 * pad - kh) / stride) + 1;
  const OW = Math.floor((W + 2 * pad - kw) / stride) + 1;
  return R.fromFn([N, O, OH, OW], ([n, o, i, j]) => {
    let s = b ? b.data[o] : 0;
    for (let c = 0; c < C; c++)
      for (let p = 0; p < kh; p++)
        for (let q = 0; q < kw; q++) {
          const y = i * stride - pad + p;
          const xx = j * stride - pad + q;
          if (y >= 0 && y < H && xx >= 0 && xx < W) s += R.at(x, [n, c, y, xx]) * R.at(w, [o, c, p, q]);
        }
    return s;
  });
}

test("conv2d: stride, padding, bias", () => {
  for (const [stride, pad] of [[1, 0], [2, 1], [1, 2]]) {
    R.checkOp({
      name: `conv2d s${stride} p${pad}`,
      inputs: [rand([2, 3, 6, 5]), rand([4, 3, 3, 2]), rand([4])],
      core: ([x, w, b]) => T.conv2d(x, w, b, { stride, padding: pad }),
      ref: ([x, w, b]) => conv2dRef(x, w, b, stride, pad),
      layouts: [stride === 2 ? "transposed" : "contiguous", "contiguous", "contiguous"],
      gradTol: [2e-3, 2e-3],
    });
  }
});

test("maxPool2d forward and gradient", () => {
  for (const [k, s] of [[2, 2], [3, 2]]) {
    R.checkOp({
      name: `maxPool2d k${k} s${s}`,
      inputs: [rand([2, 2, 7, 6])],
      core: ([x]) => T.maxPool2d(x, k, s),
      ref: ([x]) => {
        const [N, C, H, W] = x.shape;
        return R.fromFn([N, C, Math.floor((H - k) / s) + 1, Math.floor((W - k) / s) + 1], ([n, c, i, j]) => {
          let m = -Infinity;
          for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) m = Math.max(m, R.at(x, [n, c, i * s + p, j * s + q]));
          return m;
        });
      },
      layouts: ["transposed"],
    });
  }
});

test("losses: MSELoss and BCEWithLogitsLoss", () => {
  const y = rand([4, 3]);
  R.checkOp({ name: "mse", inputs: [rand([4, 3]), y], core: ([a, b]) => new T.MSELoss().forward(a, b), ref: ([a, b]) => R.reduce(R.zip(a, b, (p, q) => (p - q) ** 2), [0, 1], false, "mean"), layouts: ["transposed", "contiguous"] });
  const tgt = R.map(rand([4, 3], 0, 1), (v) => (v > 0.5 ? 1 : 0));
  R.checkOp({
    name: "bceWithLogits",
    inputs: [rand([4, 3], -4, 4, 0.01), tgt],
    core: ([a, b]) => new T.BCEWithLogitsLoss().forward(a, b),
    ref: ([a, b]) => R.reduce(R.zip(a, b, (x, t) => Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)))), [0, 1], false, "mean"),
    noGrad: [1],
  });
  T.tidy(() => {
    // at x = 0 the gradient is σ(0) − y = 0.5 − y
    const x = T.zeros([2], { requiresGrad: true });
    T.bceWithLogits(x, T.tensor([1, 0]), "sum").backward();
    assert.equal(x.grad!.toArray(), [-0.5, 0.5]);
  });
});

test("dropout: mask values, keep rate, gradient equals the mask, identity in eval", () => {
  T.tidy(() => {
    const gen = new T.Generator(7);
    const x = T.ones([4000], { requiresGrad: true });
    const y = T.dropout(x, 0.3, true, gen);
    const v = y.toFloat32Array();
    let zeros = 0;
    for (const e of v) {
      if (e === 0) zeros++;
      else assert.ok(Math.abs(e - 1 / 0.7) < 1e-6, `kept value ${e}`);
    }
    assert.ok(Math.abs(zeros / 4000 - 0.3) < 0.03, `drop rate ${zeros / 4000}`);
    y.sum().backward();
    assert.equal(Array.from(x.grad!.toFloat32Array()), Array.from(v));
    const d = new T.Dropout(0.5);
    d.eval();
    assert.equal(d.forward(T.tensor([1, 2, 3])).toArray(), [1, 2, 3]);
    const a = T.dropout(T.ones([64]), 0.5, true, new T.Generator(3)).toArray();
    const b = T.dropout(T.ones([64]), 0.5, true, new T.Generator(3)).toArray();
    assert.equal(a, b, "same seed, same mask");
  });
});

test("gradients accumulate across uses and across backward calls; noGrad records nothing", () => {
  T.tidy(() => {
    const x = T.tensor([1, 2, 3], undefined, { requiresGrad: true });
    const y = x.mul(x).add(x).sum(); // 2x + 1
    y.backward();
    assert.equal(x.grad!.toArray(), [3, 5, 7]);
    x.sum().backward();
    assert.equal(x.grad!.toArray(), [4, 6, 8]);
    const z = T.noGrad(() => x.mul(2));
    assert.is(z.requiresGrad, false);
    assert.is(z.node, null);
    const d = x.detach();
    assert.is(d.requiresGrad, false);
  });
});

test.run();

// Adam / AdamW and SGD (momentum, dampening, Nesterov, weight decay) against their formulas.
import { test } from "uvu";
import { loadKernelsSync } from "../../core/src/wasm.ts";
import { rng, randn, putF, getF, assertClose, f32r } from "./_helpers.ts";

const k = loadKernelsSync();

test("adam and adamw: three steps against the PyTorch formulas", () => {
  for (const decoupled of [false, true]) {
    for (const wd of [0, 0.1]) {
      const r = rng(41);
      const n = 13, lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
      const p = Array.from(f32r(randn(r, n))), m = new Array(n).fill(0), v = new Array(n).fill(0);
      const pp = putF(k, p), pm = putF(k, m), pv = putF(k, v);
      for (let step = 1; step <= 3; step++) {
        const g = Array.from(f32r(randn(r, n)));
        k.adam(pp, putF(k, g), pm, pv, n, lr, b1, b2, eps, wd, step, decoupled);
        for (let i = 0; i < n; i++) {
          let gi = g[i];
          if (wd !== 0 && !decoupled) gi += wd * p[i];
          if (wd !== 0 && decoupled) p[i] *= 1 - lr * wd;
          m[i] = b1 * m[i] + (1 - b1) * gi;
          v[i] = b2 * v[i] + (1 - b2) * gi * gi;
          const mh = m[i] / (1 - b1 ** step), vh = v[i] / (1 - b2 ** step);
          p[i] -= lr * mh / (Math.sqrt(vh) + eps);
        }
        assertClose(getF(k, pp, n), p, `adam step ${step} decoupled=${decoupled} wd=${wd}`, 1e-5, 1e-6);
        assertClose(getF(k, pm, n), m, "adam m", 1e-5, 1e-7);
        assertClose(getF(k, pv, n), v, "adam v", 1e-5, 1e-8);
      }
    }
  }
});

test("sgd: plain, momentum with dampening, nesterov, weight decay", () => {
  const cases = [
    { momentum: 0, dampening: 0, wd: 0, nesterov: false },
    { momentum: 0.9, dampening: 0, wd: 0, nesterov: false },
    { momentum: 0.9, dampening: 0.1, wd: 0.01, nesterov: false },
    { momentum: 0.8, dampening: 0, wd: 0.05, nesterov: true },
  ];
  for (const c of cases) {
    const r = rng(42);
    const n = 9, lr = 0.1;
    const p = Array.from(f32r(randn(r, n))), buf = new Array(n).fill(0);
    const pp = putF(k, p), pb = putF(k, buf);
    for (let step = 0; step < 3; step++) {
      const g = Array.from(f32r(randn(r, n)));
      k.sgd(pp, putF(k, g), pb, n, lr, c.momentum, c.dampening, c.wd, c.nesterov, step === 0);
      for (let i = 0; i < n; i++) {
        let gi = g[i] + c.wd * p[i];
        if (c.momentum !== 0) {
          buf[i] = step === 0 ? gi : c.momentum * buf[i] + (1 - c.dampening) * gi;
          gi = c.nesterov ? gi + c.momentum * buf[i] : buf[i];
        }
        p[i] -= lr * gi;
      }
      assertClose(getF(k, pp, n), p, `sgd ${JSON.stringify(c)} step ${step}`, 1e-5, 1e-6);
    }
  }
});

test.run();

// The seeded RNG (xoshiro128** + Box-Muller): determinism, ranges, moments, permutations.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, manualSeed, randn, tidy, defaultGenerator } from "../../core/src/index.ts";

test("same seed gives the same stream; different seeds differ", () => {
  const a = new Generator(42);
  const b = new Generator(42);
  const c = new Generator(43);
  const sa = Array.from({ length: 20 }, () => a.nextU32());
  const sb = Array.from({ length: 20 }, () => b.nextU32());
  const sc = Array.from({ length: 20 }, () => c.nextU32());
  assert.equal(sa, sb);
  assert.not.equal(sa, sc);
  assert.ok(sa.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32));
  a.seed(42);
  assert.is(a.nextU32(), sa[0], "re-seeding restarts the stream");
});

test("uniforms lie in [0, 1) with mean 1/2 and variance 1/12; normals have mean 0, variance 1", () => {
  const g = new Generator(1);
  const n = 200000;
  let s = 0;
  let s2 = 0;
  let lo = 1;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const u = g.random();
    s += u;
    s2 += u * u;
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  assert.ok(lo >= 0 && hi < 1);
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  assert.ok(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12) < 0.002);
  let m = 0;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const z = g.normal();
    m += z;
    m2 += z * z;
    m4 += z ** 4;
  }
  assert.ok(Math.abs(m / n) < 0.01, `normal mean ${m / n}`);
  assert.ok(Math.abs(m2 / n - 1) < 0.02, `normal variance ${m2 / n}`);
  assert.ok(Math.abs(m4 / n - 3) < 0.1, `normal kurtosis ${m4 / n}`);
});

test("permutation and shuffle are permutations; int covers its range", () => {
  const g = new Generator(9);
  const p = Array.from(g.permutation(100));
  assert.equal([...p].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assert.not.equal(p, Array.from({ length: 100 }, (_, i) => i));
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(g.int(6));
  assert.equal([...seen].sort(), [0, 1, 2, 3, 4, 5]);
});

test("manualSeed drives tensor creation through the default generator", () => {
  tidy(() => {
    manualSeed(3);
    const a = randn([5]).toArray();
    manualSeed(3);
    const b = randn([5]).toArray();
    assert.equal(a, b);
    assert.ok(defaultGenerator instanceof Generator);
  });
});

test.run();

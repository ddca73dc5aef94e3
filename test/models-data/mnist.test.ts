// mnist: per digit the first floor(0.8·n_d) rows are train → 7,996 / 2,004, digit-major.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadMnist } from "../../models/data/mnist.ts";
import { packageDir } from "../../models/data/packages.ts";

test("mnist: 7,996 train / 2,004 test, digit-major, pixels in [0,1]", () => {
  const d = loadMnist();
  assert.is(d.train.n, 7996);
  assert.is(d.test.n, 2004);
  assert.is(d.train.x.length, 7996 * 784);
  assert.is(d.test.x.length, 2004 * 784);
  assert.equal(d.perDigit.map((p) => p.total), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  assert.equal(d.perDigit.map((p) => p.train), [800, 901, 792, 825, 784, 690, 811, 856, 755, 782]);
  // Labels are sorted by digit (stored order) in both parts.
  for (const part of [d.train, d.test]) for (let i = 1; i < part.n; i++) assert.ok(part.y[i] >= part.y[i - 1]);
  assert.is(d.train.y[799], 0);
  assert.is(d.train.y[800], 1);
  assert.is(d.test.y[0], 0);
  assert.is(d.test.y[200], 0);
  assert.is(d.test.y[201], 1);
  let min = Infinity;
  let max = -Infinity;
  for (const v of d.train.x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  assert.ok(min >= 0 && max <= 1 && max > 0.9, `pixel range ${min}…${max}`);
  // Row 800 of train is the first "1"; test row 0 is the 801st "0" of the package.
  const raw0 = (JSON.parse(readFileSync(join(packageDir("mnist"), "src", "digits", "0.json"), "utf8")) as { data: number[] }).data;
  assert.equal(Array.from(d.test.x.subarray(0, 784)), Array.from(Float32Array.from(raw0.slice(800 * 784, 801 * 784))));
  assert.equal(Array.from(d.train.x.subarray(0, 784)), Array.from(Float32Array.from(raw0.slice(0, 784))));
});

test.run();

// iris: scikit-learn's train_test_split(test_size=0.25, random_state=42), reproduced with numpy's
// MT19937 and permutation, against ../shared/reference/iris-split.json when it is present.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadIris } from "../../models/data/iris.ts";
import { MT19937, permutation, trainTestSplitIndices } from "../../models/data/numpy-random.ts";
import { sharedFile } from "../helpers/shared.ts";

test("MT19937 seeded like numpy's RandomState gives numpy's first values", () => {
  // np.random.RandomState(42).randint(2**32, dtype=np.uint32)… and .random_sample()
  assert.is(new MT19937(42).nextUint32(), 1608637542);
  assert.is(new MT19937(42).randomSample(), 0.3745401188473625);
  assert.is(new MT19937(0).randomSample(), 0.5488135039273248);
  // The reference generator's 10,000th output for seed 5489 (Matsumoto & Nishimura).
  const r = new MT19937(5489);
  let v = 0;
  for (let i = 0; i < 10000; i++) v = r.nextUint32();
  assert.is(v, 4123659995);
  // Permutations are permutations; randomInterval stays in range.
  assert.equal([...permutation(50, 7)].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  const g = new MT19937(1);
  for (let i = 0; i < 1000; i++) {
    const x = g.randomInterval(37);
    assert.ok(x >= 0 && x <= 37);
  }
});

test("iris: 112 train / 38 test rows, every row once, features and classes from the package", () => {
  const d = loadIris();
  assert.is(d.train.n, 112);
  assert.is(d.test.n, 38);
  assert.equal([...d.train.rows, ...d.test.rows].sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => i));
  assert.equal(d.classes, ["setosa", "versicolor", "virginica"]);
  assert.is(d.train.x.length, 112 * 4);
  assert.equal(Array.from(d.test.x.subarray(0, 4)), Array.from(Float32Array.from(d.features[d.test.rows[0]])));
  assert.is(d.test.y[0], d.labels[d.test.rows[0]]);
  assert.equal(d.features[0], [5.1, 3.5, 1.4, 0.2]);
  assert.is(d.labels[0], 0);
  assert.is(d.labels[149], 2);
  // Rows 0–49, 50–99, 100–149 are the three classes.
  assert.equal([0, 1, 2].map((c) => d.labels.filter((l) => l === c).length), [50, 50, 50]);
});

test("iris split = the reference's indices (../shared/reference/iris-split.json)", () => {
  const text = sharedFile("reference/iris-split.json");
  if (text === undefined) return;
  const ref = JSON.parse(text) as { test: number[]; train: number[] };
  const d = loadIris();
  assert.equal(d.test.rows, ref.test, "test rows, in order");
  assert.equal(d.train.rows, ref.train, "train rows, in order");
  assert.equal(trainTestSplitIndices(150, 0.25, 42), { train: ref.train, test: ref.test });
});

test.run();

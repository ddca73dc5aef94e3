// Memory: tidy scopes, reference-counted views, and no growth over 1000 training steps (measured
// with the kernels' bytesInUse / peakBytes).
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as T from "../../core/src/index.ts";

test("tidy frees everything made inside except returned and kept tensors", () => {
  const before = T.bytesInUse();
  let kept: T.Tensor | null = null;
  const out = T.tidy(() => {
    const a = T.randn([64, 64]);
    const b = a.matmul(a).relu();
    kept = T.ones([10]).keep();
    b.sum();
    return { y: b.mean(0), list: [a.narrow(0, 0, 2)] };
  });
  assert.ok(!out.y.isFreed && !out.list[0].isFreed, "returned tensors survive");
  assert.ok(!kept!.isFreed);
  assert.is(out.list[0].toArray().length, 128, "a view keeps its storage alive after the base handle is freed");
  out.y.free();
  out.list[0].free();
  kept!.free();
  assert.is(T.bytesInUse(), before, "everything released");
});

test("nested tidy moves results to the outer scope; free is idempotent; views share storage", () => {
  const before = T.bytesInUse();
  T.tidy(() => {
    const inner = T.tidy(() => T.zeros([8]).add(1));
    assert.equal(inner.toArray(), new Array(8).fill(1));
    const v = inner.reshape(2, 4);
    inner.free();
    inner.free();
    assert.equal(v.toArray(), new Array(8).fill(1), "view alive after the base handle is freed");
  });
  assert.is(T.bytesInUse(), before, "outer tidy released the moved tensor");
});

test("tidy rejects async functions and frees on throw", () => {
  const before = T.bytesInUse();
  assert.throws(() => T.tidy(() => Promise.resolve(T.zeros([4]))), /tidy: fn returned a promise/);
  assert.throws(() => T.tidy(() => {
    T.zeros([100]);
    throw new Error("boom");
  }), /boom/);
  assert.is(T.bytesInUse(), before);
});

function trainLoop(steps: number, body: () => void): number[][] {
  const trace: number[][] = [];
  for (let s = 1; s <= steps; s++) {
    T.tidy(body);
    if (s === 5 || s === steps) trace.push([T.bytesInUse(), T.peakBytes()]);
  }
  return trace;
}

test("1000 MLP training steps (Linear/ReLU/LayerNorm/Dropout, Adam, clipping) do not grow memory", () => {
  T.manualSeed(1);
  const model = new T.Sequential(new T.Linear(20, 64), new T.ReLU(), new T.LayerNorm(64), new T.Dropout(0.1), new T.Linear(64, 5));
  const opt = new T.AdamW(model.parameters(), { lr: 1e-3 });
  const x = T.randn([32, 20]).keep();
  const y = Array.from({ length: 32 }, (_, i) => i % 5);
  const before = T.bytesInUse();
  let first = 0;
  let last = 0;
  const trace = trainLoop(1000, () => {
    opt.zeroGrad();
    const loss = T.crossEntropy(model.forward(x), y);
    loss.backward();
    T.clipGradNorm(model.parameters(), 1);
    opt.step();
    last = loss.item();
    if (!first) first = last;
  });
  const [[use5, peak5], [use1000, peak1000]] = trace;
  assert.is(use1000, use5, `bytesInUse after step 5 (${use5}) = after step 1000 (${use1000})`);
  assert.is(peak1000, peak5, `peakBytes after step 5 (${peak5}) = after step 1000 (${peak1000})`);
  assert.ok(use1000 > before, "grads and optimiser state were allocated once");
  assert.ok(last < first, "and it trained");
  opt.free();
  model.free();
  x.free();
});

test("LSTM and CNN training steps do not grow memory either", () => {
  T.manualSeed(2);
  const lstm = new T.LSTM(4, 8, { bidirectional: true });
  const head = new T.Linear(16, 3);
  const opt = new T.Adam([...lstm.parameters(), ...head.parameters()]);
  const x = T.randn([6, 4, 4]).keep();
  const t1 = trainLoop(150, () => {
    opt.zeroGrad();
    const [out] = lstm.forward(x);
    T.crossEntropy(head.forward(out), new Array(24).fill(1)).backward();
    opt.step();
  });
  assert.equal(t1[1], t1[0], "LSTM: [bytesInUse, peakBytes] unchanged from step 5 to 150");
  const cnn = new T.Sequential(new T.Conv2d(1, 4, 3, { padding: 1 }), new T.ReLU(), new T.MaxPool2d(2), new T.Flatten(), new T.Linear(64, 3));
  const opt2 = new T.SGD(cnn.parameters(), { lr: 0.01, momentum: 0.9 });
  const img = T.randn([4, 1, 8, 8]).keep();
  const t2 = trainLoop(150, () => {
    opt2.zeroGrad();
    T.crossEntropy(cnn.forward(img), [0, 1, 2, 0]).backward();
    opt2.step();
  });
  assert.equal(t2[1], t2[0], "CNN: [bytesInUse, peakBytes] unchanged from step 5 to 150");
  for (const m of [lstm, head, cnn]) m.free();
  opt.free();
  opt2.free();
  x.free();
  img.free();
});

test.run();

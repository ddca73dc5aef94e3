// The size-class pool: a training step's alloc/free pattern repeated 1000 times must not grow memory,
// bytesInUse returns to zero, peakBytes is the high-water mark, and pointers are 16-byte aligned.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync, sizeClass } from "../../core/src/wasm.ts";

test("size classes: ≥ request, multiple of 16, ≤ 25 % slack above 256 bytes", () => {
  for (let b = 1; b < 1 << 22; b = Math.ceil(b * 1.37) + 1) {
    const c = sizeClass(b);
    assert.ok(c >= b && c % 16 === 0, `class of ${b} is ${c}`);
    if (b > 256) assert.ok(c <= b * 1.25 + 16, `slack of ${b}: ${c}`);
  }
});

test("1000 cycles of an MLP step's alloc/free pattern do not grow memory", () => {
  const k = loadKernelsSync();
  // the 784-500-10 MLP at batch 100: activations, gradients and temporaries of one step
  const sizes = [100 * 784, 100 * 500, 100 * 500, 100 * 10, 100 * 10, 100, 100 * 500, 100 * 500, 784 * 500, 500, 500 * 10, 10, 1, 100 * 784];
  const params = [784 * 500, 500, 500 * 10, 10].map((n) => k.alloc(n * 4));
  const step = (): void => {
    const live: [number, number][] = [];
    for (const [i, n] of sizes.entries()) {
      const p = k.alloc(n * 4);
      assert.ok(p !== 0 && p % 16 === 0);
      k.fill(p, n, i);
      live.push([p, n * 4]);
      if (i % 3 === 2) { const [q, b] = live.shift() as [number, number]; k.free(q, b); } // free some mid-step
    }
    for (const [q, b] of live.reverse()) k.free(q, b);
  };
  const inUse0 = k.bytesInUse();
  step();
  const heap1 = k.heapBytes(), mem1 = k.memoryBytes(), peak1 = k.peakBytes();
  for (let i = 0; i < 1000; i++) step();
  assert.is(k.heapBytes(), heap1, "arena grew");
  assert.is(k.memoryBytes(), mem1, "linear memory grew");
  assert.is(k.peakBytes(), peak1, "peak changed");
  assert.is(k.bytesInUse(), inUse0);
  assert.ok(peak1 > inUse0 && peak1 >= sizes.reduce((s, n) => s + n * 4, 0) / 2);
  for (const [i, p] of params.entries()) k.free(p, [784 * 500, 500, 500 * 10, 10][i] * 4);
  assert.is(k.bytesInUse(), 0);
});

test("growth keeps old data and refreshes the f32() view; calloc zeroes reused blocks", () => {
  const k = loadKernelsSync();
  const p = k.alloc(16);
  k.f32()[p >> 2] = 42;
  const before = k.memoryBytes();
  const big = k.alloc(before * 2);
  assert.ok(k.memoryBytes() > before);
  assert.is(k.f32()[p >> 2], 42);
  assert.is(k.f32().length * 4, k.memoryBytes());
  k.fill(big, 1000, 7);
  k.free(big, before * 2);
  const z = k.calloc(before * 2);
  assert.is(z, big, "same size class is reused");
  assert.is(k.f32()[(z >> 2) + 999], 0);
});

test.run();

// The drawing → MNIST input step, without a browser: bounding box to 20×20 keeping aspect, centre of
// mass at the centre of 28×28, values in [0,1]; and a real test digit survives the round trip.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mnistInput } from "../../plugins/demos/client/mnist-input.ts";
import { loadMnist } from "../../models/data/mnist.ts";

function box(img: Float32Array): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = 28, y0 = 28, x1 = -1, y1 = -1;
  for (let i = 0; i < 784; i++) {
    if (img[i] <= 0.01) continue;
    const x = i % 28, y = Math.floor(i / 28);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return { x0, y0, x1, y1 };
}

function centre(img: Float32Array): [number, number] {
  let m = 0, cx = 0, cy = 0;
  for (let i = 0; i < 784; i++) {
    m += img[i];
    cx += img[i] * ((i % 28) + 0.5);
    cy += img[i] * (Math.floor(i / 28) + 0.5);
  }
  return [cx / m, cy / m];
}

test("no ink gives nothing", () => {
  assert.is(mnistInput(new Float32Array(100 * 100), 100, 100), undefined);
});

test("a tall bar in a corner: 20 pixels high, aspect kept, centred by mass, values in [0,1]", () => {
  const W = 200, H = 200;
  const ink = new Float32Array(W * H);
  for (let y = 10; y < 110; y++) for (let x = 150; x < 175; x++) ink[y * W + x] = 1; // 25 wide, 100 tall
  const out = mnistInput(ink, W, H)!;
  const b = box(out);
  assert.is(b.y1 - b.y0 + 1, 20, "height fits 20");
  assert.is(b.x1 - b.x0 + 1, 5, "width keeps the 1:4 aspect");
  const [cx, cy] = centre(out);
  assert.ok(Math.abs(cx - 14.5) <= 0.5 && Math.abs(cy - 14.5) <= 0.5, `centre of mass ${cx}, ${cy} (pixel centres at +0.5)`);
  assert.ok(out.every((v) => v >= 0 && v <= 1));
});

test("mass, not the box, is centred: a bar with a heavy end sits off the box centre", () => {
  const W = 100;
  const ink = new Float32Array(W * W);
  for (let x = 10; x < 90; x++) for (let y = 40; y < 44; y++) ink[y * W + x] = 1;
  for (let x = 80; x < 90; x++) for (let y = 30; y < 54; y++) ink[y * W + x] = 1; // a block at the right end
  const out = mnistInput(ink, W, W)!;
  const [cx] = centre(out);
  const b = box(out);
  assert.ok(Math.abs(cx - 14.5) <= 0.5, `centre of mass x ${cx}`);
  assert.ok((b.x0 + b.x1 + 1) / 2 < 13, `box centre ${(b.x0 + b.x1 + 1) / 2} is left of the middle`);
});

test("an MNIST digit scaled up 10× comes back as itself (same box, same place)", () => {
  const { test: rows } = loadMnist();
  const digit = rows.x.slice(0, 784);
  const big = new Float32Array(280 * 280);
  for (let y = 0; y < 280; y++) for (let x = 0; x < 280; x++) big[y * 280 + x] = digit[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
  const out = mnistInput(big, 280, 280)!;
  let diff = 0;
  for (let i = 0; i < 784; i++) diff += Math.abs(out[i] - digit[i]);
  const rel = diff / digit.reduce((s, v) => s + v, 0);
  assert.ok(rel < 0.1, `relative L1 difference ${rel}`);
});

test.run();

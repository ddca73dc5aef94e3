// Shared helpers for the kernel tests: a seeded RNG, copies in and out of WASM memory, comparisons.
import type { Kernels } from "../../core/src/wasm.ts";

export function rng(seed: number): () => number {
  // xorshift32, uniform in [0, 1)
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

export function randn(r: () => number, n: number, scale = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (r() * 2 - 1) * scale;
  return out;
}

export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Allocate and copy a float array into WASM memory; returns a byte pointer. */
export function putF(k: Kernels, data: ArrayLike<number>): number {
  const p = k.alloc(Math.max(4, data.length * 4));
  k.f32().set(data, p >> 2);
  return p;
}

export function putI(k: Kernels, data: ArrayLike<number>): number {
  const p = k.alloc(Math.max(4, data.length * 4));
  k.i32().set(data, p >> 2);
  return p;
}

export function getF(k: Kernels, p: number, n: number): Float64Array {
  return Float64Array.from(k.f32().subarray(p >> 2, (p >> 2) + n));
}

export function getI(k: Kernels, p: number, n: number): Int32Array {
  return Int32Array.from(k.i32().subarray(p >> 2, (p >> 2) + n));
}

/** Largest |a - b| / (atol + rtol·|b|); ≤ 1 means close. */
export function closeness(a: ArrayLike<number>, b: ArrayLike<number>, rtol = 1e-5, atol = 1e-5): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const e = Math.abs(x - y) / (atol + rtol * Math.abs(y));
    if (!(e <= worst)) worst = e;
  }
  return worst;
}

export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string, rtol = 1e-5, atol = 1e-5): void {
  const c = closeness(a, b, rtol, atol);
  if (!(c <= 1)) {
    let at = -1;
    for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) { at = i; break; }
    throw new Error(`${what}: not close (worst ratio ${c.toFixed(2)}); first at ${at}: got ${a[at]}, want ${b[at]}`);
  }
}

/** Round through float32 as the kernels see their inputs. */
export function f32r(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(Float32Array.from(a));
}

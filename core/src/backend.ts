// Access to the WASM kernels (core/src/wasm.ts) plus a small scratch area in WASM memory for the
// shape/stride arrays the strided kernels read.
import { loadKernels, loadKernelsSync, type Kernels } from "./wasm.ts";

let K: Kernels | null = null;
let scratch = 0;
const SCRATCH_INTS = 64;

/** The loaded kernels (loads synchronously on first use). */
export function kernels(): Kernels {
  if (K === null) {
    K = loadKernelsSync();
    scratch = K.alloc(SCRATCH_INTS * 4);
  }
  return K;
}

/** Load the kernels asynchronously (optional; `kernels()` loads synchronously otherwise). */
export async function init(): Promise<Kernels> {
  if (K === null) {
    K = await loadKernels();
    scratch = K.alloc(SCRATCH_INTS * 4);
  }
  return K;
}

/** Write up to 4 small i32 arrays into scratch memory; returns their byte pointers. */
export function writeScratch(arrays: readonly (readonly number[])[]): number[] {
  const k = kernels();
  const i32 = k.i32();
  const ptrs: number[] = [];
  let at = scratch >> 2;
  for (const arr of arrays) {
    if (arr.length > 16) throw new Error(`internal: scratch array too long (${arr.length})`);
    ptrs.push(at << 2);
    for (let i = 0; i < arr.length; i++) i32[at + i] = arr[i];
    at += 16;
  }
  return ptrs;
}

/** Bytes currently allocated from the kernels' pool (includes the small scratch area). */
export function bytesInUse(): number {
  return kernels().bytesInUse();
}

/** Highest bytesInUse seen so far. */
export function peakBytes(): number {
  return kernels().peakBytes();
}

// Access to the WASM kernels (core/src/wasm.ts) plus a small scratch area in WASM memory for the
// shape/stride arrays the strided kernels read.
import { loadKernels, loadKernelsSync, type Kernels, type LoadOptions } from "./wasm.ts";

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

/**
 * Load the kernels asynchronously (optional; `kernels()` loads the default build synchronously on
 * first use). Pass `{ shared: true }` for the shared-memory build that core/src/threads.ts needs.
 */
export async function init(opts: LoadOptions = {}): Promise<Kernels> {
  if (K === null) useKernels(await loadKernels(opts));
  return K!;
}

/** Use an already loaded Kernels instance (e.g. shared memory + threads); must precede any tensor. */
export function useKernels(k: Kernels): void {
  if (K === k) return;
  if (K !== null) throw new Error("useKernels: kernels are already loaded; call it before creating any tensor");
  K = k;
  scratch = k.alloc(SCRATCH_INTS * 4);
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

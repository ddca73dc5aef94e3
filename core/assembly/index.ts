// Entry point of core/build/kernels.wasm: every exported kernel (see core/KERNELS.md).
export * from "./ops";
export { sgemmWs, sgemmBatchedWs, sgemmWorkspaceBytes } from "./sgemm";
export { ceilingKernel, ceilingFlopsPerIter } from "./ceiling";

export function heapBase(): usize {
  return (__heap_base + 15) & ~<usize>15;
}

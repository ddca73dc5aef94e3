/** The shared data loaders, one per data set of MODEL-ZOO.md. */
export * from "./brown.ts";
export * from "./tang.ts";
export * from "./iris.ts";
export * from "./mnist.ts";
export { packageDir } from "./packages.ts";
export { MT19937, permutation, trainTestSplitIndices } from "./numpy-random.ts";

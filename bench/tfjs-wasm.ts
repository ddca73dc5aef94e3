// The peer every training benchmark compares against: tfjs 4.22 on its wasm backend (XNNPACK), one
// thread, SIMD on, loaded from the installed package (no download).
import { createRequire } from "node:module";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

let ready: Promise<void> | undefined;

export function initTfjsWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(join(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"), "..", "dist") + "/");
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    tf.env().set("WASM_HAS_SIMD_SUPPORT", true);
    setThreadsCount(1);
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs wasm backend failed to initialise");
    await tf.ready();
  })();
  return ready;
}

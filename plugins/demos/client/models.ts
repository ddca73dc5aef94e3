// Model files, each fetched only when a demo asks for it, checked against the manifest (byte size and
// sha256 through crypto.subtle) before onnxruntime sees it, and turned into one session shared by every
// demo of the page that uses the same file.
import type { InferenceSession } from "onnxruntime-web";
import { siteRoot, type ModelFile } from "./manifest.ts";
import { loadRuntime } from "./runtime.ts";
import { timeRuns } from "./timing.ts";

/** A failure the widget shows to the reader; `reason` picks the sentence (see strings.ts). */
export class DemoError extends Error {
  constructor(
    readonly reason: "missingModel" | "badModel" | "fetchFailed" | "runtimeFailed",
    detail: string,
  ) {
    super(detail);
  }
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The file's bytes, after checking them against the manifest. */
export async function fetchVerified(file: Pick<ModelFile, "file" | "bytes" | "sha256">): Promise<Uint8Array> {
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(new URL(`models/${file.file}`, siteRoot));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = await response.arrayBuffer();
  } catch (e) {
    throw new DemoError("fetchFailed", `models/${file.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bytes.byteLength !== file.bytes) throw new DemoError("badModel", `models/${file.file}: ${bytes.byteLength} bytes, the manifest says ${file.bytes}`);
  // crypto.subtle exists in secure contexts only (https, localhost); elsewhere the size check stands alone.
  if (globalThis.crypto?.subtle) {
    const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
    if (digest !== file.sha256) throw new DemoError("badModel", `models/${file.file}: sha256 ${digest}, the manifest says ${file.sha256}`);
  }
  return new Uint8Array(bytes);
}

const sessions = new Map<string, Promise<InferenceSession>>();

export function loadSession(file: ModelFile): Promise<InferenceSession> {
  let s = sessions.get(file.file);
  if (!s) {
    s = (async () => {
      const [ort, bytes] = await Promise.all([
        loadRuntime().catch((e: unknown) => {
          throw new DemoError("runtimeFailed", e instanceof Error ? e.message : String(e));
        }),
        fetchVerified(file),
      ]);
      try {
        return timeRuns(await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" }), file);
      } catch (e) {
        throw new DemoError("badModel", `models/${file.file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
    // A failed load may be retried (e.g. the network came back).
    s.catch(() => sessions.delete(file.file));
    sessions.set(file.file, s);
  }
  return s;
}

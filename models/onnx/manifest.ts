// Writing exported graphs to disk and describing them for _site/models/manifest.json: file name,
// byte size, sha256, inputs and outputs (names, shapes with symbolic dims, dtypes). Writes are atomic
// (temporary file + rename), so a reader never sees half a model.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StateDict } from "../../core/src/index.ts";
import type { ArchitectureSpec } from "../types.ts";
import { exportOnnx, type ExportedGraph, type Precision } from "./export.ts";
import type { IOSpec } from "./graph.ts";

export interface ManifestFile {
  /** Model id as in MODEL-ZOO.md. */
  id: string;
  /** "model", or "encoder" / "decoder-step". */
  part: string;
  precision: Precision;
  /** File name relative to the models folder. */
  file: string;
  bytes: number;
  sha256: string;
  inputs: IOSpec[];
  outputs: IOSpec[];
  /** Smaller variants: the test metric onnxruntime-web measured on this very file (models/variant-quality.ts). */
  metric?: number;
}

/** `mlp.onnx`, `mlp.int8.onnx`, `seq2seq.encoder.onnx`, `seq2seq.decoder-step.fp16.onnx`. */
export function onnxFileName(id: string, part: string, precision: Precision): string {
  return `${id}${part === "model" ? "" : `.${part}`}${precision === "fp32" ? "" : `.${precision}`}.onnx`;
}

export function describe(id: string, g: ExportedGraph, precision: Precision): ManifestFile {
  return {
    id,
    part: g.part,
    precision,
    file: onnxFileName(id, g.part, precision),
    bytes: g.bytes.length,
    sha256: createHash("sha256").update(g.bytes).digest("hex"),
    inputs: g.inputs,
    outputs: g.outputs,
  };
}

/** Writes already exported graphs of one precision into `dir`; returns their manifest entries. */
export function writeGraphs(dir: string, id: string, graphs: ExportedGraph[], precision: Precision): ManifestFile[] {
  mkdirSync(dir, { recursive: true });
  return graphs.map((g) => {
    const entry = describe(id, g, precision);
    const path = join(dir, entry.file);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, g.bytes);
    renameSync(tmp, path);
    return entry;
  });
}

/** Export a model at the given precisions into `dir`; returns one manifest entry per file written. */
export function writeOnnx(dir: string, id: string, arch: ArchitectureSpec, sd: StateDict, precisions: Precision[] = ["fp32"]): ManifestFile[] {
  return precisions.flatMap((precision) => writeGraphs(dir, id, exportOnnx(arch, sd, { precision, name: id }), precision));
}

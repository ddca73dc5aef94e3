// The browser's view of `<site>/models/manifest.json` (written by models/publish.ts): only what the demos
// read, declared here so the client imports nothing from models/.

export interface TensorInfo {
  name: string;
  /** Numbers, or symbolic names such as "N" for a free dimension. */
  shape: (number | string)[];
  dtype: string;
}

export interface ModelFile {
  id: string;
  /** "model", or "encoder" / "decoder-step" for models in parts. */
  part: string;
  precision: "fp32" | "fp16" | "int8";
  file: string;
  bytes: number;
  sha256: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

export interface ManifestModel {
  id: string;
  metric: { name: string; value: number };
  metrics: Record<string, number>;
  log: string;
  files: ModelFile[];
  /** Text models: their token tables (`<id>.vocab.json`, models/onnx/README.md "Vocabulary files"). */
  vocab?: { file: string; bytes: number; sha256: string; format: string };
}

export interface Manifest {
  format: string;
  models: ManifestModel[];
}

/** Site root = the folder above assets/, where this bundle lives (works under any base path). */
export const siteRoot = new URL("../", import.meta.url);

let manifest: Promise<Manifest> | undefined;

/** The site's manifest, fetched once per page. */
export function loadManifest(): Promise<Manifest> {
  manifest ??= fetch(new URL("models/manifest.json", siteRoot)).then(async (r) => {
    if (!r.ok) throw new Error(`models/manifest.json: HTTP ${r.status}`);
    return (await r.json()) as Manifest;
  });
  return manifest;
}

// A text model's vocabulary file (`<id>.vocab.json`), fetched once per page when a widget asks for it,
// checked against the manifest like the model files (byte size, sha256), then parsed and typed.
import { parseVocab, type ModelVocab } from "../../../models/vocab-client.ts";
import type { ManifestModel } from "./manifest.ts";
import { DemoError, fetchVerified } from "./models.ts";

const vocabs = new Map<string, Promise<ModelVocab>>();

/** The model's vocabulary; `kind` is the one the widget needs (a mismatch is a damaged-model error). */
export function loadVocab<K extends ModelVocab["kind"]>(model: ManifestModel, kind: K): Promise<Extract<ModelVocab, { kind: K }>> {
  const info = model.vocab;
  if (!info) return Promise.reject(new DemoError("missingModel", `${model.id}: no vocabulary file in the manifest`));
  let v = vocabs.get(info.file);
  if (!v) {
    v = fetchVerified(info).then((bytes) => {
      try {
        return parseVocab(JSON.parse(new TextDecoder().decode(bytes)));
      } catch (e) {
        throw new DemoError("badModel", `models/${info.file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    v.catch(() => vocabs.delete(info.file));
    vocabs.set(info.file, v);
  }
  return v.then((vocab) => {
    if (vocab.kind !== kind) throw new DemoError("badModel", `models/${info.file}: a ${vocab.kind} vocabulary, expected ${kind}`);
    return vocab as Extract<ModelVocab, { kind: K }>;
  });
}

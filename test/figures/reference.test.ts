// models/reference.json (the PyTorch figures the pages show, committed because the site must not read
// ../shared) must be what models/reference-figures.ts makes of ../shared/reference/pytorch.json.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REFERENCE_FIGURES, formatFigures, readReferenceFigures, referenceFigures } from "../../models/reference-figures.ts";
import { MODEL_IDS, getSpec } from "../../models/specs/index.ts";
import { sharedFile } from "../helpers/shared.ts";

test("the committed reference figures match ../shared/reference/pytorch.json", () => {
  const text = sharedFile("reference/pytorch.json");
  if (text === undefined) return;
  const expected = formatFigures(referenceFigures(JSON.parse(text) as Record<string, unknown>));
  assert.is(readFileSync(REFERENCE_FIGURES, "utf8"), expected, "run npx tsx models/reference-figures.ts");
});

test("every model has a figure for its quality metric, a bar on the right side of it and a torch version", () => {
  const f = readReferenceFigures();
  for (const id of MODEL_IDS) {
    const r = f.models[id];
    assert.ok(r, id);
    assert.is(r.metric, getSpec(id).quality.metric, id);
    assert.ok(Number.isFinite(r.mean) && Number.isFinite(r.bar), id);
    assert.ok(r.higherIsBetter ? r.bar <= r.figure + 1e-12 : r.bar >= r.figure - 1e-12, `${id}: bar beside the figure`);
    assert.match(r.torch, /^\d+\.\d+/, id);
  }
  assert.is(f.models.mlp.seeds, 3);
});

test.run();

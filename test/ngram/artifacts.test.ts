import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveTrainedModel } from "../../ngram/artifacts.ts";

test("trained models are written under <dir>/<id>/, bad ids refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "ngram-art-"));
  const paths = saveTrainedModel("brown-word-mkn", { "model.bin": new Uint8Array([1, 2, 3]), "meta.json": "{}\n" }, dir);
  assert.equal(paths, [join(dir, "brown-word-mkn", "model.bin"), join(dir, "brown-word-mkn", "meta.json")]);
  assert.equal(Array.from(readFileSync(paths[0])), [1, 2, 3]);
  assert.throws(() => saveTrainedModel("../escape", {}, dir), /bad model id/);
});

test.run();

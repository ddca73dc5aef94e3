// {% modelfigures "id" %} in a built site: the published model's figures in the page (read from the
// manifest and log the build wrote), and an unknown id is an error naming the file and line.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../helpers/site.ts";

test("the shortcode places the published model's figures; the confusion matrix comes from its log", async () => {
  const site = await buildSite({ "2024-01-01-fig.md": '---\ntitle: Fig\n---\n\nText.\n\n{% modelfigures "perceptron" %}\n' }, { models: [] });
  assert.is(site.error, undefined, String(site.error));
  const page = site.read("2024/01/01/fig.html");
  const log = JSON.parse(site.read("models/perceptron.log.json")) as { confusion?: { matrix: number[][] }; metrics: { accuracy: number } };
  assert.ok(log.confusion, "the published log carries the confusion matrix");
  const total = log.confusion.matrix.flat().reduce((a, b) => a + b, 0);
  assert.is(total, 38, "iris test split");
  assert.match(page, /<figure class="tp-figures" data-model="perceptron">/);
  assert.match(page, new RegExp(`${total} test examples of 2 classes`));
  assert.match(page, new RegExp(`<td>${(100 * log.metrics.accuracy).toFixed(2)} %</td>`));
  assert.match(page, /torch 1\.13/, "the committed reference figures");
  assert.not.match(page, /tp-error/);
});

test("an unknown or missing model id is an error naming the file and line", async () => {
  const site = await buildSite({ "2024-01-02-bad.md": '---\ntitle: Bad\n---\n\nText.\n\n{% modelfigures "nope" %}\n\n{% modelfigures %}\n' }, { models: [] });
  const logs = site.logs.join("\n");
  assert.match(logs, /2024-01-02-bad\.md:7: error: \[figures\] unknown model "nope"/);
  assert.is(logs.match(/unknown model "nope"/g)?.length, 1, "reported once");
  assert.match(logs, /2024-01-02-bad\.md:9: error: \[figures\] \{% modelfigures %\} takes one model id/);
  assert.match(site.read("2024/01/02/bad.html"), /class="tp-error"/);
});

test.run();

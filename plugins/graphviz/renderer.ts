// Build-time Graphviz: DOT source → inline SVG fragment (see svg.ts for the cleaning).
//
// Loading the WASM is asynchronous, but markdown-it and the Liquid pre-pass call us synchronously, so
// the plugin awaits `load()` once (e.g. in `eleventy.before`) and `render()` is then synchronous.
// Each renderer owns its own Graphviz instance (no module-level state of ours), keeps one spare
// instance so it can replace a crashed one without awaiting, and caches the finished HTML per source.
import * as hpccGraphviz from "@hpcc-js/wasm/graphviz";
import { errorBox, type BuildReport } from "../errors.ts";
import { cleanSvgDetailed, type CleanOptions } from "./svg.ts";

/** The part of @hpcc-js/wasm's `Graphviz` the renderer uses (tests inject fakes). */
export interface LayoutEngine {
  layout(dot: string, format: "svg", engine: "dot"): string;
  version?(): string;
}

/** Creates a fresh, independent engine. */
export type EngineFactory = () => Promise<LayoutEngine>;

export interface GraphvizRendererOptions {
  /** Default: a private instance of @hpcc-js/wasm's Graphviz. */
  loadEngine?: EngineFactory;
  /** Keep a second instance ready so a crashed one can be replaced synchronously. Default true. */
  spare?: boolean;
  clean?: CleanOptions;
}

export interface RenderWhere {
  /** Source file, as Eleventy names it. */
  file: string;
  /** 1-based line in `file` of the first line of `source` (with Liquid's paired tag, where the
   *  `{% graphviz %}` tag is, since the body starts right after it). DOT error lines are added to it. */
  line: number;
  report: BuildReport;
}

export interface GraphvizStats {
  /** Calls to render(). */
  renders: number;
  /** render() calls answered from the cache (including cached failures). */
  hits: number;
  /** render() calls that had to lay out. */
  misses: number;
  /** Calls into the layout engine (a retry after a crash counts again). */
  layouts: number;
  /** Successful layouts that went into the cache (distinct sources, unless clearCache() was called). */
  rendered: number;
  /** render() calls that returned an error box. */
  errors: number;
  /** Crashed engines replaced. */
  reloads: number;
  /** Time spent in the engine / in cleaning the SVG, ms. */
  layoutMs: number;
  cleanMs: number;
}

type CacheEntry =
  | { ok: true; html: string }
  /** `transient`: the engine crashed; not cached, so a later render (after the next load()) tries again. */
  | { ok: false; message: string; dotLine: number | undefined; transient?: boolean };

/** A WebAssembly trap or an Emscripten abort, as opposed to a DOT error. */
export function isWasmFailure(err: unknown): boolean {
  if (typeof WebAssembly !== "undefined" && err instanceof WebAssembly.RuntimeError) return true;
  const message = err instanceof Error ? err.message : String(err);
  return /memory access out of bounds|unreachable|out of memory|Cannot enlarge memory|Aborted\(|RuntimeError|table index is out of bounds|null function|indirect call|integer overflow|divide by zero|call stack size exceeded/i.test(
    message,
  );
}

// @hpcc-js/wasm 2.35.3's types/graphviz.d.ts only re-exports "@hpcc-js/wasm-graphviz", a package that is
// bundled into dist/ but not installed, so TypeScript sees no `Graphviz`. The runtime export exists; this
// is the slice of it we use.
interface GraphvizInstance {
  layout(dot: string, format: string, engine: string): string;
  version(): string;
}
interface GraphvizClass {
  load(): Promise<GraphvizInstance>;
  unload(): void;
}
const Graphviz = (hpccGraphviz as unknown as { Graphviz: GraphvizClass }).Graphviz;

/** Loads a Graphviz instance nobody else holds: @hpcc-js/wasm caches one per process, so the cache is
 *  cleared before and after asking (the instance we get stays valid; only the shared pointer is reset). */
export const loadPrivateGraphviz: EngineFactory = async () => {
  Graphviz.unload();
  const pending = Graphviz.load();
  Graphviz.unload();
  const gv = await pending;
  return {
    layout: (dot, format, engine) => gv.layout(dot, format, engine),
    version: () => gv.version(),
  };
};

export class GraphvizRenderer {
  readonly #loadEngine: EngineFactory;
  readonly #wantSpare: boolean;
  readonly #clean: CleanOptions;
  #engine: LayoutEngine | undefined;
  #spare: LayoutEngine | undefined;
  #loading: Promise<void> | undefined;
  #refilling: Promise<void> | undefined;
  readonly #cache = new Map<string, CacheEntry>();
  #stats: GraphvizStats = { renders: 0, hits: 0, misses: 0, layouts: 0, rendered: 0, errors: 0, reloads: 0, layoutMs: 0, cleanMs: 0 };

  constructor(options: GraphvizRendererOptions = {}) {
    this.#loadEngine = options.loadEngine ?? loadPrivateGraphviz;
    this.#wantSpare = options.spare ?? true;
    this.#clean = options.clean ?? {};
  }

  /** Loads the WASM (once; later calls only wait for a spare being prepared after a crash). */
  async load(): Promise<void> {
    if (!this.#engine) {
      this.#loading ??= (async () => {
        try {
          this.#engine = await this.#loadEngine();
        } finally {
          this.#loading = undefined;
        }
      })();
    }
    // The spare loads alongside the engine (WASM compilation overlaps), not after it.
    if (this.#wantSpare && !this.#spare) this.#refill();
    await this.#loading;
    await this.#refilling;
  }

  get loaded(): boolean {
    return this.#engine !== undefined;
  }

  /** Graphviz version of the loaded engine, e.g. `16.1.0`. */
  get version(): string | undefined {
    return this.#engine?.version?.();
  }

  /** Graphs laid out successfully so far (each distinct source once, unless clearCache() was called). */
  get renderedCount(): number {
    return this.#stats.rendered;
  }

  get stats(): Readonly<GraphvizStats> {
    return { ...this.#stats };
  }

  get cacheSize(): number {
    return this.#cache.size;
  }

  /** Forgets cached results and counters (the engine stays loaded). */
  clearCache(): void {
    this.#cache.clear();
  }

  resetStats(): void {
    this.#stats = { renders: 0, hits: 0, misses: 0, layouts: 0, rendered: 0, errors: 0, reloads: 0, layoutMs: 0, cleanMs: 0 };
  }

  /**
   * DOT → `<div class="graphviz-wrapper"><svg …>…</svg></div>` (no blank line), laid out with `dot`.
   * Invalid DOT is reported to `where.report` and rendered as an error box. Requires `load()` first.
   */
  render(source: string, where: RenderWhere): string {
    if (!this.#engine) throw new Error("GraphvizRenderer.render() called before load() finished");
    this.#stats.renders++;
    let entry = this.#cache.get(source);
    if (entry) this.#stats.hits++;
    else {
      this.#stats.misses++;
      entry = this.#compute(source);
      if (entry.ok || !entry.transient) this.#cache.set(source, entry);
    }
    if (entry.ok) return entry.html;
    this.#stats.errors++;
    const line = entry.dotLine === undefined ? where.line : where.line + entry.dotLine - 1;
    const problem = where.report.error(where.file, line, "graphviz", entry.message);
    return errorBox(problem);
  }

  #compute(source: string): CacheEntry {
    if (source.trim() === "") return { ok: false, message: "empty graphviz block", dotLine: undefined };
    let svg: string;
    try {
      svg = this.#layoutWithRetry(source);
    } catch (err) {
      const raw = (err instanceof Error ? err.message : String(err)).trim();
      const dotLine = /\bline (\d+)\b/.exec(raw);
      if (isWasmFailure(err)) return { ok: false, message: `Graphviz crashed (${raw}) and could not be recovered`, dotLine: undefined, transient: true };
      return { ok: false, message: raw || "Graphviz failed", dotLine: dotLine ? Number(dotLine[1]) : undefined };
    }
    if (!/<svg[\s>]/.test(svg)) return { ok: false, message: "Graphviz produced no SVG for this source", dotLine: undefined };
    const started = performance.now();
    const cleaned = cleanSvgDetailed(svg, this.#clean);
    this.#stats.cleanMs += performance.now() - started;
    this.#stats.rendered++;
    return { ok: true, html: cleaned.html };
  }

  #layoutOnce(engine: LayoutEngine, source: string): string {
    this.#stats.layouts++;
    const started = performance.now();
    try {
      return engine.layout(source, "svg", "dot");
    } finally {
      this.#stats.layoutMs += performance.now() - started;
    }
  }

  /** Lays out; if the engine traps, swaps in the spare (a crashed WASM heap can't be trusted) and retries once. */
  #layoutWithRetry(source: string): string {
    try {
      return this.#layoutOnce(this.#engine as LayoutEngine, source);
    } catch (err) {
      if (!isWasmFailure(err)) throw err;
      const spare = this.#spare;
      if (!spare) throw err;
      this.#engine = spare;
      this.#spare = undefined;
      this.#stats.reloads++;
      this.#refill();
      return this.#layoutOnce(spare, source);
    }
  }

  /** Starts preparing a spare engine in the background (awaited by the next load()). */
  #refill(): void {
    if (!this.#wantSpare || this.#spare || this.#refilling) return;
    this.#refilling = (async () => {
      try {
        this.#spare = await this.#loadEngine();
      } catch {
        // Without a spare a crash is reported instead of retried; the next load() tries again.
      } finally {
        this.#refilling = undefined;
      }
    })();
  }
}

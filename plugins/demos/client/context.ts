// What a widget gets when its island hydrates (the contract of client/widgets/*, see ../README.md).
import type { InferenceSession } from "onnxruntime-web";
import type { ManifestModel, ModelFile } from "./manifest.ts";
import { DemoError, loadSession } from "./models.ts";
import { loadRuntime, type Ort } from "./runtime.ts";
import { strings } from "./strings.ts";

export type DemoState = "static" | "loading" | "ready" | "error";

/** A tensor handed to `run`: flat data and its dims. */
export interface Feed {
  data: Float32Array | Int32Array | BigInt64Array;
  dims: number[];
}

export interface Result {
  data: Float32Array | Int32Array | BigInt64Array | Uint8Array;
  dims: readonly number[];
}

export interface DemoContext {
  /** The model id (`data-demo`) and widget kind (`data-kind`). */
  id: string;
  kind: string;
  /** The model's manifest entry, and its file of the chosen variant (`variant` option, default fp32). */
  model: ManifestModel;
  file(part?: string): ModelFile;
  /** The file of every part at the chosen variant: what the demo downloads. */
  files(): ModelFile[];
  /** The island's options (strings, checked at build time) and build-time data (`data-demo-data`). */
  options: Record<string, string>;
  data: unknown;
  /** The page's language and the demos' words in it. */
  lang: string;
  t: ReturnType<typeof strings>;
  /** The island's parts: the stage (replace its static figure), the result (`data-output`), the status line. */
  stage: HTMLElement;
  output: HTMLElement;
  status: HTMLElement;
  /** The verified, shared session of a file of this model (lazy: the first call downloads it). */
  session(part?: string): Promise<InferenceSession>;
  /** The shared onnxruntime-web module (for `Tensor`). */
  runtime(): Promise<Ort>;
  /** Runs a session on plain arrays; returns every output by name. */
  run(feeds: Record<string, Feed>, part?: string): Promise<Record<string, Result>>;
  /** Sets `data-state` (and the status line; `message` for errors). */
  setState(state: DemoState, message?: string): void;
  /** Reports any failure in the widget (data-state="error" and a readable message). */
  fail(error: unknown): void;
}

// The page's one WASM runtime runs one model at a time: runs from all demos queue here.
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

export function createContext(root: HTMLElement, model: ManifestModel, onState: (s: DemoState) => void): DemoContext {
  const lang = root.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "en";
  const t = strings(lang);
  const parse = (attr: string): unknown => {
    const v = root.getAttribute(attr);
    return v === null ? undefined : (JSON.parse(v) as unknown);
  };
  const options = (parse("data-options") as Record<string, string> | undefined) ?? {};
  const variant = options.variant ?? "fp32";
  const part = (p: string | undefined): string => p ?? "model";
  const file = (p?: string): ModelFile => {
    const f = model.files.find((x) => x.part === part(p) && x.precision === variant) ?? model.files.find((x) => x.part === part(p));
    if (!f) throw new DemoError("missingModel", `${model.id}: no ${part(p)} file in the manifest`);
    return f;
  };
  const q = (sel: string): HTMLElement => {
    const el = root.querySelector<HTMLElement>(sel);
    if (el) return el;
    const made = document.createElement(sel === "[data-output]" ? "output" : "div");
    made.setAttribute(sel.slice(1, -1), "");
    root.append(made);
    return made;
  };
  const ctx: DemoContext = {
    id: model.id,
    kind: root.dataset.kind ?? "",
    model,
    file,
    files: () => [...new Set(model.files.map((f) => f.part))].map((p) => file(p)),
    options,
    data: parse("data-demo-data"),
    lang,
    t,
    stage: q("[data-stage]"),
    output: q("[data-output]"),
    status: q("[data-status]"),
    session: (p) => loadSession(file(p)),
    runtime: loadRuntime,
    async run(feeds, p) {
      const [ort, session] = await Promise.all([loadRuntime(), loadSession(file(p))]);
      return exclusive(async () => {
        const inputs: Record<string, InstanceType<Ort["Tensor"]>> = {};
        for (const [name, f] of Object.entries(feeds)) inputs[name] = new ort.Tensor(f.data, f.dims);
        const out = await session.run(inputs);
        const result: Record<string, Result> = {};
        for (const [name, tensor] of Object.entries(out)) result[name] = { data: tensor.data as Result["data"], dims: tensor.dims };
        return result;
      });
    },
    setState(state, message) {
      root.dataset.state = state;
      onState(state);
      if (state === "loading") ctx.status.textContent = t.loading;
      else if (state === "ready") ctx.status.textContent = t.ready;
      else if (state === "error") {
        ctx.status.textContent = `${t.error} ${message ?? ""}`;
        ctx.status.setAttribute("role", "alert");
      }
    },
    fail(error) {
      console.error(`[demo ${model.id}]`, error);
      const reason = error instanceof DemoError ? t[error.reason] : t.runtimeFailed;
      const detail = error instanceof Error ? error.message : String(error);
      ctx.setState("error", `${reason} (${detail})`);
    },
  };
  return ctx;
}

// Every problem found while building a page goes through one report, so a normal build can list all of
// them (and show a box in the page) and a strict build can fail with the whole list, not the first.

export type Severity = "error" | "warning";

export interface Problem {
  /** Path of the source file as given to Eleventy, e.g. `./posts/2024-01-01-a.md`. */
  file: string;
  /** 1-based line in that source file (front matter included), when known. */
  line?: number;
  /** What produced it: `katex`, `graphviz`, `liquid`, `front-matter`, `date`, `image`, … */
  kind: string;
  message: string;
  severity: Severity;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${where}: ${p.severity === "warning" ? "warning" : "error"}: [${p.kind}] ${p.message}`;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

/** The visible box a normal build renders where the broken piece would have been. One line, no blank lines. */
export function errorBox(p: Problem, inline = false): string {
  const tag = inline ? "span" : "div";
  return `<${tag} class="tp-error" role="alert" data-kind="${escapeHtml(p.kind)}"><strong>${escapeHtml(p.kind)} error</strong> ${escapeHtml(formatProblem(p))}</${tag}>`;
}

export class BuildReport {
  readonly strict: boolean;
  #problems: Problem[] = [];
  #seen = new Set<string>();

  constructor(strict: boolean) {
    this.strict = strict;
  }

  /** Records a problem once (a page rendered twice, e.g. for the feed, must not double it). */
  add(p: Problem): Problem {
    const key = formatProblem(p);
    if (!this.#seen.has(key)) {
      this.#seen.add(key);
      this.#problems.push(p);
    }
    return p;
  }

  error(file: string, line: number | undefined, kind: string, message: string): Problem {
    return this.add({ file, line, kind, message, severity: "error" });
  }

  warn(file: string, line: number | undefined, kind: string, message: string): Problem {
    return this.add({ file, line, kind, message, severity: "warning" });
  }

  get errors(): Problem[] {
    return this.#problems.filter((p) => p.severity === "error");
  }

  get warnings(): Problem[] {
    return this.#problems.filter((p) => p.severity === "warning");
  }

  /** Forgets everything: called at the start of each build (serve mode rebuilds in one process). */
  reset(): void {
    this.#problems = [];
    this.#seen.clear();
  }

  summary(): string {
    const lines = [...this.errors, ...this.warnings].map(formatProblem);
    return `${this.errors.length} error(s), ${this.warnings.length} warning(s)\n${lines.join("\n")}`;
  }
}

export function strictFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const on = (v: string | undefined) => v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
  return on(env.TENSORPOST_STRICT) || on(env.CI);
}

// Builds a throw-away Eleventy site with the tensorpost plugin, the way a blogger's site adds it.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import Eleventy from "@11ty/eleventy";
import tensorpost, { type TensorpostOptions } from "../../plugins/index.ts";

export interface BuiltSite {
  root: string;
  out: string;
  /** Undefined when the build succeeded. */
  error?: Error;
  /** Everything the build printed through console.warn/console.error. */
  logs: string[];
  read(path: string): string;
  exists(path: string): boolean;
  files(): string[];
}

export async function buildSite(files: Record<string, string | Buffer>, options: Partial<TensorpostOptions> = {}): Promise<BuiltSite> {
  const root = mkdtempSync(join(tmpdir(), "tensorpost-site-"));
  const input = join(root, "posts");
  const out = join(root, "_site");
  for (const [path, content] of Object.entries(files)) {
    const target = join(input, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  mkdirSync(input, { recursive: true });
  const configPath = join(root, "eleventy.config.mjs");
  writeFileSync(configPath, "export default function () {}\n");
  const logs: string[] = [];
  const { warn, error, log } = console;
  console.warn = (...a: unknown[]) => void logs.push(a.map(String).join(" "));
  console.error = (...a: unknown[]) => void logs.push(a.map(String).join(" "));
  console.log = () => undefined;
  let failure: Error | undefined;
  try {
    const elev = new Eleventy(input, out, {
      quietMode: true,
      configPath,
      config(cfg: Parameters<typeof tensorpost>[0]) {
        cfg.addPlugin(tensorpost, { strict: false, ...options });
      },
    });
    await elev.write();
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  } finally {
    Object.assign(console, { warn, error, log });
  }
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) => {
          const p = join(dir, name);
          return statSync(p).isDirectory() ? walk(p) : [relative(out, p)];
        })
      : [];
  return {
    root,
    out,
    error: failure,
    logs,
    read: (p) => readFileSync(join(out, p), "utf8"),
    exists: (p) => existsSync(join(out, p)),
    files: () => walk(out).sort(),
  };
}

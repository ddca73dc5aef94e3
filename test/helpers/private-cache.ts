// A private model cache for one test file, so its builds train from scratch and never read a developer's
// cache. uvu runs every file of a folder in one process: setting TENSORPOST_CACHE_DIR at a file's top
// level would send the other files' builds to the empty folder too (and make them train everything), so
// the variable is set only while this file's tests run, and restored after.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Test } from "uvu";

/** Registers before/after hooks on `suite`; returns the folder (created now, removed after the suite). */
export function privateModelCache(suite: Test, prefix = "tensorpost-cache-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let saved: string | undefined;
  suite.before(() => {
    saved = process.env.TENSORPOST_CACHE_DIR;
    process.env.TENSORPOST_CACHE_DIR = dir;
  });
  suite.after(() => {
    if (saved === undefined) delete process.env.TENSORPOST_CACHE_DIR;
    else process.env.TENSORPOST_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

// Tests that read ../shared (the reference post, reference figures) say so and skip loudly without it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const sharedDir = join(new URL("../..", import.meta.url).pathname, "..", "shared");

export function sharedFile(path: string): string | undefined {
  const full = join(sharedDir, path);
  if (!existsSync(full)) {
    console.warn(`SKIPPED: ../shared absent (${path}) — the tests that read it did not run`);
    return undefined;
  }
  return readFileSync(full, "utf8");
}

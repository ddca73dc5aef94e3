// Site build time: the reference post alone, and 200 generated posts of its size; cold and warm.
// Each run is a fresh process, so "cold" includes loading Graphviz and KaTeX; "warm" rebuilds in it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./machine.ts";

const root = new URL("..", import.meta.url).pathname;

/** The reference post if ../shared is here (said loudly when not), else the site's own guide post. */
function samplePost(): { name: string; text: string; source: string } {
  try {
    const text = readFileSync(join(root, "..", "shared", "fixtures", "2022-12-19-language-model.md"), "utf8");
    return { name: "language-model", text, source: "../shared reference post" };
  } catch {
    console.warn("bench/site: ../shared absent — using posts/2024-01-15-writing-a-post.md instead of the reference post");
    return { name: "writing-a-post", text: readFileSync(join(root, "posts", "2024-01-15-writing-a-post.md"), "utf8"), source: "the guide post" };
  }
}

function makeSite(posts: number): string {
  const dir = mkdtempSync(join(tmpdir(), "tensorpost-bench-"));
  const input = join(dir, "posts");
  mkdirSync(input, { recursive: true });
  const { text } = samplePost();
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    // Each copy differs (title and one formula), so per-source caches do not make copies free.
    const varied = text.replace(/^title:.*$/m, `title: Post ${i}`).replace(/\$\$ x \$\$/, `$$ x_{${i}} $$`);
    writeFileSync(join(input, `${day}-post-${i}.md`), varied);
  }
  return dir;
}

function runOnce(dir: string): { coldMs: number; warmMs: number; rssMiB: number } {
  const out = execFileSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "bench", "site-build.ts"), join(dir, "posts"), join(dir, "_site")], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const line = out.trim().split("\n").pop() ?? "{}";
  return JSON.parse(line) as { coldMs: number; warmMs: number; rssMiB: number };
}

export async function benchSite(runs = 3): Promise<Record<string, number | string>> {
  const result: Record<string, number | string> = { sample: samplePost().source };
  for (const [label, posts, n] of [["reference", 1, runs], ["posts200", 200, runs]] as const) {
    const dir = makeSite(posts);
    const samples = Array.from({ length: n }, () => runOnce(dir));
    rmSync(dir, { recursive: true, force: true });
    result[`${label}.coldMs`] = median(samples.map((s) => s.coldMs));
    result[`${label}.warmMs`] = median(samples.map((s) => s.warmMs));
    result[`${label}.rssMiB`] = median(samples.map((s) => s.rssMiB));
  }
  return result;
}

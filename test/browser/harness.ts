// Real Chromium (Debian's /usr/bin/chromium through playwright-core) over the built _site/, served from
// 127.0.0.1. Every request to another host is blocked and recorded, so a test can assert that none was
// even attempted. Without chromium the group is skipped loudly, except in CI, where that is a failure.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join, relative, sep } from "node:path";
import type { BrowserContext } from "playwright-core";
import { chromiumPath, keepLocal, launchPersistent } from "../../scripts/chromium.ts";
import { serveStatic } from "../../scripts/serve-static.ts";

export const root = new URL("../..", import.meta.url).pathname;
export const site = join(root, "_site");
export const artifacts = join(root, "test", "artifacts", "demos");
export { chromiumPath };

/** Why the group cannot run here, or undefined. Throws in CI: there a missing browser is a failure. */
export function skipReason(): string | undefined {
  if (!existsSync(chromiumPath)) {
    if (process.env.CI) throw new Error(`${chromiumPath} is missing: CI must install it (.ci/run installs Debian's chromium)`);
    return `${chromiumPath} absent (apt-get install chromium)`;
  }
  if (!existsSync(join(site, "assets", "demos.js"))) throw new Error("_site/ has no demos: build the site first (npm run build)");
  return undefined;
}

export interface Browser {
  context: BrowserContext;
  url: string;
  /** Requests to any host but the local server (each one was blocked). */
  foreign: string[];
  close(): Promise<void>;
}

/** `root`: serve another built site instead of _site/. `blockServiceWorkers`: a profile where the page's own requests are all the network sees (for routes
 *  that fake broken files). */
export async function launch(opts: { blockServiceWorkers?: boolean; noScript?: boolean; touch?: boolean; root?: string } = {}): Promise<Browser> {
  const { server, url } = await serveStatic(opts.root ?? site);
  const context = await launchPersistent({
    serviceWorkers: opts.blockServiceWorkers ? "block" : "allow",
    javaScriptEnabled: !opts.noScript,
    hasTouch: opts.touch === true,
  });
  const foreign = await keepLocal(context);
  return {
    context,
    url,
    foreign,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
    },
  };
}

/** URL paths of the built pages that hold a demo island. */
export function demoPages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      return e.isDirectory() ? walk(p) : e.name.endsWith(".html") ? [p] : [];
    });
  return walk(site)
    .filter((f) => readFileSync(f, "utf8").includes('<figure class="tp-demo '))
    .map((f) => `/${relative(site, f).split(sep).join("/")}`.replace(/index\.html$/, ""))
    .sort();
}

export function artifact(name: string): string {
  mkdirSync(artifacts, { recursive: true });
  return join(artifacts, name);
}

// Debian's chromium driven by playwright-core, as the browser tests and the demos benchmark use it: the
// flags that make it run headless on a server, and a guard that keeps a context on localhost (every
// request to another host is blocked and recorded, so callers can show that none was even attempted).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

/** No sandbox (containers), no GPU, and none of the browser's own background traffic. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface ContextOptions {
  /** Let pages register service workers (default) or not. */
  serviceWorkers?: "allow" | "block";
  javaScriptEnabled?: boolean;
  hasTouch?: boolean;
  viewport?: { width: number; height: number };
}

const defaultViewport = { width: 1100, height: 900 };

/** A context on a fresh profile of its own (a temporary --user-data-dir). */
export function launchPersistent(opts: ContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "tp-chromium-")), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: opts.viewport ?? defaultViewport,
    serviceWorkers: opts.serviceWorkers ?? "allow",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    hasTouch: opts.hasTouch === true,
  });
}

/** Fails every host name lookup but localhost's, in the browser itself: no routing through playwright
 *  (which adds a round trip to every request and would distort timings). */
export const localOnlyResolverArg = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost";

/** One browser process for many short-lived contexts (each starts with an empty cache and no service
 *  worker), that cannot reach any host but localhost. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, localOnlyResolverArg] });
}

export async function newContext(browser: Browser, opts: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: opts.viewport ?? defaultViewport,
    serviceWorkers: opts.serviceWorkers ?? "allow",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    hasTouch: opts.hasTouch === true,
  });
}

export function isLocalUrl(u: string): boolean {
  try {
    const { protocol, hostname } = new URL(u);
    return protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1" || hostname === "localhost";
  } catch {
    return false;
  }
}

/** Records every request of `context` that leaves localhost; returns the (live) list of those URLs. */
export function recordForeign(context: BrowserContext): string[] {
  const foreign: string[] = [];
  context.on("request", (r) => {
    if (!isLocalUrl(r.url())) foreign.push(r.url());
  });
  return foreign;
}

/** Records and blocks (through playwright's routing) every request of `context` that leaves localhost. */
export async function keepLocal(context: BrowserContext): Promise<string[]> {
  const foreign = recordForeign(context);
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (isLocalUrl(u)) return route.continue();
    foreign.push(u);
    return route.abort("blockedbyclient");
  });
  return foreign;
}

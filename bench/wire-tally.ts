// Counts, at the local static server, every byte it sends: the browser's own network accounting misses
// the service worker's fetches, the server sees them all. One HTTP/1.1 connection carries one response
// at a time (Chromium does not pipeline), so the growth of the socket's byte count between a request and
// its end is that response, headers included.
import type { Server } from "node:http";
import { isPrecacheRequest, resourceType, type WireEntry } from "./demo-bytes.ts";

export interface WireTally {
  /** Responses finished since the last `reset`. */
  entries(): WireEntry[];
  reset(): void;
  /** Resolves once no response has been in flight for `quietMs` (false if `timeoutMs` passed first). */
  idle(quietMs: number, timeoutMs: number): Promise<boolean>;
}

export function tallyServer(server: Server): WireTally {
  let done: WireEntry[] = [];
  let inFlight = 0;
  let lastEnd = performance.now();
  // Before the server's own handler, which may answer (a 404) at once.
  server.prependListener("request", (req, res) => {
    const socket = req.socket;
    const before = socket.bytesWritten;
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const precache = isPrecacheRequest(req.headers);
    inFlight++;
    res.once("close", () => {
      inFlight--;
      lastEnd = performance.now();
      const contentType = String(res.getHeader("content-type") ?? "");
      done.push({ path, type: resourceType(path, contentType), bytes: socket.bytesWritten - before, precache });
    });
  });
  return {
    entries: () => [...done],
    reset: () => {
      done = [];
    },
    async idle(quietMs, timeoutMs) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const now = performance.now();
        if (inFlight === 0 && now - lastEnd >= quietMs) return true;
        if (now > until) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

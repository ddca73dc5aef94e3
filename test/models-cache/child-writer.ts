// Child process for the interrupted-write test: starts writing a new entry, reports after the first
// file is on disk, then waits to be killed (SIGKILL) before it could finish.
import { ModelCache } from "../../models/cache.ts";

const [dir, trainer] = process.argv.slice(2);
const cache = new ModelCache({
  dir,
  afterFileWritten: (name) => {
    process.stdout.write(`wrote ${name}\n`);
    // Block here until the parent kills us.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
const parts = cache.parts({ spec: { model: "m", width: 2 }, trainer });
cache.put("m", parts, { "a.bin": new Uint8Array(1 << 20).fill(7), "b.bin": "second file", "c.json": "{}" });
process.stdout.write("finished (should not happen)\n");

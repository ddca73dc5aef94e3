/** Where the pinned npm data packages live (Node only). */
import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);

/** The folder of an installed package (the one holding its package.json). */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * The content-addressed model cache (issue 4). Every trained model — the zoo's neural models and the
 * n-gram site models — is stored here under `<dir>/<id>/<key>/`, where
 *
 *   key = sha256(canonical JSON of { spec, data: { <package>: <version> }, trainer })
 *
 * `spec` is the model's spec as data, `data` the versions of the npm data packages it reads (taken
 * from node_modules/<package>/package.json), `trainer` a version string of the code that trains it
 * (core version, trainer revision, … — given by the caller). Change any of them and the key changes.
 *
 * An entry is its files plus a `manifest.json` listing each file's byte size and sha256, the key
 * parts and the caller's meta data; no time stamps, so the same model gives the same bytes.
 *
 * - Reads verify every file against the manifest; a damaged entry is a miss with a reason
 *   (`lookup`), which the caller reports, and is rebuilt.
 * - Writes are atomic: files and manifest go to a temporary folder beside the final one, are
 *   fsynced, and the folder is renamed into place. Until that rename the previous entries of the id
 *   are untouched; an interrupted write (exception, killed process) leaves only a `.tmp-…` folder,
 *   which readers never look at and later writes sweep away.
 * - After a successful write the id's other keys are pruned (unless `prune: false`).
 *
 * The folder is `options.dir`, else $TENSORPOST_CACHE_DIR, else `.cache/models` in the repository.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import { canonicalJson, canonicalJsonPretty, asJson, type JsonValue } from "./canonical-json.ts";

export type { JsonValue } from "./canonical-json.ts";

export const REPO_ROOT = resolve(new URL("..", import.meta.url).pathname);
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, ".cache", "models");
export const MANIFEST = "manifest.json";
const FORMAT = 1;
const STALE_MS = 24 * 3600 * 1000;

/** File contents by file name (flat names: letters, digits, `.`, `_`, `-`). Strings are UTF-8. */
export type CacheFiles = Record<string, Uint8Array | string>;

/** What the caller knows: the spec, the names of the data packages read, the trainer version. */
export interface KeyInput {
  spec: unknown;
  packages?: readonly string[];
  trainer: string;
}

/** What the key is the hash of (also stored in the manifest). */
export interface KeyParts {
  spec: JsonValue;
  data: Record<string, string>;
  trainer: string;
}

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: number;
  id: string;
  key: string;
  parts: KeyParts;
  files: ManifestFile[];
  meta: JsonValue;
}

export interface Entry {
  id: string;
  key: string;
  dir: string;
  manifest: Manifest;
  meta: JsonValue;
  /** Names of the entry's files (manifest order: sorted). */
  files: string[];
  path(name: string): string;
  /** The file's bytes, checked again against the manifest. */
  read(name: string): Buffer;
  text(name: string): string;
}

export type Lookup = { status: "hit"; entry: Entry } | { status: "miss" } | { status: "corrupt"; reason: string };

export interface BuildOutput {
  files: CacheFiles;
  meta?: unknown;
}

export interface PutOptions {
  /** Replace a valid entry already stored at the key (default: keep it and drop the new files). */
  replace?: boolean;
}

export interface GetOrBuildOptions {
  /** Build even if a valid entry exists (and replace it). */
  force?: boolean;
}

export interface GetOrBuildResult {
  entry: Entry;
  /** True when this call ran the build. */
  built: boolean;
  /** Why an existing entry was not used (corruption), for the caller to report. */
  problem?: string;
}

export interface CacheOptions {
  /** The cache folder (default: $TENSORPOST_CACHE_DIR, else .cache/models in the repository). */
  dir?: string;
  /** Where data packages' package.json files are read (default: the repository's node_modules). */
  nodeModules?: string;
  /** Remove the id's other keys after a successful put (default true). */
  prune?: boolean;
  /** Test hook: called after each file is written to the temporary folder. */
  afterFileWritten?: (name: string, tempDir: string) => void;
}

const ID_RE = /^[a-z0-9][a-z0-9._-]*$/i;
const FILE_RE = /^[a-z0-9][a-z0-9._-]*$/i;
const KEY_RE = /^[0-9a-f]{64}$/;

export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function checkId(id: string): void {
  if (!ID_RE.test(id)) throw new Error(`model cache: bad model id ${JSON.stringify(id)}`);
}

function checkKey(key: string): void {
  if (!KEY_RE.test(key)) throw new Error(`model cache: bad key ${JSON.stringify(key)} (64 hex digits expected)`);
}

function checkFileName(name: string): void {
  if (!FILE_RE.test(name) || name === MANIFEST) throw new Error(`model cache: bad file name ${JSON.stringify(name)}`);
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, "utf8") : data;
}

function writeFileDurably(path: string, data: Uint8Array): void {
  const fd = openSync(path, "wx");
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Versions of the given npm packages, read from `<nodeModules>/<name>/package.json`. */
export function packageVersions(names: readonly string[], nodeModules = join(REPO_ROOT, "node_modules")): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const file = join(nodeModules, name, "package.json");
    if (!existsSync(file)) throw new Error(`model cache: data package ${name} is not installed (${file} missing)`);
    const version = (JSON.parse(readFileSync(file, "utf8")) as { version?: unknown }).version;
    if (typeof version !== "string") throw new Error(`model cache: ${file} has no version`);
    out[name] = version;
  }
  return out;
}

/**
 * A digest of source files (for a trainer version string): sha256 over the sorted relative paths and
 * contents of the given files and of the `.ts` files under the given folders.
 */
export function sourceDigest(paths: readonly string[], root = REPO_ROOT): string {
  const files: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const d of readdirSync(p)) if (!d.startsWith(".") && d !== "node_modules") walk(join(p, d));
    } else files.push(p);
  };
  for (const p of paths) {
    const full = resolve(root, p);
    if (statSync(full).isDirectory()) {
      const before = files.length;
      walk(full);
      // Inside folders only sources count (not generated or data files).
      files.splice(before, files.length - before, ...files.slice(before).filter((f) => f.endsWith(".ts")));
    } else files.push(full);
  }
  const h = createHash("sha256");
  for (const f of [...new Set(files)].sort()) {
    h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

export class ModelCache {
  readonly dir: string;
  readonly nodeModules: string;
  private readonly prune: boolean;
  private readonly afterFileWritten?: (name: string, tempDir: string) => void;

  constructor(options: string | CacheOptions = {}) {
    const o = typeof options === "string" ? { dir: options } : options;
    this.dir = resolve(o.dir ?? process.env.TENSORPOST_CACHE_DIR ?? DEFAULT_CACHE_DIR);
    this.nodeModules = o.nodeModules ?? join(REPO_ROOT, "node_modules");
    this.prune = o.prune ?? true;
    this.afterFileWritten = o.afterFileWritten;
  }

  /** Resolves the data packages' versions: the parts the key is computed from. */
  parts(input: KeyInput): KeyParts {
    if (typeof input.trainer !== "string" || input.trainer === "") throw new Error("model cache: a trainer version string is required");
    return { spec: asJson(input.spec, "spec"), data: packageVersions(input.packages ?? [], this.nodeModules), trainer: input.trainer };
  }

  /** The key: sha256 of the canonical JSON of the parts (a KeyInput is resolved first). */
  key(parts: KeyParts | KeyInput): string {
    const p = "data" in parts ? (parts as KeyParts) : this.parts(parts);
    return sha256(canonicalJson({ spec: p.spec, data: p.data, trainer: p.trainer }));
  }

  /** The folder of one entry (whether or not it exists). */
  entryDir(id: string, key: string): string {
    checkId(id);
    checkKey(key);
    return join(this.dir, id, key);
  }

  /** Keys present for an id (complete entries' folders; not verified). */
  keys(id: string): string[] {
    checkId(id);
    const d = join(this.dir, id);
    if (!existsSync(d)) return [];
    return readdirSync(d).filter((k) => KEY_RE.test(k)).sort();
  }

  /** Looks an entry up and verifies it: a hit, a miss, or a corrupt entry with the reason. */
  lookup(id: string, key: string): Lookup {
    const dir = this.entryDir(id, key);
    if (!existsSync(dir)) return { status: "miss" };
    const reason = verify(dir, id, key, this);
    if (typeof reason === "string") return { status: "corrupt", reason: `${id}/${key.slice(0, 12)}…: ${reason}` };
    return { status: "hit", entry: reason };
  }

  /** A verified entry, or undefined (missing or corrupt: use lookup for the reason). */
  get(id: string, key: string): Entry | undefined {
    const r = this.lookup(id, key);
    return r.status === "hit" ? r.entry : undefined;
  }

  /** Writes an entry atomically and returns it; then prunes the id's other keys (unless disabled). */
  put(id: string, parts: KeyParts, files: CacheFiles, meta: unknown = null, options: PutOptions = {}): Entry {
    checkId(id);
    const key = this.key(parts);
    const names = Object.keys(files).sort();
    names.forEach(checkFileName);
    const manifest: Manifest = {
      format: FORMAT,
      id,
      key,
      parts: { spec: asJson(parts.spec, "spec"), data: parts.data, trainer: parts.trainer },
      files: [],
      meta: asJson(meta, "meta"),
    };
    const idDir = join(this.dir, id);
    mkdirSync(idDir, { recursive: true });
    this.sweep(id);
    const tmp = join(idDir, `.tmp-${key.slice(0, 12)}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`);
    const final = join(idDir, key);
    mkdirSync(tmp);
    try {
      for (const name of names) {
        const data = toBytes(files[name]);
        writeFileDurably(join(tmp, name), data);
        manifest.files.push({ name, bytes: data.length, sha256: sha256(data) });
        this.afterFileWritten?.(name, tmp);
      }
      writeFileDurably(join(tmp, MANIFEST), Buffer.from(canonicalJsonPretty(manifest), "utf8"));
      fsyncDir(tmp);
      this.install(id, key, tmp, final, options.replace ?? false);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    fsyncDir(idDir);
    if (this.prune) this.pruneId(id, key);
    const entry = this.get(id, key);
    if (!entry) throw new Error(`model cache: ${id}/${key} unreadable right after writing it`);
    return entry;
  }

  /**
   * Moves a complete temporary folder into place. If an entry is already there, a valid one is kept
   * (another process built the same key) unless `replace`; a damaged one, or any with `replace`, is
   * moved aside, the new one renamed in, and only then the old one deleted (put back on failure).
   */
  private install(id: string, key: string, tmp: string, final: string, replace: boolean): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        renameSync(tmp, final);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
      }
      if (!replace && this.lookup(id, key).status === "hit") {
        rmSync(tmp, { recursive: true, force: true });
        return;
      }
      const trash = join(this.dir, id, `.trash-${key.slice(0, 12)}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`);
      try {
        renameSync(final, trash);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw e;
      }
      try {
        renameSync(tmp, final);
      } catch (e) {
        try {
          renameSync(trash, final);
        } catch {
          // Leave the old entry in its .trash folder; the error below is what matters.
        }
        throw e;
      }
      rmSync(trash, { recursive: true, force: true });
      return;
    }
    throw new Error(`model cache: could not install ${id}/${key}`);
  }

  /** Removes the id's entries other than `keep` (each moved aside first, then deleted). */
  pruneId(id: string, keep: string): string[] {
    const removed: string[] = [];
    for (const k of this.keys(id)) {
      if (k === keep) continue;
      const trash = join(this.dir, id, `.trash-${k.slice(0, 12)}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`);
      try {
        renameSync(join(this.dir, id, k), trash);
      } catch {
        continue;
      }
      rmSync(trash, { recursive: true, force: true });
      removed.push(k);
    }
    return removed;
  }

  /**
   * Deletes leftovers of interrupted writes: temporary folders whose writing process (on this host)
   * is gone, or, if written on another host, that are more than a day old.
   */
  sweep(id: string): string[] {
    checkId(id);
    const d = join(this.dir, id);
    if (!existsSync(d)) return [];
    const removed: string[] = [];
    const host = hostname();
    for (const name of readdirSync(d)) {
      const m = /^\.(tmp|trash)-[0-9a-f]+-(.+)-(\d+)-[0-9a-f]+$/.exec(name);
      if (!m) continue;
      // On this host: the writer's process is gone. From another host (a restored CI cache): a day old.
      const dead = m[2] === host ? !processAlive(Number(m[3])) : Date.now() - statSync(join(d, name)).mtimeMs > STALE_MS;
      if (!dead) continue;
      rmSync(join(d, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /**
   * The entry for (id, key input), building and storing it on a miss. A corrupt entry is rebuilt
   * and its reason returned as `problem`. If the build throws, nothing is written and the previous
   * entries stay as they were.
   */
  async getOrBuild(id: string, input: KeyInput, build: () => Promise<BuildOutput> | BuildOutput, options: GetOrBuildOptions = {}): Promise<GetOrBuildResult> {
    const parts = this.parts(input);
    const { hit, problem } = this.probe(id, parts, options);
    if (hit) return { entry: hit, built: false };
    const out = await build();
    const entry = this.put(id, parts, out.files, out.meta ?? null, { replace: options.force === true });
    return problem === undefined ? { entry, built: true } : { entry, built: true, problem };
  }

  /** getOrBuild for synchronous builds. */
  getOrBuildSync(id: string, input: KeyInput, build: () => BuildOutput, options: GetOrBuildOptions = {}): GetOrBuildResult {
    const parts = this.parts(input);
    const { hit, problem } = this.probe(id, parts, options);
    if (hit) return { entry: hit, built: false };
    const out = build();
    const entry = this.put(id, parts, out.files, out.meta ?? null, { replace: options.force === true });
    return problem === undefined ? { entry, built: true } : { entry, built: true, problem };
  }

  private probe(id: string, parts: KeyParts, options: GetOrBuildOptions): { hit?: Entry; problem?: string } {
    if (options.force) return {};
    const r = this.lookup(id, this.key(parts));
    if (r.status === "hit") return { hit: r.entry };
    if (r.status === "corrupt") return { problem: r.reason };
    return {};
  }
}

/** Verifies an entry folder; returns the entry, or the reason it cannot be used. */
function verify(dir: string, id: string, key: string, cache: ModelCache): Entry | string {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest;
  } catch (e) {
    return `${MANIFEST} unreadable (${(e as Error).message})`;
  }
  if (manifest.format !== FORMAT) return `${MANIFEST} has format ${String(manifest.format)}, expected ${FORMAT}`;
  if (manifest.id !== id || manifest.key !== key) return `${MANIFEST} names ${manifest.id}/${manifest.key}`;
  if (!manifest.parts || !Array.isArray(manifest.files)) return `${MANIFEST} lacks parts or files`;
  try {
    if (cache.key(manifest.parts) !== key) return `${MANIFEST}'s key parts do not hash to the key`;
  } catch (e) {
    return `${MANIFEST}'s key parts are invalid (${(e as Error).message})`;
  }
  const known = new Map<string, ManifestFile>();
  for (const f of manifest.files) {
    let data: Buffer;
    try {
      data = readFileSync(join(dir, f.name));
    } catch {
      return `${f.name} is missing`;
    }
    if (data.length !== f.bytes) return `${f.name} has ${data.length} bytes, the manifest says ${f.bytes}`;
    if (sha256(data) !== f.sha256) return `${f.name} fails its checksum (sha256 ${sha256(data).slice(0, 12)}…, expected ${f.sha256.slice(0, 12)}…)`;
    known.set(f.name, f);
  }
  const path = (name: string): string => {
    if (!known.has(name)) throw new Error(`model cache: ${id} has no file ${JSON.stringify(name)}`);
    return join(dir, name);
  };
  const read = (name: string): Buffer => {
    const data = readFileSync(path(name));
    const f = known.get(name) as ManifestFile;
    if (data.length !== f.bytes || sha256(data) !== f.sha256) throw new Error(`model cache: ${id}/${name} changed on disk after it was verified`);
    return data;
  };
  return {
    id,
    key,
    dir,
    manifest,
    meta: manifest.meta,
    files: manifest.files.map((f) => f.name),
    path,
    read,
    text: (name) => read(name).toString("utf8"),
  };
}

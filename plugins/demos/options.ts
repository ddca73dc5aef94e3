// How a post says which demo it wants and how. Two spellings, one result (`DemoRequest`):
//   {% demo "iris-id" %}  or  {% demo "softmax", "x=petal length", "y=petal width" %}   (Liquid/Nunjucks shortcode)
//   ```demo softmax x="petal length" y="petal width"      (fence: key=value in the info string,
//   prompt: 春眠不觉晓                                        and `key: value` lines in the body)
//   ```
// Values are strings; each widget kind says which keys it understands (registry.ts), so a typo is a
// build error instead of a silently ignored option.

export interface DemoRequest {
  id: string;
  options: Record<string, string>;
}

export class DemoOptionError extends Error {}

const key = /^[A-Za-z][\w-]*$/;

function put(options: Record<string, string>, k: string, v: string): void {
  if (!key.test(k)) throw new DemoOptionError(`bad demo option name "${k}"`);
  if (Object.hasOwn(options, k)) throw new DemoOptionError(`demo option "${k}" given twice`);
  options[k] = v;
}

/** `key=value`, `key="value with spaces"` or `key='…'` words of a fence's info string (after `demo id`). */
export function parseInfoWords(rest: string): Record<string, string> {
  const options: Record<string, string> = {};
  const word = /\s*([^\s=]+)=(?:"([^"]*)"|'([^']*)'|(\S*))|\s*(\S+)/gy;
  let m: RegExpExecArray | null;
  while ((m = word.exec(rest)) !== null) {
    if (m[5] !== undefined) throw new DemoOptionError(`expected key=value after the demo name, got "${m[5]}"`);
    put(options, m[1], m[2] ?? m[3] ?? m[4] ?? "");
    if (word.lastIndex >= rest.length) break;
  }
  return options;
}

/** A ```demo fence: info `demo <id> [key=value…]`, body lines `key: value` (blank lines and `#` comments
 *  skipped). */
export function parseFence(info: string, body: string): DemoRequest {
  const m = /^\s*demo\s+([\w.-]+)(.*)$/s.exec(info);
  if (!m) throw new DemoOptionError('a demo fence names its model: ```demo <model id>');
  const options = parseInfoWords(m[2].trim());
  for (const line of body.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const kv = /^([^:\s]+)\s*:\s?(.*)$/.exec(t);
    if (!kv) throw new DemoOptionError(`a demo fence's body holds "key: value" lines, got "${t}"`);
    put(options, kv[1], kv[2].trim());
  }
  return { id: m[1], options };
}

/** Shortcode arguments: the id, then `"key=value"` strings or one object of options (Nunjucks). */
export function parseShortcodeArgs(args: unknown[]): DemoRequest {
  const [id, ...rest] = args;
  if (typeof id !== "string" || id === "") throw new DemoOptionError('the demo shortcode names its model: {% demo "<model id>" %}');
  const options: Record<string, string> = {};
  for (const a of rest) {
    if (typeof a === "string") {
      const eq = a.indexOf("=");
      if (eq <= 0) throw new DemoOptionError(`demo options are "key=value" strings, got "${a}"`);
      put(options, a.slice(0, eq).trim(), a.slice(eq + 1));
    } else if (a !== null && typeof a === "object" && !Array.isArray(a)) {
      for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
        if (k === "__keywords") continue; // Nunjucks marks keyword arguments this way
        put(options, k, String(v));
      }
    } else if (a !== undefined) {
      throw new DemoOptionError(`demo options are "key=value" strings, got ${JSON.stringify(a)}`);
    }
  }
  return { id, options };
}

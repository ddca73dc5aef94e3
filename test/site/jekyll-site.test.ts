// Whole-site builds of small Jekyll-style posts through the plugin.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../helpers/site.ts";

const post = (front: string, body = "Hello.") => `---\n${front}\n---\n\n${body}\n`;

test("Jekyll permalinks from file name, front-matter date with zone, and categories", async () => {
  const site = await buildSite({
    "2022-12-19-language-model.md": post("title: LM\ndate: 2022-12-19 23:58:11 +0800\ncategories: ai"),
    "2024-02-03-early.md": post("title: Early\ndate: 2024-02-03 01:00:00 +0800"),
    "2024-05-01-own.md": post("title: Own\npermalink: /notes/:title/"),
    "2024-06-01-fixed.md": post("title: Fixed\npermalink: /fixed.html"),
    "2024-07-01-draft.md": post("title: Draft\npublished: false"),
  });
  assert.is(site.error, undefined, String(site.error));
  const files = site.files().filter((f) => f.endsWith(".html"));
  for (const want of ["ai/2022/12/19/language-model.html", "2024/02/02/early.html", "notes/own/index.html", "fixed.html"]) {
    assert.ok(files.includes(want), `${want} in ${files.join(", ")}`);
  }
  assert.not.ok(files.some((f) => f.includes("draft")), "published: false is not written");
});

test("pretty permalinks and the site time zone are options", async () => {
  const site = await buildSite({ "2024-02-03-early.md": post("title: Early\ndate: 2024-02-03 01:00:00 +0800") }, { permalink: "pretty", timezone: "Asia/Shanghai" });
  assert.ok(site.exists("2024/02/03/early/index.html"), site.files().join(", "));
});

test("a normal build reports every error with file and line and shows boxes; the rest of the page stays", async () => {
  const site = await buildSite({
    "2024-01-01-bad-date.md": post("title: Bad\ndate: 2024-13-45", "Before.\n\nText {% raw %} never closed\n\nAfter."),
    "2024-01-02-bad-front.md": "---\ntitle: [oops\n---\n\nStill here.\n",
    "2024-01-03-good.md": post("title: Good"),
  });
  assert.is(site.error, undefined, String(site.error));
  const log = site.logs.join("\n");
  assert.match(log, /2024-01-01-bad-date\.md:3: error: \[date\]/);
  assert.match(log, /2024-01-01-bad-date\.md:8: error: \[liquid\] \{% raw %\} is never closed/);
  assert.match(log, /2024-01-02-bad-front\.md:\d+: error: \[front-matter\]/);
  const bad = site.read(site.files().find((f) => f.includes("bad-date"))!);
  assert.is((bad.match(/class="tp-error"/g) ?? []).length, 2);
  assert.match(bad, /Before\./);
  assert.match(bad, /After\./);
  const front = site.read(site.files().find((f) => f.includes("bad-front"))!);
  assert.match(front, /class="tp-error"/);
  assert.match(front, /Still here\./);
});

test("a strict build fails listing every error and leaves no output", async () => {
  const site = await buildSite(
    {
      "2024-01-01-bad-date.md": post("title: Bad\ndate: nope"),
      "2024-01-02-unclosed.md": post("title: U", "{% graphviz %}\ndigraph { a }\n"),
      "2024-01-03-good.md": post("title: Good"),
    },
    { strict: true },
  );
  assert.ok(site.error, "strict build must fail");
  const message = String(site.error?.message) + String((site.error as { originalError?: Error })?.originalError?.message ?? "");
  assert.match(message, /2 error\(s\)|error\(s\)/);
  assert.match(message, /2024-01-01-bad-date\.md:3/);
  assert.match(message, /2024-01-02-unclosed\.md:5/);
  assert.equal(site.files().filter((f) => f.endsWith(".html")), [], "no page written");
});

test.run();

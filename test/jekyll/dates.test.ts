import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseJekyllDate, parsePostFileName, DateError } from "../../plugins/jekyll/dates.ts";

test("the reference post's date keeps its +0800 offset", () => {
  const d = parseJekyllDate("2022-12-19 23:58:11 +0800", "UTC");
  assert.is(d.toISO(), "2022-12-19T23:58:11.000+08:00");
  assert.is(d.toUTC().toISO(), "2022-12-19T15:58:11.000Z");
});

test("other spellings Jekyll accepts", () => {
  assert.is(parseJekyllDate("2024-03-01 08:30:00 -05:00", "UTC").toUTC().toISO(), "2024-03-01T13:30:00.000Z");
  assert.is(parseJekyllDate("2024-03-01 08:30", "UTC").toUTC().toISO(), "2024-03-01T08:30:00.000Z");
  assert.is(parseJekyllDate("2024-03-01T08:30:00Z", "Asia/Shanghai").toUTC().toISO(), "2024-03-01T08:30:00.000Z");
});

test("a date without an offset is read in the site's zone", () => {
  assert.is(parseJekyllDate("2024-03-01 08:00:00", "Asia/Shanghai").toUTC().toISO(), "2024-03-01T00:00:00.000Z");
  assert.is(parseJekyllDate("2024-03-01", "Asia/Shanghai").toUTC().toISO(), "2024-02-29T16:00:00.000Z");
});

test("bad dates are a DateError naming the value", () => {
  for (const bad of ["2024-13-45", "yesterday", "", "2024-02-30 10:00:00"]) {
    assert.throws(() => parseJekyllDate(bad, "UTC"), (e: unknown) => e instanceof DateError && (e as Error).message.includes(bad));
  }
  assert.throws(() => parseJekyllDate(12, "UTC"), (e: unknown) => e instanceof DateError);
});

test("post file names give date and slug", () => {
  const p = parsePostFileName("2022-12-19-language-model.md", "UTC");
  assert.ok(p);
  assert.is(p.slug, "language-model");
  assert.is(p.date.toISODate(), "2022-12-19");
  assert.is(parsePostFileName("about.md", "UTC"), undefined);
  assert.is(parsePostFileName("2022-02-31-bad-day.md", "UTC"), undefined);
});

test.run();

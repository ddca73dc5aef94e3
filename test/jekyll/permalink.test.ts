import { test } from "uvu";
import * as assert from "uvu/assert";
import { DateTime } from "luxon";
import { jekyllPermalink } from "../../plugins/jekyll/permalink.ts";

const date = DateTime.fromISO("2022-12-19T23:58:11+08:00", { setZone: true });
const parts = { slug: "language-model", categories: ["ai"], date };

test("Jekyll's default style: /:categories/:year/:month/:day/:title.html in the site's zone", () => {
  assert.is(jekyllPermalink("date", parts, "UTC"), "/ai/2022/12/19/language-model.html");
  // 23:58 at +08:00 is the 19th in UTC too; at 03:00 +08:00 it is the day before in UTC.
  const early = { ...parts, date: DateTime.fromISO("2022-12-19T03:00:00+08:00", { setZone: true }) };
  assert.is(jekyllPermalink("date", early, "UTC"), "/ai/2022/12/18/language-model.html");
  assert.is(jekyllPermalink("date", early, "Asia/Shanghai"), "/ai/2022/12/19/language-model.html");
});

test("pretty, ordinal and none styles, no categories", () => {
  assert.is(jekyllPermalink("pretty", parts, "UTC"), "/ai/2022/12/19/language-model/");
  assert.is(jekyllPermalink("ordinal", parts, "UTC"), "/ai/2022/353/language-model.html");
  assert.is(jekyllPermalink("none", { ...parts, categories: [] }, "UTC"), "/language-model.html");
  assert.is(jekyllPermalink("date", { ...parts, categories: [] }, "UTC"), "/2022/12/19/language-model.html");
});

test("custom patterns with every common placeholder", () => {
  assert.is(jekyllPermalink("/blog/:short_year/:i_month/:i_day/:slug/", { ...parts, frontSlug: "lm" }, "UTC"), "/blog/22/12/19/lm/");
  assert.is(jekyllPermalink("/:categories/:title:output_ext", { ...parts, categories: ["deep learning", "nlp"] }, "UTC"), "/deep-learning/nlp/language-model.html");
});

test.run();

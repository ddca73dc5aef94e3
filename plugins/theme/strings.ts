// The few words the theme itself prints, in the page's language. Chinese (`zh`, `zh-CN`, `zh-Hant`…) and
// English are built in; any other language falls back to English.

const en = {
  skip: "Skip to content",
  home: "Home",
  tags: "Tags",
  allTags: "All tags",
  feed: "Feed",
  taggedWith: "Posts tagged",
  postCount: "posts",
  author: "Author",
  location: "Location",
  categories: "Categories",
  newer: "Newer",
  older: "Older",
  noPosts: "No posts yet.",
  published: "Published",
  postNav: "More posts",
  siteNav: "Site",
};

export type StringKey = keyof typeof en;

const zh: Record<StringKey, string> = {
  skip: "跳到正文",
  home: "首页",
  tags: "标签",
  allTags: "全部标签",
  feed: "订阅",
  taggedWith: "标签",
  postCount: "篇",
  author: "作者",
  location: "地点",
  categories: "分类",
  newer: "较新",
  older: "较早",
  noPosts: "还没有文章。",
  published: "发布于",
  postNav: "更多文章",
  siteNav: "站点",
};

export function uiString(key: string, lang: unknown): string {
  const table: Record<string, string> = /^zh\b/i.test(String(lang ?? "")) ? zh : en;
  return table[key] ?? key;
}

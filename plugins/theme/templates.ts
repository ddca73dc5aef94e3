// The theme's Nunjucks sources. They are registered as Eleventy virtual templates (index.ts), so a site
// needs no files of its own. Every name the templates use comes from the page's data, Eleventy's
// collections (`posts`, `postTags`), the global `tpSite` (the plugin's `site` option) and the `tp*` filters
// added in index.ts. All user text goes through Nunjucks autoescaping; only rendered post bodies are `safe`.
// A post's tags are its `postTags` data (the Jekyll layer's cleaned list) when present, else `tags`.

/** Folder under the includes (or layouts) directory that holds the theme's layouts. */
export const layoutFolder = "tensorpost";

export const layoutPath = (name: string): string => `${layoutFolder}/${name}.njk`;

/** Page `<title>`, description, feed and stylesheet links; wraps bodies that no inner layout wrapped. */
export const baseLayout = `<!doctype html>
{%- set tpLang = lang or tpSite.lang %}
<html lang="{{ tpLang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{% if title and title != tpSite.title %}{{ title }} | {% endif %}{{ tpSite.title }}</title>
<meta name="description" content="{{ (description or tpSite.description) | tpPlain }}">
{%- set tpAuthor = author or tpSite.author %}{% if tpAuthor %}
<meta name="author" content="{{ tpAuthor }}">{% endif %}
<meta name="generator" content="tensorpost on Eleventy">
<link rel="stylesheet" href="/assets/tensorpost.css">
{%- if katex or ('class="katex' in content) %}
<link rel="stylesheet" href="/assets/katex/katex.min.css">{% endif %}
<link rel="alternate" type="application/atom+xml" title="{{ tpSite.title }}" href="/feed.xml">
</head>
<body>
<a class="tp-skip" href="#tp-main">{{ "skip" | tpT(tpLang) }}</a>
<header class="tp-site-header">
<nav class="tp-nav" aria-label="{{ 'siteNav' | tpT(tpLang) }}">
<a class="tp-site-title" href="/" rel="home">{{ tpSite.title }}</a>
<ul class="tp-nav-links">
<li><a href="/tags/">{{ "tags" | tpT(tpLang) }}</a></li>
<li><a href="/feed.xml" type="application/atom+xml">{{ "feed" | tpT(tpLang) }}</a></li>
</ul>
</nav>
</header>
<main id="tp-main" class="tp-main">
{% if tpBodyWrapped %}{{ content | safe }}{% else %}<div class="tp-body" data-tp-body>
{{ content | safe }}
</div>{% endif %}
</main>
<footer class="tp-site-footer">
<p>{{ tpSite.author or tpSite.title }} · <a href="/feed.xml" type="application/atom+xml">Atom</a></p>
</footer>
</body>
</html>
`;

/** One `<ul>` of tag links; expects `tpTags` (strings) and `tpLang` in scope. */
const tagList = `{%- if tpTags.length %}
<ul class="tp-tags" aria-label="{{ 'tags' | tpT(tpLang) }}">
{%- for t in tpTags %}
<li><a class="tp-tag" href="/tags/{{ t | tpSlug }}/" rel="tag">{{ t }}</a></li>
{%- endfor %}
</ul>
{%- endif %}`;

export const postLayout = `---
layout: ${layoutPath("base")}
tpBodyWrapped: true
---
{%- set tpLang = lang or tpSite.lang %}
<article class="tp-post h-entry">
<header class="tp-post-header">
<h1 class="tp-post-title p-name">{{ title }}</h1>
<p class="tp-post-meta">
<time class="tp-date dt-published" datetime="{{ page.date | tpDateIso(date) }}">{{ page.date | tpDateYmd(date) }}</time>
{%- if author %}
<span class="tp-author p-author" title="{{ 'author' | tpT(tpLang) }}">{{ author }}</span>
{%- endif %}
{%- if location %}
<span class="tp-location p-location" title="{{ 'location' | tpT(tpLang) }}">{{ location }}</span>
{%- endif %}
{%- set tpCategories = categories | tpList %}
{%- if tpCategories.length %}
<span class="tp-categories" title="{{ 'categories' | tpT(tpLang) }}">
{%- for c in tpCategories %}<span class="tp-category p-category">{{ c }}</span>{% endfor -%}
</span>
{%- endif %}
</p>
{%- set tpTags = (postTags or tags) | tpList %}
${tagList}
</header>
<div class="tp-body e-content" data-tp-body>
{{ content | safe }}
</div>
{%- if collections.posts and collections.posts.length %}
{%- set tpOlder = collections.posts | getPreviousCollectionItem(page) %}
{%- set tpNewer = collections.posts | getNextCollectionItem(page) %}
{%- if tpOlder or tpNewer %}
<nav class="tp-post-nav" aria-label="{{ 'postNav' | tpT(tpLang) }}">
{%- if tpNewer %}
<a class="tp-newer" href="{{ tpNewer.url }}" rel="next"><span>{{ "newer" | tpT(tpLang) }}</span> {{ tpNewer.data.title }}</a>
{%- endif %}
{%- if tpOlder %}
<a class="tp-older" href="{{ tpOlder.url }}" rel="prev"><span>{{ "older" | tpT(tpLang) }}</span> {{ tpOlder.data.title }}</a>
{%- endif %}
</nav>
{%- endif %}
{%- endif %}
</article>
`;

export const pageLayout = `---
layout: ${layoutPath("base")}
tpBodyWrapped: true
---
<article class="tp-page">
{%- if title %}
<header class="tp-page-header"><h1 class="tp-page-title">{{ title }}</h1></header>
{%- endif %}
<div class="tp-body" data-tp-body>
{{ content | safe }}
</div>
</article>
`;

/** A list of posts, newest first; expects `tpPosts` and `tpLang` in scope. */
const postList = `{%- if tpPosts.length %}
<ol class="tp-post-list">
{%- for post in tpPosts %}
<li class="tp-post-item h-entry"{% if post.data.lang and post.data.lang != tpLang %} lang="{{ post.data.lang }}"{% endif %}>
<h2 class="tp-post-item-title"><a class="p-name u-url" href="{{ post.url }}">{{ post.data.title or post.fileSlug }}</a></h2>
<p class="tp-post-meta"><time class="tp-date dt-published" datetime="{{ post.date | tpDateIso(post.data.date) }}">{{ post.date | tpDateYmd(post.data.date) }}</time>
{%- if post.data.author %} <span class="tp-author p-author">{{ post.data.author }}</span>{% endif %}</p>
{%- set tpSummary = post.data | tpSummary %}
{%- if tpSummary %}
<p class="tp-summary p-summary">{{ tpSummary }}</p>
{%- endif %}
{%- set tpTags = (post.data.postTags or post.data.tags) | tpList %}
${tagList}
</li>
{%- endfor %}
</ol>
{%- else %}
<p class="tp-empty">{{ "noPosts" | tpT(tpLang) }}</p>
{%- endif %}`;

export const homePage = `{%- set tpLang = tpSite.lang %}
{%- set tpPosts = collections.posts | tpNewestFirst %}
<section class="tp-home">
<header class="tp-home-header">
<h1 class="tp-home-title">{{ tpSite.title }}</h1>
{%- if tpSite.description %}
<p class="tp-site-description">{{ tpSite.description }}</p>
{%- endif %}
</header>
${postList}
</section>
`;

export const tagPage = `{%- set tpLang = tpSite.lang %}
{%- set tpPosts = tpTagEntry.posts | tpNewestFirst %}
<section class="tp-tag-page">
<header>
<h1 class="tp-tag-title"><span class="tp-tag-label">{{ "taggedWith" | tpT(tpLang) }}</span> <span class="tp-tag-name">{{ tpTagEntry.tag }}</span></h1>
<p class="tp-tag-count">{{ tpPosts.length }} {{ "postCount" | tpT(tpLang) }} · <a href="/tags/">{{ "allTags" | tpT(tpLang) }}</a></p>
</header>
${postList}
</section>
`;

export const tagsIndexPage = `{%- set tpLang = tpSite.lang %}
<section class="tp-tags-index">
<h1>{{ "allTags" | tpT(tpLang) }}</h1>
<ul class="tp-tag-cloud">
{%- for entry in collections.postTags | tpTagsByCount %}
<li><a class="tp-tag" href="/tags/{{ entry.slug }}/" rel="tag">{{ entry.tag }}</a> <span class="tp-tag-count">{{ entry.posts.length }}</span></li>
{%- endfor %}
</ul>
</section>
`;

/**
 * Atom 1.0 (RFC 4287). Links are absolute (`tpAbsoluteUrl`, from the `site.url` option plus the path
 * prefix); the content is the post body after the site's HTML transforms, with the URLs inside it made
 * absolute by Eleventy's HTML base plugin (`renderTransforms` with a full base URL). Autoescaping turns
 * the HTML into text, as `type="html"` requires; `tpXml` drops characters XML 1.0 forbids.
 */
export const feedTemplate = `<?xml version="1.0" encoding="utf-8"?>
{%- set tpBase = '/' | tpAbsoluteUrl %}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ tpSite.lang }}">
<title>{{ tpSite.title | tpXml }}</title>
{%- if tpSite.description %}
<subtitle>{{ tpSite.description | tpXml }}</subtitle>
{%- endif %}
<link href="{{ '/feed.xml' | tpAbsoluteUrl }}" rel="self" type="application/atom+xml"/>
<link href="{{ tpBase }}" rel="alternate" type="text/html"/>
<id>{{ tpBase }}</id>
<updated>{{ collections.posts | tpFeedUpdated }}</updated>
<author><name>{{ (tpSite.author or tpSite.title) | tpXml }}</name></author>
<generator>tensorpost</generator>
{%- for post in collections.posts | tpNewestFirst | tpHead(tpFeedSize) %}
{%- set tpPostUrl = post.url | tpAbsoluteUrl %}
<entry>
<title type="text">{{ (post.data.title or post.fileSlug) | tpXml }}</title>
<link href="{{ tpPostUrl }}" rel="alternate" type="text/html"/>
<id>{{ tpPostUrl }}</id>
<published>{{ post.date | tpRfc3339 }}</published>
<updated>{{ (post.data.last_modified_at or post.date) | tpRfc3339 }}</updated>
{%- if post.data.author %}
<author><name>{{ post.data.author | tpXml }}</name></author>
{%- endif %}
{%- for c in post.data.categories | tpList %}
<category term="{{ c | tpXml }}"/>
{%- endfor %}
{%- for t in (post.data.postTags or post.data.tags) | tpList %}
<category term="{{ t | tpXml }}" scheme="{{ '/tags/' | tpAbsoluteUrl }}"/>
{%- endfor %}
{%- set tpSummary = post.data | tpSummary %}
{%- if tpSummary %}
<summary type="text">{{ tpSummary | tpXml }}</summary>
{%- endif %}
<content type="html" xml:base="{{ tpPostUrl }}">{{ post.content | renderTransforms(post.data.page, tpBase) | tpXml }}</content>
</entry>
{%- endfor %}
</feed>
`;

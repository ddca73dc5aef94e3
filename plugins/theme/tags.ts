// Post lists and tag groups as the theme pages use them. `buildPostTags` is what `collections.postTags`
// should hold; the plugin can build the collection with it so tag slugs and links always agree.
import { toList } from "../jekyll/lists.ts";
import { tagSlug } from "./slug.ts";

export { toList };

/** The parts of an Eleventy collection item the theme reads. */
export interface PostLike {
  url?: string | false;
  date?: Date;
  inputPath?: string;
  data?: Record<string, unknown>;
}

export interface TagEntry<P = PostLike> {
  /** The tag as first written (`Deep Learning`). */
  tag: string;
  /** Its URL segment, `/tags/<slug>/` (`deep-learning`). */
  slug: string;
  /** Posts carrying it, in collection order (oldest first). */
  posts: P[];
}

/** A copy of an oldest-first collection, newest first. */
export function newestFirst<P>(posts: readonly P[] | undefined | null): P[] {
  return Array.isArray(posts) ? [...posts].reverse() : [];
}

/** What `collections.postTags` holds: one entry per tag slug, sorted by slug, posts in the given order;
 *  a post is listed once per tag even if it repeats the tag. */
export function buildPostTags<P extends PostLike>(posts: readonly P[]): TagEntry<P>[] {
  const bySlug = new Map<string, TagEntry<P>>();
  for (const post of posts) {
    const seen = new Set<string>();
    // `postTags` is the Jekyll layer's cleaned list (tags or tag); plain Eleventy data has only `tags`.
    for (const tag of toList(post.data?.postTags ?? post.data?.tags)) {
      const slug = tagSlug(tag);
      if (seen.has(slug)) continue;
      seen.add(slug);
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { tag, slug, posts: [] }));
      entry.posts.push(post);
    }
  }
  return [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** Tags for the `/tags/` page: most posts first, then by name. */
export function tagsByCount<E extends { tag: string; posts: readonly unknown[] }>(entries: readonly E[] | undefined | null): E[] {
  if (!Array.isArray(entries)) return [];
  return [...entries].sort((a, b) => b.posts.length - a.posts.length || a.tag.localeCompare(b.tag));
}

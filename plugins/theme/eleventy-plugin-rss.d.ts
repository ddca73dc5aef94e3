// The RSS plugin ships no types; the theme uses only its default export (adds the date and URL filters
// and Eleventy's HTML base plugin, whose `renderTransforms` base makes feed URLs absolute).
declare module "@11ty/eleventy-plugin-rss" {
  const rssPlugin: (eleventyConfig: unknown, options?: Record<string, unknown>) => void;
  export default rssPlugin;
}

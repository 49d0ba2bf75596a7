// Where a node comes from, said for a reader: the store records an
// annotation file's path or an extraction's source file ("annotation:data/
// demo/000.annotations.yaml", "extraction:/home/x/article.txt"), which means
// nothing to a journalist and should not leak a machine's paths. Shown
// instead: how it was made, and the article's title when the node's
// evidence names it.

const REFERENCES: Record<string, string> = {
  "reference:iso-3166": "ISO 3166 country list",
};

export function sourceLabel(source: string | null | undefined, titles: string[]): string | null {
  if (!source) return null;
  const of = titles.length ? ` of “${titles[0]}”${titles.length > 1 ? ` and ${titles.length - 1} more` : ""}` : "";
  if (source.startsWith("annotation:")) return `curated annotation${of}`;
  if (source.startsWith("extraction:")) return `extracted by rules${of}`;
  if (source.startsWith("reference:")) return REFERENCES[source] ?? `reference data (${source.slice("reference:".length)})`;
  // Anything else that looks like a path or a file is not shown as one.
  if (/[\\/]|\.(ya?ml|txt|html?|md|pdf|json)$/i.test(source)) return titles.length ? `from “${titles[0]}”` : "a stored document";
  return source;
}

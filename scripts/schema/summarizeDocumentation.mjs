// The specification carries the full CloudFormation reference text (8.5 MB for all types). Hovers and
// completion details need the gist: the first sentences, without link targets. That keeps the shipped schema
// small (the whole .vsix must stay under 5 MB); each resource type's hover links to the full page.

/** The first paragraph of `markdown`, links reduced to their text, whole sentences up to about `limit` characters. */
export function summarizeDocumentation(markdown, limit) {
  if (!markdown) return '';
  const firstParagraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const text = firstParagraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:])(?=\s|$)/g, '$1')
    .trim();
  if (text.length <= limit) return text;
  // A sentence ends at . ! or ? followed by a space and a capital, a backtick or an opening bracket.
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z`*([])/);
  let summary = '';
  for (const sentence of sentences) {
    if (summary.length > 0 && summary.length + sentence.length + 1 > limit) break;
    summary = summary.length > 0 ? `${summary} ${sentence}` : sentence;
  }
  if (summary.length <= limit * 1.5) return summary;
  // One long sentence: cut at a word boundary.
  const cut = summary.slice(0, limit);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), limit / 2)).trim()}…`;
}

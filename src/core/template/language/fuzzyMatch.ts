/**
 * Scores how well `query` matches `candidate` as a subsequence, or undefined when it does not. Higher is
 * better: matches at word starts (after `::`, `.`, or a lower-to-upper case change) and consecutive runs score
 * more, so `lambfunc` ranks `AWS::Lambda::Function` above `AWS::Lambda::EventInvokeConfig`.
 */
export function fuzzyScore(query: string, candidate: string): number | undefined {
  if (query === '') return 0;
  const lowerQuery = query.toLowerCase();
  const lowerCandidate = candidate.toLowerCase();
  let score = 0;
  let position = 0;
  let previousMatch = -2;
  for (const char of lowerQuery) {
    const found = lowerCandidate.indexOf(char, position);
    if (found === -1) return undefined;
    const before = candidate[found - 1];
    const atWordStart =
      found === 0 ||
      before === ':' ||
      before === '.' ||
      before === '-' ||
      before === '_' ||
      (/[a-z0-9]/.test(before ?? '') && /[A-Z]/.test(candidate[found] ?? ''));
    score += 1 + (atWordStart ? 8 : 0) + (found === previousMatch + 1 ? 5 : 0);
    previousMatch = found;
    position = found + 1;
  }
  // Prefer shorter candidates and exact prefixes.
  if (lowerCandidate.startsWith(lowerQuery)) score += 20;
  return score - candidate.length / 100;
}

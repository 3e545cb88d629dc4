import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, from the test sources' location. */
export const repoRoot = join(__dirname, '..', '..');
/**
 * The shared folder beside the repository (corpus, reference schema, guides): `../shared` from a checkout, or
 * SW_SHARED_DIR when a clone lives elsewhere.
 */
export const sharedDir =
  [process.env.SW_SHARED_DIR, join(repoRoot, '..', 'shared'), '/work/shared'].find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  ) ?? join(repoRoot, '..', 'shared');
/** The shared corpus of real SAM templates (read in place; never copied into the project). */
export const corpusDir = join(sharedDir, 'corpus', 'templates');

export interface CorpusEntry {
  file: string;
  repo: string;
  features: string;
  validity: 'valid' | 'known-invalid';
}

let manifest: Map<string, CorpusEntry> | undefined;

/** The corpus manifest, keyed by file name. */
export function corpusManifest(): Map<string, CorpusEntry> {
  if (manifest) return manifest;
  const rows = readFileSync(join(corpusDir, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  manifest = new Map(
    rows.map((row) => {
      const [file = '', repo = '', , , features = '', validity = ''] = row.split('\t');
      return [file, { file, repo, features, validity: validity as CorpusEntry['validity'] }];
    }),
  );
  return manifest;
}

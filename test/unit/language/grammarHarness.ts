// Tokenizes text with the injection grammar over minimal YAML and JSON host grammars (the real hosts ship with
// VS Code), through vscode-textmate and the Oniguruma engine VS Code uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { repoRoot } from '../../support/paths';

const INJECTION = 'cloudformation.injection';

// Stand-ins for the host grammars: comments and strings, which the injection selector must respect.
const HOSTS: Record<string, object> = {
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      { match: '(?:^|\\s)#.*$', name: 'comment.line.number-sign.yaml' },
      { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
      { begin: "'", end: "'", name: 'string.quoted.single.yaml' },
    ],
  },
  'source.json': {
    scopeName: 'source.json',
    patterns: [{ begin: '"', end: '"', name: 'string.quoted.double.json' }],
  },
};

let registry: Registry | undefined;

async function loadRegistry(): Promise<Registry> {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injectionPath = join(repoRoot, 'syntaxes', 'cloudformation.injection.tmLanguage.json');
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: (scopeName) => {
      if (scopeName === INJECTION)
        return Promise.resolve(JSON.parse(readFileSync(injectionPath, 'utf8')) as IRawGrammar);
      const host = HOSTS[scopeName];
      return Promise.resolve(host ? (JSON.parse(JSON.stringify(host)) as IRawGrammar) : null);
    },
    getInjections: (scopeName) => (scopeName in HOSTS ? [INJECTION] : undefined),
  });
  return registry;
}

/** A token: its text and the scopes the grammars gave it. */
export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes `text` line by line as `scopeName` with the injection applied. */
export async function tokenize(scopeName: 'source.yaml' | 'source.json', text: string): Promise<Token[][]> {
  const grammar: IGrammar | null = await (await loadRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/** The texts of the tokens carrying a scope that starts with `scope`. */
export function textsWithScope(lines: Token[][], scope: string): string[] {
  return lines
    .flat()
    .filter((token) => token.scopes.some((name) => name.startsWith(scope)))
    .map((token) => token.text);
}

// Which functions a handler file exports, read with regular expressions rather than a parser: the engine only
// needs names and where they are written, must stay fast, and must not choke on TypeScript or syntax errors.

/** A function (or other export) a source file makes available to the Lambda runtime. */
export interface ExportedName {
  name: string;
  /** Where the name is written in the file. */
  offset: number;
}

/** What a handler source file exports. */
export interface SourceExports {
  names: ExportedName[];
  /**
   * False when the file exports things the scan cannot name (`module.exports = require(...)`, `export * from`):
   * a missing handler must then not be reported.
   */
  complete: boolean;
}

const NODE_PATTERNS: RegExp[] = [
  /\bexport\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g,
  /\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g,
  /\bexport\s+class\s+([A-Za-z_$][\w$]*)/g,
  /\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g,
  /\b(?:module\.)?exports\[\s*['"]([^'"]+)['"]\s*\]\s*=/g,
  /\bObject\.defineProperty\(\s*(?:module\.)?exports\s*,\s*['"]([^'"]+)['"]/g,
];

/** Exports of a JavaScript or TypeScript module (ES modules and CommonJS). */
export function listNodeExports(source: string): SourceExports {
  const code = blankComments(source);
  const names: ExportedName[] = [];
  const add = (name: string, offset: number) => {
    if (!names.some((existing) => existing.name === name)) names.push({ name, offset });
  };
  for (const pattern of NODE_PATTERNS) {
    for (const match of code.matchAll(pattern)) add(match[1]!, match.index + match[0].indexOf(match[1]!));
  }
  let complete = true;
  for (const match of code.matchAll(/\bexport\s*\{([^}]*)\}(\s*from\s*['"][^'"]*['"])?/g)) {
    const listStart = match.index + match[0].indexOf('{') + 1;
    for (const specifier of match[1]!.matchAll(/(type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?/g)) {
      // `export { type Props }` exports a type, which no runtime can call.
      if (specifier[1]) continue;
      const exported = specifier[3] ?? specifier[2]!;
      add(exported, listStart + specifier.index + specifier[0].lastIndexOf(exported));
    }
  }
  if (/\bexport\s+default\b/.test(code)) add('default', code.search(/\bexport\s+default\b/));
  const moduleExports = /\bmodule\.exports\s*=\s*/g;
  for (const match of code.matchAll(moduleExports)) {
    const rest = code.slice(match.index + match[0].length);
    if (rest.startsWith('{')) {
      const body = objectLiteralBody(rest);
      const bodyStart = match.index + match[0].length + 1;
      for (const key of body.matchAll(/(?:^|[,{\n])\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?=[:,(}\n]|$)/g)) {
        add(key[1]!, bodyStart + key.index + key[0].indexOf(key[1]!));
      }
      if (/\.\.\./.test(body)) complete = false;
    } else complete = false;
  }
  if (/\bexport\s*\*\s*from\b/.test(code)) complete = false;
  return { names, complete };
}

/** Top-level functions (and assignments, classes and imports) of a Python module. */
export function listPythonFunctions(source: string): SourceExports {
  const names: ExportedName[] = [];
  let complete = true;
  const add = (name: string, offset: number) => {
    if (!names.some((existing) => existing.name === name)) names.push({ name, offset });
  };
  for (const match of source.matchAll(/^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/gm)) {
    add(match[1]!, match.index + match[0].lastIndexOf(match[1]!));
  }
  for (const match of source.matchAll(/^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)/gm)) add(match[1]!, match.index);
  for (const match of source.matchAll(/^from[ \t]+\S+[ \t]+import[ \t]+\(?([^)\n]*(?:\)|$))/gm)) {
    const list = match[1]!.replace(/\)$/, '');
    if (list.trim() === '*') complete = false;
    for (const item of list.matchAll(/([A-Za-z_]\w*)(?:[ \t]+as[ \t]+([A-Za-z_]\w*))?/g)) {
      add(item[2] ?? item[1]!, match.index + match[0].indexOf(item[0]));
    }
  }
  return { names, complete };
}

/** Replaces comments with spaces so offsets stay valid and commented-out exports do not count. */
function blankComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/[^\n]*/g, (match, lead: string | undefined) => {
    const keep = lead ?? '';
    return keep + match.slice(keep.length).replace(/[^\n]/g, ' ');
  });
}

/** The text inside the object literal that `text` starts with, by brace matching (strings ignored roughly). */
function objectLiteralBody(text: string): string {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(1, index);
  }
  return text.slice(1);
}

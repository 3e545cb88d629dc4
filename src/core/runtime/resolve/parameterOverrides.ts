import { WorkbenchError } from '../../errors';

/**
 * Parses `--parameter-overrides` as SAM CLI accepts it: `Key=Value` pairs separated by spaces, values optionally
 * quoted (`Key="two words"`), or CloudFormation's `ParameterKey=Key,ParameterValue=Value` form. Each argument of
 * a list may hold several pairs, as samconfig.toml's string and array forms do.
 */
export function parseParameterOverrides(input: string | readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const chunk of typeof input === 'string' ? [input] : input) {
    for (const token of splitShellWords(chunk)) {
      const cloudFormationForm = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(token);
      if (cloudFormationForm) {
        overrides[cloudFormationForm[1] ?? ''] = cloudFormationForm[2] ?? '';
        continue;
      }
      const equals = token.indexOf('=');
      if (equals <= 0) {
        throw new WorkbenchError(`"${token}" is not a parameter override.`, {
          code: 'InvalidParameterOverride',
          hint: 'Write overrides as Key=Value (quote values with spaces: Key="a b").',
        });
      }
      overrides[token.slice(0, equals)] = token.slice(equals + 1);
    }
  }
  return overrides;
}

/** Splits on unquoted whitespace; double and single quotes group, backslash escapes inside double quotes. */
function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && index + 1 < text.length) current += text[++index] ?? '';
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) {
    throw new WorkbenchError(`Unclosed ${quote} in parameter overrides: ${text}`, { code: 'InvalidParameterOverride' });
  }
  if (inWord) words.push(current);
  return words;
}

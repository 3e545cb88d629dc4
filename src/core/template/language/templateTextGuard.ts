import type { TemplateProblem } from '../parseTemplate';

/** CloudFormation accepts templates up to 1 MB (from S3); beyond twice that, parsing would stall the editor. */
export const MAX_TEMPLATE_CHARACTERS = 2 * 1024 * 1024;
/** Deeper flow nesting than any real template uses; the parser recurses per level. */
export const MAX_FLOW_DEPTH = 256;

/** A reason not to parse the text at all: binary content, enormous size, or pathological nesting. */
export function findUnparseableText(text: string): TemplateProblem | undefined {
  const whole = { start: 0, end: Math.min(text.length, 1) };
  if (text.length > MAX_TEMPLATE_CHARACTERS) {
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    return {
      range: whole,
      severity: 'error',
      code: 'too-large',
      message: `The file holds ${megabytes} million characters; CloudFormation accepts templates up to 1 MB, so it is not analysed.`,
    };
  }
  const sample = text.slice(0, 8192);
  const nul = sample.indexOf('\0');
  // eslint-disable-next-line no-control-regex
  const controls = sample.match(/[\x00-\x08\x0E-\x1F]/g)?.length ?? 0;
  if (nul !== -1 || controls > sample.length / 10) {
    return {
      range: { start: Math.max(0, nul), end: Math.max(0, nul) + 1 },
      severity: 'error',
      code: 'binary',
      message: 'The file looks binary (it contains control characters), not a YAML or JSON template.',
    };
  }
  let depth = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 91 || code === 123) {
      if (++depth > MAX_FLOW_DEPTH) {
        return {
          range: { start: offset, end: offset + 1 },
          severity: 'error',
          code: 'too-deep',
          message: `Brackets nest more than ${MAX_FLOW_DEPTH} levels deep here; the template is not analysed.`,
        };
      }
    } else if (code === 93 || code === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

// What SAM generates from a template as a person writes it, as text: the one path behind
// `serverless-workbench transform` and the editor's "Show Transformed Template". Local artifact paths stand as S3
// placeholders first (as `sam validate` does), then the SAM transform runs, then the result is written as JSON or
// YAML. A template without the SAM transform is CloudFormation already and comes back as it is.
import { parseTemplateText, serializeTemplate } from '../deploy/templateFile';
import type { JsonValue } from '../template/templateJson';
import { LOCAL_ARTIFACT_BUCKET, withLocalArtifactPlaceholders } from './localArtifacts';
import { transformSamTemplate, usesSamTransform } from './transformSamTemplate';

export type TemplateTextFormat = 'json' | 'yaml';

/** How to transform: parameter values (others take their Default) and the region. */
export interface TransformedTemplateOptions {
  /** Output format; defaults to the source template's. */
  format?: TemplateTextFormat;
  parameterValues?: Readonly<Record<string, JsonValue>>;
  region?: string;
  /** Names the template in syntax error messages. */
  path?: string;
}

/** The transformed template as text, with what a reader should know about it. */
export interface TransformedTemplate {
  text: string;
  format: TemplateTextFormat;
  /** False when the template does not ask for the SAM transform (the text is the template itself). */
  transformed: boolean;
  /** How many local paths stand as `s3://local-artifact/...` placeholders. */
  localArtifacts: number;
}

/** Explains the placeholders; the YAML output carries it as a comment. */
export const LOCAL_ARTIFACT_NOTE = `Local paths stand as s3://${LOCAL_ARTIFACT_BUCKET}/<path>: packaging (serverless-workbench package, sam package) uploads them and writes their real S3 locations.`;

/**
 * Transforms template text. Throws a WorkbenchError (code InvalidTemplate) for text that is not a template and
 * SamTransformError (AWS's "Invalid Serverless Application Specification document..." message, with the problems)
 * for a template the SAM translator would refuse.
 */
export function transformTemplateText(text: string, options: TransformedTemplateOptions = {}): TransformedTemplate {
  const source = parseTemplateText(text, options.path ?? 'template');
  const format = options.format ?? source.format;
  if (!usesSamTransform(source.template)) {
    return { text: serializeTemplate(source.template, format), format, transformed: false, localArtifacts: 0 };
  }
  const prepared = withLocalArtifactPlaceholders(source.template);
  const output = transformSamTemplate(prepared.template, {
    ...(options.parameterValues ? { parameterValues: options.parameterValues } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  let serialized = serializeTemplate(output, format);
  if (format === 'yaml' && prepared.replaced > 0) serialized = `# ${LOCAL_ARTIFACT_NOTE}\n${serialized}`;
  return { text: serialized, format, transformed: true, localArtifacts: prepared.replaced };
}

import { parseTemplate } from '../../../src/core/template/parseTemplate';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { validateWithSchema } from '../../../src/core/template/schema/validateWithSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';

/** A diagnostic with the text it covers, so ranges are checked exactly. */
export interface Found {
  severity: string;
  code: string;
  text: string;
  message: string;
}

const NOW = new Date('2026-01-15T00:00:00Z');
export const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";
/** The properties every Zip function in these tests has. */
export const zip = ['Handler: app.handler', 'Runtime: nodejs22.x', 'CodeUri: src/'];

let schema: TemplateSchema | undefined;

/** The schema diagnostics of a template, each with the text its range covers. */
export function check(text: string): Found[] {
  schema ??= testTemplateSchema();
  return validateWithSchema(parseTemplate(text), schema, { now: NOW }).map((diagnostic) => ({
    severity: diagnostic.severity,
    code: diagnostic.code,
    text: text.slice(diagnostic.range.start, diagnostic.range.end),
    message: diagnostic.message,
  }));
}

/** A SAM function template with these lines (indented 6) under Properties. */
export function samFunction(...properties: string[]): string {
  return `${HEADER}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${properties.map((line) => `      ${line}`).join('\n')}\n`;
}

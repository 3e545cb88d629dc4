// What `aws cloudformation package` does to a SAM template, for tests: every local CodeUri / ContentUri becomes
// the s3:// location of a zip of that folder (deterministic: sorted names, fixed times). A folder that does not
// exist gets a stub handler instead, so templates whose code is not at hand still deploy.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { JsonObject, JsonValue } from '../../src/core/template/templateJson';

/** A zip to upload to the bucket under its key. */
export interface CodeUpload {
  key: string;
  zip: Uint8Array;
}

const STUB_FILES: Zippable = {
  'index.js': strToU8(
    'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event ?? null) });\n',
  ),
  'index.py': strToU8('def handler(event, context):\n    return {"statusCode": 200, "body": "stub"}\n'),
};

function zipFolder(folder: string): Uint8Array {
  const files: Zippable = {};
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files[relative(folder, path).split('\\').join('/')] = [readFileSync(path), { mtime: '1980-01-01T00:00:00Z' }];
    }
  };
  walk(folder);
  return zipSync(files, { mtime: '1980-01-01T00:00:00Z' });
}

const CODE_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'CodeUri',
  'AWS::Serverless::LayerVersion': 'ContentUri',
};

/**
 * Rewrites local code locations of the template (in place) to `s3://<bucket>/<hash>` and returns the zips to
 * upload. Functions without a CodeUri (or with InlineCode or an image) are left alone.
 */
export function packageTemplateCode(template: JsonObject, templateDirectory: string, bucket: string): CodeUpload[] {
  const uploads = new Map<string, CodeUpload>();
  const resources = template.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return [];
  const globals = (template.Globals as JsonObject | undefined)?.Function as JsonObject | undefined;
  for (const definition of Object.values(resources)) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
    const property = typeof definition.Type === 'string' ? CODE_PROPERTIES[definition.Type] : undefined;
    if (!property) continue;
    const properties = (definition.Properties ??= {}) as JsonObject;
    if (properties.InlineCode !== undefined || properties.ImageUri !== undefined || properties.PackageType === 'Image')
      continue;
    const location: JsonValue | undefined =
      properties[property] ?? (property === 'CodeUri' ? globals?.CodeUri : undefined);
    if (typeof location === 'string' && location.startsWith('s3://')) continue;
    if (location !== undefined && typeof location !== 'string') continue;
    const folder = resolve(templateDirectory, location ?? '.');
    const zip =
      existsSync(folder) && statSync(folder).isDirectory() && location !== undefined
        ? zipFolder(folder)
        : zipSync(STUB_FILES, { mtime: '1980-01-01T00:00:00Z' });
    const key = createHash('md5').update(zip).digest('hex');
    uploads.set(key, { key, zip });
    properties[property] = `s3://${bucket}/${key}`;
  }
  return [...uploads.values()];
}

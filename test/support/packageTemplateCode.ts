// What `aws cloudformation package` does to a template, for tests: local code folders (CodeUri, ContentUri,
// Code, Content), definition files (DefinitionUri), included snippets (AWS::Include Location) and nested templates
// (Application Location, Stack TemplateURL) are uploaded and replaced by their S3 locations. What the template
// points to but is not at hand is replaced by a stub (a handler, an empty definition, a one-resource template), and
// s3:// locations are stubbed too, so real-world templates deploy without their code. Deterministic zips.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { stringify } from 'yaml';
import { parseTemplateJson, type JsonObject, type JsonValue } from '../../src/core/template/templateJson';

/** An object to upload: to `bucket` (the packaging bucket unless the template named another) under `key`. */
export interface CodeUpload {
  bucket?: string;
  key: string;
  zip: Uint8Array;
}

const FIXED_TIME = '1980-01-01T00:00:00Z';
const STUB_FILES: Zippable = {
  'index.js': strToU8(
    'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event ?? null) });\n',
  ),
  'index.py': strToU8('def handler(event, context):\n    return {"statusCode": 200, "body": "stub"}\n'),
};
const STUB_DEFINITION = '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}';
const STUB_OPENAPI = '{"openapi":"3.0.1","info":{"title":"stub","version":"1"},"paths":{}}';
const STUB_TEMPLATE = 'Resources:\n  Placeholder:\n    Type: AWS::CloudFormation::WaitConditionHandle\n';
const STUB_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/stub:latest';

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

class Packager {
  readonly uploads = new Map<string, CodeUpload>();

  constructor(
    private readonly bucket: string,
    private readonly depth = 0,
  ) {}

  /** Uploads bytes under their hash; answers the key. */
  upload(data: Uint8Array, extension = ''): string {
    const key = `${createHash('md5').update(data).digest('hex')}${extension}`;
    this.uploads.set(key, { key, zip: data });
    return key;
  }

  folderZip(location: string | undefined, directory: string): string {
    const folder = location === undefined ? undefined : resolve(directory, location);
    if (!folder || !existsSync(folder)) return this.upload(zipSync(STUB_FILES, { mtime: FIXED_TIME }));
    if (!statSync(folder).isDirectory()) return this.upload(readFileSync(folder));
    const files: Zippable = {};
    const walk = (current: string) => {
      for (const name of readdirSync(current).sort()) {
        const path = join(current, name);
        if (statSync(path).isDirectory()) walk(path);
        else files[relative(folder, path).split('\\').join('/')] = [readFileSync(path), { mtime: FIXED_TIME }];
      }
    };
    walk(folder);
    return this.upload(zipSync(files, { mtime: FIXED_TIME }));
  }

  file(location: string, directory: string, stub: string): string {
    const path = resolve(directory, location);
    const data = existsSync(path) && statSync(path).isFile() ? readFileSync(path) : Buffer.from(stub);
    return this.upload(data, location.slice(location.lastIndexOf('.')));
  }

  /** A nested template: packaged itself (its own relative paths), then uploaded. */
  template(location: string, directory: string): string {
    const path = resolve(directory, location);
    if (this.depth > 3 || !existsSync(path)) return this.upload(Buffer.from(STUB_TEMPLATE), '.yaml');
    const nested = parseTemplateJson(readFileSync(path, 'utf8'));
    const child = new Packager(this.bucket, this.depth + 1);
    child.packageTemplate(nested, dirname(path));
    for (const [key, upload] of child.uploads) this.uploads.set(key, upload);
    return this.upload(Buffer.from(stringify(nested)), '.yaml');
  }

  /** An s3:// location the template names: stubbed in its own bucket, so the location exists. */
  stubS3(uri: string, data: Uint8Array): void {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (match) this.uploads.set(`${match[1]}/${match[2]}`, { bucket: match[1], key: match[2]!, zip: data });
  }

  s3Uri(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  httpsUrl(key: string): string {
    return `https://s3.amazonaws.com/${this.bucket}/${key}`;
  }

  packageTemplate(template: JsonObject, directory: string): void {
    this.includes(template, directory);
    const resources = template.Resources;
    if (!isObject(resources)) return;
    const globals = isObject(template.Globals) && isObject(template.Globals.Function) ? template.Globals.Function : {};
    for (const definition of Object.values(resources)) {
      if (!isObject(definition) || typeof definition.Type !== 'string') continue;
      const properties = isObject(definition.Properties) ? definition.Properties : (definition.Properties = {});
      this.resource(definition.Type, properties, globals, directory);
    }
  }

  private resource(type: string, properties: JsonObject, globals: JsonObject, directory: string): void {
    const local = (value: JsonValue | undefined): value is string =>
      typeof value === 'string' && !value.startsWith('s3://') && !value.startsWith('https://');
    const stubZip = () => zipSync(STUB_FILES, { mtime: FIXED_TIME });
    switch (type) {
      case 'AWS::Serverless::Function': {
        const image = properties.PackageType === 'Image' || globals.PackageType === 'Image';
        if (image) {
          if (properties.ImageUri === undefined && globals.ImageUri === undefined) properties.ImageUri = STUB_IMAGE;
          return;
        }
        if (properties.InlineCode !== undefined) return;
        const location = properties.CodeUri ?? globals.CodeUri;
        if (typeof location === 'string' && location.startsWith('s3://')) this.stubS3(location, stubZip());
        else if (location === undefined || local(location))
          properties.CodeUri = this.s3Uri(this.folderZip(location ?? '.', directory));
        return;
      }
      case 'AWS::Serverless::LayerVersion': {
        const location = properties.ContentUri;
        if (typeof location === 'string' && location.startsWith('s3://')) this.stubS3(location, stubZip());
        else if (location === undefined || local(location))
          properties.ContentUri = this.s3Uri(this.folderZip(location, directory));
        return;
      }
      case 'AWS::Serverless::StateMachine':
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi': {
        const location = properties.DefinitionUri;
        const stub = type === 'AWS::Serverless::StateMachine' ? STUB_DEFINITION : STUB_OPENAPI;
        if (typeof location === 'string' && location.startsWith('s3://')) this.stubS3(location, Buffer.from(stub));
        else if (local(location)) properties.DefinitionUri = this.s3Uri(this.file(location, directory, stub));
        return;
      }
      case 'AWS::Serverless::Application':
        if (local(properties.Location))
          properties.Location = this.httpsUrl(this.template(properties.Location, directory));
        return;
      case 'AWS::CloudFormation::Stack':
        if (local(properties.TemplateURL))
          properties.TemplateURL = this.httpsUrl(this.template(properties.TemplateURL, directory));
        return;
      case 'AWS::Lambda::Function':
        if (local(properties.Code)) {
          properties.Code = { S3Bucket: this.bucket, S3Key: this.folderZip(properties.Code, directory) };
        } else if (
          isObject(properties.Code) &&
          typeof properties.Code.S3Bucket === 'string' &&
          typeof properties.Code.S3Key === 'string'
        ) {
          this.stubS3(`s3://${properties.Code.S3Bucket}/${properties.Code.S3Key}`, stubZip());
        }
        return;
      case 'AWS::Lambda::LayerVersion':
        if (local(properties.Content))
          properties.Content = { S3Bucket: this.bucket, S3Key: this.folderZip(properties.Content, directory) };
        return;
    }
  }

  /** `Fn::Transform: { Name: AWS::Include, Parameters: { Location: ./file } }` anywhere in the template. */
  private includes(value: JsonValue, directory: string): void {
    if (Array.isArray(value)) {
      for (const item of value) this.includes(item, directory);
      return;
    }
    if (!isObject(value)) return;
    const transform = value['Fn::Transform'];
    if (isObject(transform) && transform.Name === 'AWS::Include' && isObject(transform.Parameters)) {
      const location = transform.Parameters.Location;
      if (typeof location === 'string' && !location.startsWith('s3://') && !location.startsWith('http')) {
        transform.Parameters.Location = this.s3Uri(this.file(location, directory, STUB_OPENAPI));
      }
    }
    for (const item of Object.values(value)) this.includes(item, directory);
  }
}

/**
 * Rewrites the template's local locations (in place) to the packaging bucket's and returns what to upload (objects
 * of other buckets the template names carry their `bucket`).
 */
export function packageTemplateCode(template: JsonObject, templateDirectory: string, bucket: string): CodeUpload[] {
  const packager = new Packager(bucket);
  packager.packageTemplate(template, templateDirectory);
  return [...packager.uploads.values()];
}

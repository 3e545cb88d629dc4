// `aws cloudformation package` / `sam package`: uploads every local artifact a template points at (zipping folders
// deterministically) and rewrites the property to the S3 location, recursing into nested stacks and applications.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { WorkbenchError } from '../errors';
import type { JsonObject, JsonValue } from '../template/templateJson';
import type { ArtifactUploader, UploadedArtifact } from './artifactUploader';
import { looksLikeZip, zipDirectory, zipSingleFile } from './deterministicZip';
import { PACKAGEABLE_METADATA, packageablePropertiesOf, type PackageableProperty } from './packageableProperties';
import { readTemplateFile, serializeTemplate } from './templateFile';

/** One local file or folder that was packaged. */
export interface PackagedArtifact {
  logicalId: string;
  /** The property path below Properties, e.g. `CodeUri` or `Functions.Fn1.CodeUri`. */
  property: string;
  localPath: string;
  artifact: UploadedArtifact;
  /** The template the resource is in (nested templates are packaged too). */
  templatePath: string;
}

/** A packaged template and what went into it. */
export interface PackagedTemplate {
  template: JsonObject;
  format: 'yaml' | 'json';
  artifacts: PackagedArtifact[];
}

/** Nested templates deeper than this are refused: a template that includes itself would never end. */
const MAX_NESTING = 10;

/** Packages the template file: uploads its artifacts and returns the rewritten template. */
export async function packageTemplate(templatePath: string, uploader: ArtifactUploader): Promise<PackagedTemplate> {
  return new TemplatePackager(uploader).packageFile(resolve(templatePath), 0);
}

class TemplatePackager {
  private readonly artifacts: PackagedArtifact[] = [];
  /** One upload per local path and form (zipped or as is), however many properties name it. */
  private readonly uploads = new Map<string, Promise<UploadedArtifact>>();

  constructor(private readonly uploader: ArtifactUploader) {}

  async packageFile(templatePath: string, depth: number): Promise<PackagedTemplate> {
    if (depth > MAX_NESTING) {
      throw new WorkbenchError(`Nested templates go deeper than ${MAX_NESTING} levels at ${templatePath}.`, {
        code: 'NestingTooDeep',
        hint: 'A nested stack or application probably points back at one of its parents.',
      });
    }
    const document = await readTemplateFile(templatePath);
    const directory = dirname(templatePath);
    const template = document.template;
    const work: Array<Promise<void>> = [];
    const metadata = asObject(template['Metadata']);
    for (const exporter of PACKAGEABLE_METADATA) {
      const section = asObject(metadata?.[exporter.resourceType]);
      if (section)
        work.push(this.exportProperty(exporter.resourceType, section, exporter, directory, templatePath, depth));
    }
    const resources = asObject(template['Resources']);
    if (resources) {
      work.push(this.exportIncludes(template, directory, templatePath));
      // A CodeUri in Globals is packaged there once; functions without their own inherit the S3 location.
      const functionGlobals = asObject(asObject(template['Globals'])?.['Function']);
      const globalCode = functionGlobals?.['CodeUri'];
      if (functionGlobals && typeof globalCode === 'string' && globalCode) {
        const [codeUri] = packageablePropertiesOf('AWS::Serverless::Function');
        if (codeUri) {
          work.push(this.exportProperty('Globals.Function', functionGlobals, codeUri, directory, templatePath, depth));
        }
      }
      this.exportResources(resources, directory, templatePath, depth, work, typeof globalCode === 'string');
    }
    await Promise.all(work);
    return { template, format: document.format, artifacts: depth === 0 ? this.sortedArtifacts() : [] };
  }

  private exportResources(
    resources: JsonObject,
    directory: string,
    templatePath: string,
    depth: number,
    work: Array<Promise<void>>,
    globalCodeUri: boolean,
  ): void {
    for (const [logicalId, resource] of Object.entries(resources)) {
      // Fn::ForEach::Name: [Identifier, Collection, {resources}] (AWS::LanguageExtensions).
      if (logicalId.startsWith('Fn::ForEach::')) {
        const body = Array.isArray(resource) ? asObject(resource[2]) : undefined;
        if (!body) {
          throw new WorkbenchError(`${logicalId} must be a list of an identifier, a collection and resources.`, {
            code: 'InvalidForEach',
          });
        }
        this.exportResources(body, directory, templatePath, depth, work, globalCodeUri);
        continue;
      }
      const definition = asObject(resource);
      const type = definition?.['Type'];
      const properties = asObject(definition?.['Properties']);
      if (typeof type !== 'string' || !properties || !isPackageable(type, properties)) continue;
      for (const exporter of packageablePropertiesOf(type)) {
        if (globalCodeUri && type === 'AWS::Serverless::Function' && properties['CodeUri'] === undefined) continue;
        work.push(this.exportProperty(logicalId, properties, exporter, directory, templatePath, depth));
      }
    }
  }

  private async exportProperty(
    logicalId: string,
    properties: JsonObject,
    exporter: PackageableProperty,
    directory: string,
    templatePath: string,
    depth: number,
  ): Promise<void> {
    for (const [path, value] of matchingValues(properties, exporter.property.split('.'))) {
      const property = path.join('.');
      const absent = value === undefined || value === null || value === '';
      if (absent && !exporter.packageWhenAbsent) continue;
      // Objects are S3 locations or intrinsics already; nothing local to upload.
      if (!absent && typeof value === 'object') continue;
      const text = absent ? directory : String(value);
      const replacement =
        exporter.reference.kind === 'templateUrl'
          ? await this.exportNestedTemplate(logicalId, property, text, directory, depth, templatePath)
          : await this.exportArtifact(logicalId, property, text, exporter, directory, templatePath);
      if (replacement !== undefined) setAtPath(properties, path, replacement);
    }
  }

  private async exportArtifact(
    logicalId: string,
    property: string,
    value: string,
    exporter: PackageableProperty,
    directory: string,
    templatePath: string,
  ): Promise<JsonValue | undefined> {
    let s3Url: string;
    if (value.startsWith('s3://')) {
      s3Url = value;
    } else {
      const localPath = isAbsolute(value) ? value : resolve(directory, value);
      const artifact = await this.uploadLocal(logicalId, property, localPath, exporter.forceZip);
      this.artifacts.push({ logicalId, property, localPath, artifact, templatePath });
      s3Url = artifact.s3Url;
    }
    const reference = exporter.reference;
    if (reference.kind !== 'object') return s3Url;
    const location = parseS3Url(s3Url);
    if (!location) {
      throw new WorkbenchError(`${property} of ${logicalId} is not a valid S3 URL: ${s3Url}`, { code: 'InvalidS3Url' });
    }
    return {
      [reference.bucket]: location.bucket,
      [reference.key]: location.key,
      ...(reference.version && location.version ? { [reference.version]: location.version } : {}),
    };
  }

  private uploadLocal(
    logicalId: string,
    property: string,
    localPath: string,
    forceZip: boolean,
  ): Promise<UploadedArtifact> {
    const cacheKey = `${forceZip ? 'zip' : 'raw'}:${localPath}`;
    let pending = this.uploads.get(cacheKey);
    if (!pending) {
      pending = (async () => {
        const info = await stat(localPath).catch(() => undefined);
        if (!info || (!info.isDirectory() && !info.isFile())) {
          throw new WorkbenchError(
            `Parameter ${property} of resource ${logicalId} refers to a file or folder that does not exist: ${localPath}`,
            { code: 'InvalidLocalPath', hint: 'Fix the path in the template (relative paths start at the template).' },
          );
        }
        if (info.isDirectory()) return this.uploader.upload(await zipDirectory(localPath));
        const bytes = await readFile(localPath);
        if (forceZip && !looksLikeZip(bytes)) {
          return this.uploader.upload(await zipSingleFile(localPath, basename(localPath)));
        }
        return this.uploader.upload(bytes);
      })();
      this.uploads.set(cacheKey, pending);
    }
    return pending;
  }

  private async exportNestedTemplate(
    logicalId: string,
    property: string,
    value: string,
    directory: string,
    depth: number,
    templatePath: string,
  ): Promise<JsonValue | undefined> {
    if (/^(s3|https?):\/\//.test(value)) return undefined;
    const nestedPath = isAbsolute(value) ? value : resolve(directory, value);
    const info = await stat(nestedPath).catch(() => undefined);
    if (!info?.isFile()) {
      throw new WorkbenchError(
        `${property} of ${logicalId} must be an S3 URL or a local template file; ${nestedPath} is not a file.`,
        { code: 'InvalidTemplateUrl', hint: 'Fix the path in the template (relative paths start at the template).' },
      );
    }
    const nested = await this.packageFile(nestedPath, depth + 1);
    const body = new TextEncoder().encode(serializeTemplate(nested.template, 'yaml'));
    const artifact = await this.uploader.upload(body, 'template');
    this.artifacts.push({ logicalId, property, localPath: nestedPath, artifact, templatePath });
    return this.uploader.store.objectUrl(artifact.key);
  }

  /** `Fn::Transform: {Name: AWS::Include, Parameters: {Location: local file}}` anywhere in the template. */
  private async exportIncludes(node: JsonValue, directory: string, templatePath: string): Promise<void> {
    const includes: JsonObject[] = [];
    collectIncludes(node, includes);
    await Promise.all(
      includes.map(async (include) => {
        const parameters = asObject(include['Parameters']);
        const location = parameters?.['Location'];
        if (!parameters || typeof location !== 'string' || !location || location.startsWith('s3://')) return;
        const localPath = resolve(directory, location);
        const info = await stat(localPath).catch(() => undefined);
        if (!info?.isFile()) {
          throw new WorkbenchError(
            `Parameter Location of AWS::Include refers to a file that does not exist: ${localPath}`,
            { code: 'InvalidLocalPath', hint: 'Fix the path in the template (relative paths start at the template).' },
          );
        }
        const artifact = await this.uploadLocal('AWS::Include', 'Location', localPath, false);
        this.artifacts.push({ logicalId: 'AWS::Include', property: 'Location', localPath, artifact, templatePath });
        parameters['Location'] = artifact.s3Url;
      }),
    );
  }

  private sortedArtifacts(): PackagedArtifact[] {
    return [...this.artifacts].sort(
      (a, b) => a.logicalId.localeCompare(b.logicalId) || a.property.localeCompare(b.property),
    );
  }
}

/** SAM CLI leaves functions with inline code or container images alone. */
function isPackageable(type: string, properties: JsonObject): boolean {
  if (type !== 'AWS::Serverless::Function') return true;
  return properties['InlineCode'] === undefined && properties['PackageType'] !== 'Image';
}

function collectIncludes(node: JsonValue, found: JsonObject[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectIncludes(item, found);
    return;
  }
  const object = asObject(node);
  if (!object) return;
  for (const [key, value] of Object.entries(object)) {
    const transform = asObject(value);
    if (key === 'Fn::Transform' && transform?.['Name'] === 'AWS::Include') found.push(transform);
    else collectIncludes(value, found);
  }
}

/** Values at a dotted path where `*` matches every key of a map; absent leaves come back as undefined. */
function matchingValues(root: JsonObject, segments: readonly string[]): Array<[string[], JsonValue | undefined]> {
  let frontier: Array<[string[], JsonValue | undefined]> = [[[], root]];
  for (const [index, segment] of segments.entries()) {
    const next: Array<[string[], JsonValue | undefined]> = [];
    for (const [path, value] of frontier) {
      const object = asObject(value);
      if (!object) continue;
      if (segment === '*') {
        for (const [key, child] of Object.entries(object)) next.push([[...path, key], child]);
      } else if (object[segment] !== undefined || index === segments.length - 1) {
        next.push([[...path, segment], object[segment]]);
      }
    }
    frontier = next;
  }
  return frontier;
}

function setAtPath(root: JsonObject, path: readonly string[], value: JsonValue): void {
  let object = root;
  for (const segment of path.slice(0, -1)) {
    const child = asObject(object[segment]);
    if (!child) return;
    object = child;
  }
  object[path[path.length - 1] ?? ''] = value;
}

/** `s3://bucket/key?versionId=v` as its parts. */
export function parseS3Url(url: string): { bucket: string; key: string; version?: string } | undefined {
  const match = /^s3:\/\/([^/?]+)\/([^?]+)(?:\?(.*))?$/.exec(url);
  if (!match) return undefined;
  const version = new URLSearchParams(match[3] ?? '').getAll('versionId');
  return { bucket: match[1] ?? '', key: match[2] ?? '', ...(version.length === 1 ? { version: version[0] } : {}) };
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

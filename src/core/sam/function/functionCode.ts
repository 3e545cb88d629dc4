// A function's Code from CodeUri, InlineCode or ImageUri (samtranslator/model/s3_utils/uri_parser.py), and the
// S3 location objects other SAM types share (DefinitionUri, ContentUri).
import { InvalidResourceError } from '../samTransformError';
import { isIntrinsic, isObject, resolveParameterRefs, type JsonObject, type JsonValue } from '../intrinsics';
import type { TransformContext } from '../transformContext';

/** Parses `s3://bucket/key?versionId=v`; undefined when the text is not such a URI. */
export function parseS3Uri(uri: JsonValue | undefined): { Bucket: string; Key: string; Version?: string } | undefined {
  if (typeof uri !== 'string') return undefined;
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) return undefined;
  const [, bucket, rest] = match as unknown as [string, string, string];
  const query = rest.indexOf('?');
  const key = query >= 0 ? rest.slice(0, query) : rest;
  const version = query >= 0 ? new URLSearchParams(rest.slice(query + 1)).get('versionId') : null;
  return version ? { Bucket: bucket, Key: key, Version: version } : { Bucket: bucket, Key: key };
}

/** An S3 location (`s3://...` or `{ Bucket, Key, Version }`) as `{ <prefix>Bucket, <prefix>Key, ... }`. */
export function s3LocationObject(
  location: JsonValue | undefined,
  logicalId: string,
  propertyName: string,
  names: { bucket: string; key: string; version: string } = {
    bucket: 'S3Bucket',
    key: 'S3Key',
    version: 'S3ObjectVersion',
  },
): JsonObject {
  let pointer: JsonObject;
  if (isObject(location)) {
    if (!location.Bucket || !location.Key) {
      throw new InvalidResourceError(
        logicalId,
        `'${propertyName}' requires Bucket and Key properties to be specified.`,
        ['Properties', propertyName],
      );
    }
    pointer = location;
  } else {
    const parsed = parseS3Uri(location);
    if (!parsed) {
      throw new InvalidResourceError(
        logicalId,
        `'${propertyName}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`,
        ['Properties', propertyName],
      );
    }
    pointer = parsed;
  }
  const code: JsonObject = { [names.bucket]: pointer.Bucket!, [names.key]: pointer.Key! };
  if (pointer.Version !== undefined) code[names.version] = pointer.Version;
  return code;
}

/** The Lambda `Code` property of a SAM function. */
export function functionCode(logicalId: string, properties: JsonObject, context: TransformContext): JsonObject {
  const { InlineCode: inline, ImageUri: image, PackageType: packageType } = properties;
  const codeUri = resolveParameterRefs(properties.CodeUri, context.parameters);
  if (packageType === 'Image') {
    if (inline !== undefined || properties.CodeUri !== undefined) {
      throw new InvalidResourceError(logicalId, "'InlineCode' and 'CodeUri' cannot be set for 'Image' PackageType.");
    }
    if (image === undefined) throw new InvalidResourceError(logicalId, "'ImageUri' must be set.");
    return { ImageUri: image };
  }
  // With both, InlineCode wins (the translator's inline_precedence fixture).
  if (inline !== undefined) return { ZipFile: inline };
  if (codeUri === undefined || codeUri === null) {
    if (image !== undefined) return { ImageUri: image };
    throw new InvalidResourceError(logicalId, "Only one of 'InlineCode' or 'CodeUri' can be set.", ['Properties']);
  }
  if (typeof codeUri !== 'string' && !isObject(codeUri)) {
    throw new InvalidResourceError(logicalId, "'CodeUri' must be of type dict or string.", ['Properties', 'CodeUri']);
  }
  if (isObject(codeUri) && Array.isArray(codeUri['Fn::If'])) {
    const [condition, whenTrue, whenFalse] = codeUri['Fn::If'];
    return {
      'Fn::If': [
        condition ?? null,
        s3LocationObject(whenTrue, logicalId, 'CodeUri'),
        s3LocationObject(whenFalse, logicalId, 'CodeUri'),
      ],
    };
  }
  if (isObject(codeUri) && isIntrinsic(codeUri)) {
    throw new InvalidResourceError(logicalId, "'CodeUri' requires Bucket and Key properties to be specified.", [
      'Properties',
      'CodeUri',
    ]);
  }
  return s3LocationObject(codeUri, logicalId, 'CodeUri');
}

// What `sam validate` does before it runs the translator (samcli/commands/validate/lib/sam_template_validator.py,
// _replace_local_codeuri and _replace_local_image): the translator accepts only S3 locations, which `sam package`
// writes after uploading the local folders and files a template names. So a template as a person writes it
// (CodeUri: src/) is valid for SAM only once its local paths stand for S3 locations. Without this step every
// function of an unpackaged template would fail with "'CodeUri' is not a valid S3 Uri".
import { isObject, type JsonObject, type JsonValue } from './intrinsics';

/** The bucket of the S3 locations that stand for local paths: `s3://<bucket>/<the local path>`. */
export const LOCAL_ARTIFACT_BUCKET = 'local-artifact';

/** The image that stands for one `sam build` would build from a Dockerfile (as `sam validate` writes it). */
export const LOCAL_IMAGE_PLACEHOLDER = '111111111111.dkr.ecr.region.amazonaws.com/repository';

/** Which location property each SAM type packages, and whether an absent one means the template's folder. */
const PACKAGED_PROPERTIES: Readonly<Record<string, { property: string; absentMeansFolder: boolean }>> = {
  'AWS::Serverless::Function': { property: 'CodeUri', absentMeansFolder: true },
  'AWS::Serverless::LayerVersion': { property: 'ContentUri', absentMeansFolder: true },
  'AWS::Serverless::Api': { property: 'DefinitionUri', absentMeansFolder: false },
  'AWS::Serverless::HttpApi': { property: 'DefinitionUri', absentMeansFolder: false },
  'AWS::Serverless::StateMachine': { property: 'DefinitionUri', absentMeansFolder: false },
};

/** The template with local paths replaced, and how many were. */
export interface LocalArtifactsResult {
  template: JsonValue;
  /** Local paths (and Dockerfile images) that now stand as placeholders. */
  replaced: number;
}

/**
 * Replaces local artifact paths by S3 placeholders (`s3://local-artifact/src/`) and gives image functions built
 * from a Dockerfile a placeholder ImageUri, as `sam validate` does. The input is not changed; parts that need no
 * change are shared with it. Unlike `sam validate`, a function with InlineCode gets no CodeUri (SAM CLI's would
 * then fail with "Only one of 'InlineCode' or 'CodeUri' can be set.").
 */
export function withLocalArtifactPlaceholders(template: JsonValue): LocalArtifactsResult {
  if (!isObject(template) || !isObject(template.Resources)) return { template, replaced: 0 };
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  let replaced = 0;
  const placeholder = (value: JsonValue | undefined): string | undefined => {
    const path = localPath(value, parameters);
    if (path === undefined) return undefined;
    replaced++;
    return `s3://${LOCAL_ARTIFACT_BUCKET}/${path === '' ? '.' : path}`;
  };

  const resources: JsonObject = {};
  const globalFunction =
    isObject(template.Globals) && isObject(template.Globals.Function) ? template.Globals.Function : {};
  const anyImage =
    globalFunction.PackageType === 'Image' ||
    Object.values(template.Resources).some(
      (resource) => isObject(resource) && isObject(resource.Properties) && resource.Properties.PackageType === 'Image',
    );
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    resources[logicalId] = resource;
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const packaged = PACKAGED_PROPERTIES[resource.Type];
    if (!packaged || (resource.Properties !== undefined && !isObject(resource.Properties))) continue;
    const properties: JsonObject = { ...(resource.Properties ?? {}) };
    const isFunction = resource.Type === 'AWS::Serverless::Function';
    const packageType = properties.PackageType ?? globalFunction.PackageType;
    if (isFunction && packageType === 'Image') {
      const metadata = isObject(resource.Metadata) ? resource.Metadata : {};
      if (properties.ImageUri !== undefined || !metadata.Dockerfile) continue;
      properties.ImageUri = LOCAL_IMAGE_PLACEHOLDER;
      replaced++;
    } else {
      const current = properties[packaged.property];
      const inherited = isFunction && (globalFunction.CodeUri !== undefined || globalFunction.InlineCode !== undefined);
      const absentIsFolder =
        packaged.absentMeansFolder &&
        !inherited &&
        properties.InlineCode === undefined &&
        properties.ImageUri === undefined;
      const location = current === undefined ? (absentIsFolder ? placeholder('.') : undefined) : placeholder(current);
      if (location === undefined) continue;
      properties[packaged.property] = location;
    }
    resources[logicalId] = { ...resource, Properties: properties };
  }

  let globals = template.Globals;
  // SAM CLI leaves Globals alone when any function is an image: CodeUri there would clash with ImageUri.
  const globalLocation = anyImage ? undefined : placeholder(globalFunction.CodeUri);
  if (globalLocation !== undefined && isObject(globals)) {
    globals = { ...globals, Function: { ...globalFunction, CodeUri: globalLocation } };
  }
  if (replaced === 0) return { template, replaced };
  return {
    template: { ...template, ...(globals === undefined ? {} : { Globals: globals }), Resources: resources },
    replaced,
  };
}

/**
 * The local path a location value names: a string that is not an S3 URI, or a Ref to a parameter whose Default is
 * one (a parameter that picks the code folder; `sam package` needs the real value passed as an override).
 */
function localPath(value: JsonValue | undefined, parameters: JsonObject): string | undefined {
  if (typeof value === 'string') return value.startsWith('s3://') ? undefined : value;
  if (isObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const declaration = parameters[value.Ref];
    if (isObject(declaration) && typeof declaration.Default === 'string') {
      return declaration.Default.startsWith('s3://') ? undefined : declaration.Default;
    }
  }
  return undefined;
}

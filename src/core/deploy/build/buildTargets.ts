// What `build` builds: each function and layer with local code, its source folder, runtime, architecture and
// build method, read from the template as SAM CLI reads it (Globals merged, Metadata.BuildMethod and
// BuildProperties, parameters resolved for the few properties that matter here).
import { isAbsolute, resolve } from 'node:path';
import type { JsonObject, JsonValue } from '../../template/templateJson';

/** How a target is built. */
export type BuildMethod =
  /** Node.js: copy with production dependencies (npm ci --omit=dev). */
  | 'npm'
  /** Node.js/TypeScript: bundle with esbuild. */
  | 'esbuild'
  /** Python: copy with requirements.txt installed by pip. */
  | 'pip'
  /** `make build-<LogicalId>` with ARTIFACTS_DIR. */
  | 'makefile'
  /** No builder for the runtime: copied as is. */
  | 'copy';

/** One resource to build. */
export interface BuildTarget {
  logicalId: string;
  kind: 'function' | 'layer';
  resourceType: string;
  /** The property holding the code location (CodeUri, Code, ContentUri, Content). */
  codeProperty: string;
  sourceDirectory: string;
  method: BuildMethod;
  /** For functions: the runtime; for layers with a runtime BuildMethod: that runtime (`python3.12`). */
  runtime?: string;
  handler?: string;
  architecture: 'x86_64' | 'arm64';
  /** Metadata.BuildProperties as written. */
  buildProperties: JsonObject;
  /** The function's environment variables (for esbuild's Sourcemap default). */
  environment: JsonObject;
}

/** A resource build leaves alone, and why (for the progress lines). */
export interface SkippedTarget {
  logicalId: string;
  reason: string;
}

/** Image functions need a container build; this explains why they are refused. */
export interface ImageTarget {
  logicalId: string;
  dockerfile: string | undefined;
}

const FUNCTION_TYPES: Record<string, string> = {
  'AWS::Serverless::Function': 'CodeUri',
  'AWS::Lambda::Function': 'Code',
};
const LAYER_TYPES: Record<string, string> = {
  'AWS::Serverless::LayerVersion': 'ContentUri',
  'AWS::Lambda::LayerVersion': 'Content',
};

/** The template's build targets; resources with no local code are listed as skipped. */
export function listBuildTargets(
  template: JsonObject,
  templateDirectory: string,
  parameterOverrides: Record<string, string> = {},
): { targets: BuildTarget[]; skipped: SkippedTarget[]; images: ImageTarget[] } {
  const targets: BuildTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const images: ImageTarget[] = [];
  const resolveValue = parameterResolver(template, parameterOverrides);
  const functionGlobals = asObject(asObject(template['Globals'])?.['Function']) ?? {};
  for (const [logicalId, value] of Object.entries(asObject(template['Resources']) ?? {})) {
    const resource = asObject(value);
    const type = typeof resource?.['Type'] === 'string' ? resource['Type'] : '';
    const isFunction = type in FUNCTION_TYPES;
    if (!resource || (!isFunction && !(type in LAYER_TYPES))) continue;
    const serverless = type.startsWith('AWS::Serverless::');
    const own = asObject(resource['Properties']) ?? {};
    const properties = serverless && isFunction ? { ...functionGlobals, ...own } : own;
    const metadata = asObject(resource['Metadata']) ?? {};
    const codeProperty = (isFunction ? FUNCTION_TYPES[type] : LAYER_TYPES[type]) ?? 'CodeUri';
    if (isFunction && resolveValue(properties['PackageType']) === 'Image') {
      const dockerfile = metadata['Dockerfile'];
      images.push({ logicalId, dockerfile: typeof dockerfile === 'string' ? dockerfile : undefined });
      continue;
    }
    if (properties['InlineCode'] !== undefined) {
      skipped.push({ logicalId, reason: 'inline code' });
      continue;
    }
    const location = resolveValue(properties[codeProperty] ?? (serverless ? '.' : undefined));
    if (typeof location !== 'string' || location.startsWith('s3://')) {
      skipped.push({ logicalId, reason: 'code is not local' });
      continue;
    }
    const buildMethod = resolveValue(metadata['BuildMethod']);
    const runtime = resolveValue(properties['Runtime']);
    const architectures = resolveValue(properties['Architectures']);
    const architecture = Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64';
    const method = isFunction
      ? functionMethod(
          typeof buildMethod === 'string' ? buildMethod : undefined,
          typeof runtime === 'string' ? runtime : '',
        )
      : layerMethod(typeof buildMethod === 'string' ? buildMethod : undefined);
    if (!method) {
      // SAM CLI builds a layer only when it names a BuildMethod; otherwise its folder is used as it is.
      skipped.push({ logicalId, reason: 'no BuildMethod: used as it is' });
      continue;
    }
    const environment = asObject(asObject(properties['Environment'])?.['Variables']) ?? {};
    const handler = resolveValue(properties['Handler']);
    targets.push({
      logicalId,
      kind: isFunction ? 'function' : 'layer',
      resourceType: type,
      codeProperty,
      sourceDirectory: isAbsolute(location) ? location : resolve(templateDirectory, location),
      method,
      ...(isFunction && typeof runtime === 'string' ? { runtime } : {}),
      ...(!isFunction && typeof buildMethod === 'string' && /^(nodejs|python)/.test(buildMethod)
        ? { runtime: buildMethod }
        : {}),
      ...(typeof handler === 'string' ? { handler } : {}),
      architecture,
      buildProperties: asObject(metadata['BuildProperties']) ?? {},
      environment,
    });
  }
  return { targets, skipped, images };
}

function functionMethod(buildMethod: string | undefined, runtime: string): BuildMethod {
  if (buildMethod === 'makefile') return 'makefile';
  if (buildMethod === 'esbuild') return 'esbuild';
  if (runtime.startsWith('nodejs')) return 'npm';
  if (runtime.startsWith('python')) return 'pip';
  return 'copy';
}

function layerMethod(buildMethod: string | undefined): BuildMethod | undefined {
  if (!buildMethod) return undefined;
  if (buildMethod === 'makefile') return 'makefile';
  if (buildMethod.startsWith('nodejs')) return 'npm';
  if (buildMethod.startsWith('python')) return 'pip';
  return 'copy';
}

/** Resolves `Ref` to a parameter (override, else default); other values as they are. */
function parameterResolver(template: JsonObject, overrides: Record<string, string>) {
  const parameters = asObject(template['Parameters']) ?? {};
  return (value: JsonValue | undefined): JsonValue | undefined => {
    const reference = asObject(value)?.['Ref'];
    if (typeof reference !== 'string') return value;
    if (reference in overrides) return overrides[reference];
    const declared = asObject(parameters[reference]);
    return declared?.['Default'] ?? value;
  };
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

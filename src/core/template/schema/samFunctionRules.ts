import type { TemplateDiagnostic } from '../templateDiagnostic';
import { getMapPair, scalarString, type SourceRange, type TemplateNode } from '../templateTree';
import { closestName } from '../closestName';
import { isIntrinsicNode } from './isIntrinsicNode';
import {
  LAMBDA_RUNTIMES,
  isRuntimeDeprecated,
  lambdaRuntime,
  looksLikeNewerRuntime,
  upgradeTarget,
} from './lambdaRuntimes';
import type { ObjectTypeSpec, PropertySpec } from './templateSchema';

// Checks the schema alone cannot express: Lambda's runtime lifecycle, and the properties SAM requires or
// forbids depending on a function's PackageType (after Globals are merged in, as SAM does).

const RUNTIME_OWNERS: ReadonlySet<string> = new Set([
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'Globals.Function',
]);
const ZIP_ONLY = ['Runtime', 'Handler'] as const;

/** True for the `Runtime` of a Lambda function (CloudFormation, SAM or SAM Globals). */
export function isRuntimeProperty(property: PropertySpec, parentType: ObjectTypeSpec | undefined): boolean {
  return property.name === 'Runtime' && parentType !== undefined && RUNTIME_OWNERS.has(parentType.name);
}

/**
 * The diagnostic for a function's runtime: a warning when Lambda has deprecated it (or when it looks like a
 * runtime newer than our table), an error when it is no runtime at all.
 */
export function runtimeDiagnostic(value: string, range: SourceRange, now: Date): TemplateDiagnostic | undefined {
  const runtime = lambdaRuntime(value);
  if (runtime) {
    if (!isRuntimeDeprecated(runtime, now)) return undefined;
    const target = upgradeTarget(runtime, now);
    return {
      range,
      severity: 'warning',
      code: 'deprecated-runtime',
      message: `${runtime.name} (${value}) is deprecated since ${runtime.deprecation}: Lambda no longer patches it and then blocks creating and updating functions that use it.${target ? ` Upgrade to ${target.id}.` : ''}`,
    };
  }
  if (looksLikeNewerRuntime(value)) {
    return {
      range,
      severity: 'warning',
      code: 'unknown-runtime',
      message: `'${value}' is not a Lambda runtime this version knows; check that Lambda offers it.`,
    };
  }
  const suggestion =
    closestName(value, supportedRuntimeIds(now)) ??
    closestName(
      value,
      LAMBDA_RUNTIMES.map((entry) => entry.id),
    );
  return {
    range,
    severity: 'error',
    code: 'value-not-allowed',
    message: `'${value}' is not a Lambda runtime.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
  };
}

function supportedRuntimeIds(now: Date): string[] {
  return LAMBDA_RUNTIMES.filter((runtime) => !isRuntimeDeprecated(runtime, now)).map((runtime) => runtime.id);
}

/**
 * SAM's PackageType rules for one AWS::Serverless::Function: a Zip function (the default) needs Runtime and
 * Handler, on the function or from Globals; an Image function must have neither, Globals included.
 * `ignoredGlobals` are the names its IgnoreGlobals lists (`*` for all).
 */
export function samFunctionPackageDiagnostics(
  properties: TemplateNode | undefined,
  globalsFunction: TemplateNode | undefined,
  anchor: SourceRange,
  ignoredGlobals: ReadonlySet<string> = new Set(),
): TemplateDiagnostic[] {
  const own = (key: string) => getMapPair(properties, key);
  const inherited = (key: string) =>
    ignoredGlobals.has('*') || ignoredGlobals.has(key) ? undefined : getMapPair(globalsFunction, key);
  const packageTypePair = own('PackageType');
  if (packageTypePair?.value && isIntrinsicNode(packageTypePair.value)) return [];
  const packageType = scalarString(packageTypePair?.value);
  // Without an explicit PackageType, an ImageUri makes the intent ambiguous: leave the verdict to SAM.
  if (packageType === undefined && own('ImageUri')) return [];
  const diagnostics: TemplateDiagnostic[] = [];
  if (packageType === undefined || packageType === 'Zip') {
    const missing = ZIP_ONLY.filter((key) => !own(key) && !inherited(key));
    if (missing.length > 0) {
      diagnostics.push({
        range: anchor,
        severity: 'error',
        code: 'missing-required-property',
        message: `A Zip function needs ${missing.map((key) => `'${key}'`).join(' and ')}, on the function or in Globals.Function.`,
      });
    }
  } else if (packageType === 'Image') {
    for (const key of ZIP_ONLY) {
      const pair = own(key);
      if (pair) {
        diagnostics.push({
          range: pair.key.range,
          severity: 'error',
          code: 'invalid-property-combination',
          message: `'${key}' cannot be set on a function whose PackageType is Image.`,
        });
      } else if (inherited(key) && packageTypePair?.value) {
        diagnostics.push({
          range: packageTypePair.value.range,
          severity: 'error',
          code: 'invalid-property-combination',
          message: `This Image function inherits '${key}' from Globals.Function, which SAM rejects: list it in IgnoreGlobals or set it on the Zip functions only.`,
        });
      }
    }
  }
  return diagnostics;
}

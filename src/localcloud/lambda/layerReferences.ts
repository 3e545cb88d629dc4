// Layer names and ARNs as the Lambda API takes them (`name`, `arn:...:layer:name`, `arn:...:layer:name:3`), and
// the layer list of a function's configuration: this account's layers in the function's region must exist; layers
// other accounts publish (public layers) are recorded as given, as the local cloud cannot fetch them.
import { AwsError } from '../protocol/awsError';
import type { ArnContext } from './functionRecords';
import type { LayerVersionStore } from './layerVersionStore';

/** A layer a function uses, as stored with its configuration. */
export interface FunctionLayer {
  arn: string;
  codeSize: number;
  /** Absent for another account's layer (no content locally). */
  codeHash?: string;
}

const LAYER_ARN = /^arn:(aws[a-zA-Z-]*):lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9_-]+)(?::(\d+))?$/;

/** `arn:aws:lambda:<region>:<account>:layer:<name>`. */
export function layerArn(context: ArnContext, name: string): string {
  return `arn:aws:lambda:${context.region}:${context.accountId}:layer:${name}`;
}

/** `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`. */
export function layerVersionArn(context: ArnContext, name: string, version: number): string {
  return `${layerArn(context, name)}:${version}`;
}

/** A layer name or layer ARN split; `region` is the ARN's (undefined for a bare name). */
export function parseLayerName(raw: string): { name: string; region?: string; accountId?: string } {
  const match = LAYER_ARN.exec(raw);
  if (!match) return { name: raw };
  return { name: match[4]!, region: match[2]!, accountId: match[3]! };
}

/** A layer version ARN split, or undefined when it is not one. */
export function parseLayerVersionArn(
  raw: string,
): { name: string; version: number; region: string; accountId: string } | undefined {
  const match = LAYER_ARN.exec(raw);
  if (!match || match[5] === undefined) return undefined;
  return { name: match[4]!, version: Number(match[5]), region: match[2]!, accountId: match[3]! };
}

/** Lambda's answer for a layer version that does not exist. */
export function layerVersionNotFound(context: ArnContext, name: string, version: number): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Layer version ${layerVersionArn(context, name, version)} does not exist.`,
    404,
  );
}

/** Lambda allows five layers a function. */
const MAX_FUNCTION_LAYERS = 5;

/** Resolves CreateFunction/UpdateFunctionConfiguration's `Layers` against the region's layer store. */
export function resolveFunctionLayers(context: ArnContext, store: LayerVersionStore, arns: string[]): FunctionLayer[] {
  if (arns.length > MAX_FUNCTION_LAYERS) {
    throw new AwsError('InvalidParameterValueException', `Cannot reference more than ${MAX_FUNCTION_LAYERS} layers.`);
  }
  const seen = new Set<string>();
  return arns.map((arn) => {
    const parsed = parseLayerVersionArn(arn);
    if (!parsed) {
      throw new AwsError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
    }
    if (parsed.region !== context.region) {
      throw new AwsError(
        'InvalidParameterValueException',
        `Layers are not in the same region as the function. Layers are expected to be in region ${context.region}.`,
      );
    }
    const layerKey = `${parsed.accountId}:${parsed.name}`;
    if (seen.has(layerKey)) {
      throw new AwsError(
        'InvalidParameterValueException',
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${arn}`,
      );
    }
    seen.add(layerKey);
    if (parsed.accountId !== context.accountId) return { arn, codeSize: 0 };
    const record = store.get(parsed.name, parsed.version);
    if (!record) throw new AwsError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
    return { arn, codeSize: record.code.codeSize, codeHash: record.code.codeHash };
  });
}

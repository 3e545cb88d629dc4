// The Lambda resources that attach to a function: Permission, Url (EventSourceMapping has its own file). Each checks that its
// function exists in the local Lambda (a typo fails the stack as on AWS) and gets the identifiers AWS gives it.
import { randomBytes } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import { isAwsError } from '../../../protocol/awsError';
import { objectProperty, stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';

/**
 * The function a property names (name, partial or full ARN, possibly qualified), checked to exist in the local
 * Lambda, or recorded by this stack as simulated (container images do not run locally).
 */
export async function requireFunction(
  properties: JsonObject,
  property: string,
  context: ProviderContext,
): Promise<Record<string, unknown>> {
  const reference = stringProperty(properties, property);
  if (!reference) {
    throw new Error(
      `Properties validation failed for resource ${context.logicalId} with message: #: required key [${property}] not found`,
    );
  }
  try {
    return await context.services.lambda('GetFunctionConfiguration', { FunctionName: reference });
  } catch (error) {
    const simulated = context.stackResources().find((resource) => {
      if (resource.type !== 'AWS::Lambda::Function' || !resource.simulated) return false;
      const arn = typeof resource.attributes.Arn === 'string' ? resource.attributes.Arn : '';
      return resource.physicalId === reference || arn === reference || reference.startsWith(`${arn}:`);
    });
    if (!isAwsError(error) || !simulated) throw error;
    return { FunctionArn: simulated.attributes.Arn };
  }
}

export const lambdaPermissionProvider: ResourceProvider = {
  type: 'AWS::Lambda::Permission',
  async create(properties, context) {
    await requireFunction(properties, 'FunctionName', context);
    // CloudFormation names the policy statement after the stack and logical ID.
    const statementId = context.generatedName({ maxLength: 100 });
    return { physicalId: statementId, attributes: { Id: statementId } };
  },
  update: (update) => Promise.resolve(update.current),
  delete: () => Promise.resolve(),
};

/** The function URL's settings in the Lambda API's shapes. */
function urlSettings(properties: JsonObject): Record<string, JsonValue> {
  const cors = objectProperty(properties, 'Cors');
  const invokeMode = stringProperty(properties, 'InvokeMode');
  return {
    AuthType: stringProperty(properties, 'AuthType') ?? 'NONE',
    ...(cors ? { Cors: cors } : {}),
    ...(invokeMode ? { InvokeMode: invokeMode } : {}),
  };
}

/** The qualifier a function reference carries (`name:alias`, or an ARN's eighth part), if any. */
function qualifierIn(reference: string): string | undefined {
  const parts = reference.split(':');
  if (reference.startsWith('arn:')) return parts[7];
  return parts.length === 2 ? parts[1] : parts.length === 4 ? parts[3] : undefined;
}

/** Function URLs are Lambda's (CreateFunctionUrlConfig...): they answer on the local cloud's port. */
export const lambdaUrlProvider: ResourceProvider = {
  type: 'AWS::Lambda::Url',
  async create(properties, context) {
    const configuration = await requireFunction(properties, 'TargetFunctionArn', context);
    // The URL belongs to what the template names: the function, or an alias (by its ARN or by Qualifier), never
    // the version an alias points at (GetFunctionConfiguration of an alias answers the version's ARN).
    const qualifier =
      stringProperty(properties, 'Qualifier') ?? qualifierIn(stringProperty(properties, 'TargetFunctionArn') ?? '');
    const unqualified = String(configuration.FunctionArn).split(':').slice(0, 7).join(':');
    const functionArn = `${unqualified}${qualifier ? `:${qualifier}` : ''}`;
    if (!configuration.FunctionName) {
      // A function this stack only simulates (container image): the URL is recorded, nothing answers on it.
      const urlId = Array.from(randomBytes(32), (byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('');
      return {
        physicalId: functionArn,
        attributes: { FunctionArn: functionArn, FunctionUrl: `https://${urlId}.lambda-url.${context.region}.on.aws/` },
        simulated: true,
      };
    }
    context.claimPhysicalId(functionArn);
    const created = await context.services.lambda('CreateFunctionUrlConfig', {
      FunctionName: unqualified,
      ...(qualifier ? { Qualifier: qualifier } : {}),
      ...urlSettings(properties),
    });
    return {
      physicalId: functionArn,
      attributes: { FunctionArn: functionArn, FunctionUrl: String(created.FunctionUrl) },
    };
  },
  async update(update, context) {
    if (update.current.simulated) return update.current;
    const updated = await context.services.lambda('UpdateFunctionUrlConfig', {
      FunctionName: update.current.physicalId,
      ...urlSettings(update.properties),
    });
    return {
      ...update.current,
      attributes: { ...update.current.attributes, FunctionUrl: String(updated.FunctionUrl) },
    };
  },
  async delete(deletion, context) {
    try {
      await context.services.lambda('DeleteFunctionUrlConfig', { FunctionName: deletion.physicalId });
    } catch (error) {
      // Already gone (or its function is): deletes are retried after crashes.
      if (!isAwsError(error) || error.status !== 404) throw error;
    }
  },
  // Changing the function or its qualifier makes a new URL, as on AWS.
  requiresReplacement: (changed) => changed.includes('TargetFunctionArn') || changed.includes('Qualifier'),
};

// FunctionUrlConfig: a Lambda::Url on the function (or its alias) and, for AuthType NONE, the public permissions.
import { InvalidResourceError } from '../samTransformError';
import { isIntrinsic, isObject, ref, type JsonObject } from '../intrinsics';
import type { GeneratedResources } from '../transformContext';

const CORS_KEYS: Record<string, 'boolean' | 'list' | 'integer'> = {
  AllowCredentials: 'boolean',
  AllowHeaders: 'list',
  AllowMethods: 'list',
  AllowOrigins: 'list',
  ExposeHeaders: 'list',
  MaxAge: 'integer',
};

export function constructFunctionUrl(
  logicalId: string,
  config: JsonObject,
  aliasId: string | undefined,
  attributes: JsonObject,
): GeneratedResources {
  const path = ['Properties', 'FunctionUrlConfig'];
  const authType = config.AuthType;
  if (authType === undefined)
    throw new InvalidResourceError(
      logicalId,
      'AuthType is required to configure function property `FunctionUrlConfig`. Please provide either AWS_IAM or NONE.',
      path,
    );
  const cors = config.Cors;
  if (cors !== undefined && !isIntrinsic(cors)) {
    if (!isObject(cors))
      throw new InvalidResourceError(logicalId, "Property 'Cors' should be a map.", [...path, 'Cors']);
    for (const [key, value] of Object.entries(cors)) {
      const kind = CORS_KEYS[key];
      if (!kind)
        throw new InvalidResourceError(logicalId, `${key} is not a valid property for configuring Cors.`, [
          ...path,
          'Cors',
          key,
        ]);
      const ok =
        isIntrinsic(value) ||
        (kind === 'list'
          ? Array.isArray(value)
          : kind === 'boolean'
            ? typeof value === 'boolean'
            : Number.isInteger(value));
      if (!ok)
        throw new InvalidResourceError(
          logicalId,
          `${key} must be of type ${kind === 'list' ? 'list' : kind === 'boolean' ? 'boolean' : 'int'}.`,
          [...path, 'Cors', key],
        );
    }
  }
  const target = ref(aliasId ?? logicalId);
  const properties: JsonObject = { TargetFunctionArn: target, AuthType: authType };
  if (cors !== undefined) properties.Cors = cors;
  if (config.InvokeMode !== undefined) properties.InvokeMode = config.InvokeMode;
  const resources: GeneratedResources = {
    [`${logicalId}Url`]: { Type: 'AWS::Lambda::Url', ...attributes, Properties: properties },
  };
  if (authType === 'NONE') {
    resources[`${logicalId}UrlPublicPermissions`] = {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: {
        Action: 'lambda:InvokeFunctionUrl',
        FunctionName: target,
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      },
    };
    resources[`${logicalId}URLInvokeAllowPublicAccess`] = {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: target,
        Principal: '*',
        InvokedViaFunctionUrl: true,
      },
    };
  }
  return resources;
}

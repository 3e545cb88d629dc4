// AWS::Lambda::Alias: a named pointer to a version, with weighted routing to a second one (RoutingConfig).
// An update of an alias that declares UpdatePolicy.CodeDeployLambdaAliasUpdate goes through the engine's
// UpdatePolicy hook (engine/updatePolicies.ts), which calls this provider's update step by step.
import { jsonText, type JsonObject, type JsonValue } from '../../../../core/template/templateJson';
import { ignoringNotFound } from '../alreadyExists';
import { listProperty, objectProperty, stringProperty, type ResourceProvider } from '../resourceProvider';

/** CloudFormation's `[{FunctionVersion, FunctionWeight}]` as Lambda's `{version: weight}` map. */
export function routingConfigInput(properties: JsonObject): { AdditionalVersionWeights: Record<string, number> } {
  const weights: Record<string, number> = {};
  const routing = objectProperty(properties, 'RoutingConfig');
  for (const entry of listProperty(routing ?? {}, 'AdditionalVersionWeights') ?? []) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    weights[jsonText(entry.FunctionVersion)] = Number(entry.FunctionWeight);
  }
  return { AdditionalVersionWeights: weights };
}

function aliasInput(properties: JsonObject): Record<string, JsonValue> {
  return {
    FunctionVersion: stringProperty(properties, 'FunctionVersion') ?? '$LATEST',
    Description: stringProperty(properties, 'Description') ?? '',
    RoutingConfig: routingConfigInput(properties),
  };
}

/** The function name of an alias ARN `arn:...:function:<name>:<alias>`. */
function functionOf(aliasArn: string): string {
  return aliasArn.slice(0, aliasArn.lastIndexOf(':'));
}

export const lambdaAliasProvider: ResourceProvider = {
  type: 'AWS::Lambda::Alias',
  async create(properties, context) {
    const created = await context.services.lambda('CreateAlias', {
      FunctionName: stringProperty(properties, 'FunctionName') ?? '',
      Name: stringProperty(properties, 'Name') ?? '',
      ...aliasInput(properties),
    });
    const arn = String(created.AliasArn);
    return { physicalId: arn, attributes: { AliasArn: arn } };
  },
  async update(update, context) {
    const arn = update.current.physicalId;
    await context.services.lambda('UpdateAlias', {
      FunctionName: functionOf(arn),
      Name: arn.slice(arn.lastIndexOf(':') + 1),
      ...aliasInput(update.properties),
    });
    return update.current;
  },
  delete(deletion, context) {
    const arn = deletion.physicalId;
    return ignoringNotFound(() =>
      context.services.lambda('DeleteAlias', {
        FunctionName: functionOf(arn),
        Name: arn.slice(arn.lastIndexOf(':') + 1),
      }),
    );
  },
};

// Auth.UsagePlan of an AWS::Serverless::Api: a usage plan, API key and usage plan key per API (PER_API) or one set
// shared by every API of the template (SHARED).
import { InvalidResourceError } from '../samTransformError';
import { isObject, ref, resolveParameterRefs, type JsonObject, type JsonValue } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';

export function usagePlanResources(
  logicalId: string,
  auth: JsonValue | undefined,
  stageId: string,
  attributes: JsonObject,
  context: TransformContext,
): GeneratedResources {
  if (!isObject(auth) || auth.UsagePlan === undefined) return {};
  const plan = auth.UsagePlan;
  if (!isObject(plan))
    throw new InvalidResourceError(logicalId, "'UsagePlan' must be a dictionary", ['Properties', 'Auth', 'UsagePlan']);
  const create = resolveParameterRefs(plan.CreateUsagePlan, context.parameters);
  if (create === undefined)
    throw new InvalidResourceError(logicalId, "'CreateUsagePlan' is a required field for UsagePlan.", [
      'Properties',
      'Auth',
      'UsagePlan',
    ]);
  if (create !== 'PER_API' && create !== 'SHARED' && create !== 'NONE') {
    throw new InvalidResourceError(logicalId, "'CreateUsagePlan' accepts only NONE, PER_API and SHARED values.", [
      'Properties',
      'Auth',
      'UsagePlan',
      'CreateUsagePlan',
    ]);
  }
  if (create === 'NONE') return {};
  const shared = create === 'SHARED';
  const prefix = shared ? 'Serverless' : logicalId;
  const planId = `${prefix}UsagePlan`;
  const stage = { ApiId: ref(logicalId), Stage: ref(stageId) };
  const planProperties: JsonObject = { ApiStages: [stage] };
  for (const name of ['Description', 'Quota', 'Tags', 'Throttle', 'UsagePlanName'])
    if (plan[name] !== undefined) planProperties[name] = plan[name]!;
  const resources: GeneratedResources = {};
  if (shared && context.sharedUsagePlan) {
    const existing = context.sharedUsagePlan.Properties as JsonObject;
    (existing.ApiStages as JsonValue[]).push(stage);
    const keyDepends = context.sharedUsagePlanKey!.DependsOn as JsonValue[];
    keyDepends.push(logicalId);
    return resources;
  }
  resources[planId] = {
    Type: 'AWS::ApiGateway::UsagePlan',
    ...attributes,
    DependsOn: [logicalId],
    Properties: planProperties,
  };
  const keyId = `${prefix}ApiKey`;
  resources[keyId] = {
    Type: 'AWS::ApiGateway::ApiKey',
    ...attributes,
    DependsOn: [planId],
    Properties: { Enabled: true, StageKeys: [{ RestApiId: ref(logicalId), StageName: ref(stageId) }] },
  };
  resources[`${prefix}UsagePlanKey`] = {
    Type: 'AWS::ApiGateway::UsagePlanKey',
    ...attributes,
    DependsOn: [keyId],
    Properties: { KeyId: ref(keyId), KeyType: 'API_KEY', UsagePlanId: ref(planId) },
  };
  if (shared) {
    context.sharedUsagePlan = resources[planId];
    context.sharedUsagePlanKey = resources[keyId];
  }
  return resources;
}

// Resource-based policies (AddPermission, GetPolicy, RemovePermission): one policy per function and qualifier,
// statements shaped as Lambda writes them (service principals as `{"Service": ...}`, accounts as root ARNs,
// SourceArn/SourceAccount/PrincipalOrgID/FunctionUrlAuthType as conditions). Recorded, not enforced.
import type { AddPermissionRequest, LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { functionArn, type ArnContext, type PolicyStatement } from '../functionRecords';
import { requireQualified } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

/** The policy key of a qualifier: '' for the unqualified function. */
function policyKey(qualifier: string | undefined): string {
  return qualifier ?? '';
}

function principalOf(principal: string, context: ArnContext): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  if (principal.includes('.')) return { Service: principal };
  return { AWS: `arn:aws:iam::${context.accountId}:root` };
}

function statementOf(input: AddPermissionRequest, resource: string, context: ArnContext): PolicyStatement {
  const conditions: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string | undefined) => {
    if (value !== undefined) (conditions[operator] ??= {})[key] = value;
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  if (input.InvokedViaFunctionUrl) (conditions.Bool ??= {})['lambda:InvokedViaFunctionUrl'] = 'true';
  return {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal, context),
    Action: input.Action,
    Resource: resource,
    ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
  };
}

/** The permission handlers. */
export function permissionHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    AddPermission: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      if (input.RevisionId !== undefined && input.RevisionId !== record.latest.revisionId) {
        throw new AwsError(
          'PreconditionFailedException',
          'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
          412,
        );
      }
      const policies = (record.policies ??= {});
      const statements = (policies[policyKey(qualifier)] ??= []);
      if (statements.some((statement) => statement.Sid === input.StatementId)) {
        throw new AwsError(
          'ResourceConflictException',
          `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
          409,
        );
      }
      const statement = statementOf(input, functionArn(lambda, record.name, qualifier), lambda);
      statements.push(statement);
      lambda.functions.save(record);
      return { Statement: JSON.stringify(statement) };
    },
    GetPolicy: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      const statements = record.policies?.[policyKey(qualifier)] ?? [];
      if (statements.length === 0) {
        throw new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
      }
      return {
        Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }),
        RevisionId: record.latest.revisionId,
      };
    },
    RemovePermission: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      const statements = record.policies?.[policyKey(qualifier)] ?? [];
      const index = statements.findIndex((statement) => statement.Sid === input.StatementId);
      if (index < 0) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Statement ${input.StatementId} is not found in resource policy.`,
          404,
        );
      }
      statements.splice(index, 1);
      lambda.functions.save(record);
    },
  };
}

// A layer version's resource-based policy (AddLayerVersionPermission, GetLayerVersionPolicy,
// RemoveLayerVersionPermission): statements as Lambda writes them, a RevisionId per version. Recorded, not
// enforced (the local cloud has one account).
import { randomUUID } from 'node:crypto';
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { layerVersionArn } from '../layerReferences';
import type { LayerPolicyStatement, LayerVersionRecord } from '../layerVersionStore';
import { layerTarget, requireLayerVersion } from './layerHandlers';
import type { LambdaRegions } from './lambdaRegions';

function checkRevision(record: LayerVersionRecord, expected: string | undefined): void {
  if (expected !== undefined && expected !== record.revisionId) {
    throw new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id',
      412,
    );
  }
}

/** The layer permission handlers. */
export function layerPermissionHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    AddLayerVersionPermission: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      const record = requireLayerVersion(lambda, name, input.VersionNumber);
      checkRevision(record, input.RevisionId);
      const policy = (record.policy ??= []);
      if (policy.some((statement) => statement.Sid === input.StatementId)) {
        throw new AwsError(
          'ResourceConflictException',
          `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
          409,
        );
      }
      const statement: LayerPolicyStatement = {
        Sid: input.StatementId,
        Effect: 'Allow',
        Principal: /^\d{12}$/.test(input.Principal)
          ? { AWS: `arn:aws:iam::${input.Principal}:root` }
          : input.Principal === '*'
            ? '*'
            : { AWS: input.Principal },
        Action: input.Action,
        Resource: layerVersionArn(lambda, name, record.version),
        ...(input.OrganizationId !== undefined
          ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': input.OrganizationId } } }
          : {}),
      };
      policy.push(statement);
      record.revisionId = randomUUID();
      lambda.layers.update(name);
      return { Statement: JSON.stringify(statement), RevisionId: record.revisionId };
    },
    GetLayerVersionPolicy: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      const record = requireLayerVersion(lambda, name, input.VersionNumber);
      if (!record.policy?.length) {
        throw new AwsError('ResourceNotFoundException', 'No policy is associated with the given resource.', 404);
      }
      return {
        Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: record.policy }),
        RevisionId: record.revisionId,
      };
    },
    RemoveLayerVersionPermission: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      const record = requireLayerVersion(lambda, name, input.VersionNumber);
      checkRevision(record, input.RevisionId);
      const index = (record.policy ?? []).findIndex((statement) => statement.Sid === input.StatementId);
      if (index < 0) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Statement ${input.StatementId} is not found in resource policy.`,
          404,
        );
      }
      record.policy!.splice(index, 1);
      record.revisionId = randomUUID();
      lambda.layers.update(name);
    },
  };
}

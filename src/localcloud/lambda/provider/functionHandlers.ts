// Lambda's function lifecycle: create, read, list, update code and configuration, delete.
import { randomUUID } from 'node:crypto';
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { validationMessage } from '../../protocol/shapeValidation';
import {
  forgetQualifier,
  functionArn,
  lambdaTimestamp,
  toFunctionConfiguration,
  type FunctionConfig,
} from '../functionRecords';
import { applyConfiguration, publish, storeCode } from '../functionSettings';
import {
  checkRevision,
  configFor,
  parseFunctionReference,
  qualifierOf,
  requireFunction,
  requireUnqualified,
  validationError,
} from '../lambdaContext';
import { requireCodeSigningConfig } from './codeSigningHandlers';
import type { LambdaRegions } from './lambdaRegions';

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** ListFunctions answers at most 50 functions a page. */
const LIST_FUNCTIONS_PAGE = 50;

export function functionHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateFunction: (input, request) => {
      const lambda = regions.get(request.region);
      const reference = parseFunctionReference(input.FunctionName, lambda);
      if (!FUNCTION_NAME.test(reference.name) || reference.qualifier !== undefined) {
        throw validationError(
          'functionName',
          input.FunctionName,
          'Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+',
        );
      }
      const image = input.PackageType === 'Image';
      if (image !== (input.Code.ImageUri !== undefined)) {
        throw new AwsError(
          'InvalidParameterValueException',
          image ? 'ImageUri must be specified for PackageType Image.' : 'Please provide a source for function code.',
        );
      }
      if (lambda.functions.get(reference.name)) {
        throw new AwsError('ResourceConflictException', `Function already exist: ${reference.name}`, 409);
      }
      for (const [member, value] of [
        ['runtime', input.Runtime],
        ['handler', input.Handler],
      ] as const) {
        // Container images carry their runtime and entry point.
        if (value === undefined && !image) {
          throw new AwsError(
            'InvalidParameterValueException',
            validationMessage([{ path: member, value: null, constraint: 'Member must not be null' }]),
          );
        }
      }
      const config: FunctionConfig = {
        version: '$LATEST',
        runtime: input.Runtime ?? '',
        role: input.Role,
        handler: input.Handler ?? '',
        description: '',
        timeout: 3,
        memorySize: 128,
        environment: {},
        architectures: ['x86_64'],
        ephemeralStorageSize: 512,
        logFormat: 'Text',
        tracingMode: 'PassThrough',
        ...storeCode(lambda, input.Code),
        lastModified: lambdaTimestamp(),
        revisionId: randomUUID(),
      };
      applyConfiguration(lambda, config, input);
      const record = {
        name: reference.name,
        latest: config,
        versions: [],
        aliases: {},
        nextVersion: 1,
        tags: { ...input.Tags },
      };
      if (input.CodeSigningConfigArn !== undefined) {
        const signing = requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn);
        Object.assign(record, { codeSigningConfigArn: signing.config.CodeSigningConfigArn });
      }
      if (input.Publish) publish(record, '');
      lambda.functions.save(record);
      const created = toFunctionConfiguration(
        lambda,
        record,
        record.versions.at(-1) ?? record.latest,
        false,
        'creating',
      );
      // Published on create, Lambda answers version 1's configuration under the unqualified ARN (UpdateFunctionCode
      // with Publish answers the qualified one).
      return { ...created, FunctionArn: functionArn(lambda, record.name) };
    },

    GetFunction: (input, request) => {
      const lambda = regions.get(request.region);
      const reference = parseFunctionReference(input.FunctionName, lambda);
      const qualifier = qualifierOf(input.Qualifier, reference.qualifier);
      const record = requireFunction(lambda, reference.name, qualifier);
      const config = configFor(lambda, record, qualifier);
      return {
        Configuration: toFunctionConfiguration(lambda, record, config),
        Code: config.image
          ? {
              RepositoryType: 'ECR',
              ImageUri: config.image.uri,
              ResolvedImageUri: `${config.image.uri.replace(/[:@][^/]*$/, '')}@sha256:${config.image.digest}`,
            }
          : { RepositoryType: 'S3', Location: `${lambda.endpoint()}/_localcloud/lambda-code/${config.codeHash}` },
        Tags: record.tags,
        ...(record.reservedConcurrency !== undefined
          ? { Concurrency: { ReservedConcurrentExecutions: record.reservedConcurrency } }
          : {}),
      };
    },

    GetFunctionConfiguration: (input, request) => {
      const lambda = regions.get(request.region);
      const reference = parseFunctionReference(input.FunctionName, lambda);
      const qualifier = qualifierOf(input.Qualifier, reference.qualifier);
      const record = requireFunction(lambda, reference.name, qualifier);
      return toFunctionConfiguration(lambda, record, configFor(lambda, record, qualifier));
    },

    /**
     * Names in order, `MaxItems` per page (at most 50, whatever is asked), `Marker` is the last name returned;
     * each entry is ListFunctions' subset of the configuration (no states, no RuntimeVersionConfig).
     */
    ListFunctions: (input, request) => {
      const lambda = regions.get(request.region);
      const maxItems = Math.min(input.MaxItems ?? LIST_FUNCTIONS_PAGE, LIST_FUNCTIONS_PAGE);
      const allVersions = input.FunctionVersion === 'ALL';
      const names = lambda.functions.names();
      let start = 0;
      if (input.Marker !== undefined) {
        const after = Buffer.from(input.Marker, 'base64url').toString('utf8');
        start = lowerBound(names, after);
        if (names[start] === after) start++;
      }
      const page = names.slice(start, start + maxItems);
      const functions = page.flatMap((name) => {
        const record = lambda.functions.get(name)!;
        const configs = allVersions ? [record.latest, ...record.versions] : [record.latest];
        return configs.map((config) => toFunctionConfiguration(lambda, record, config, allVersions, 'listed'));
      });
      const last = page.at(-1);
      const more = start + maxItems < names.length && last !== undefined;
      return {
        Functions: functions,
        ...(more ? { NextMarker: Buffer.from(last, 'utf8').toString('base64url') } : {}),
      };
    },

    UpdateFunctionCode: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      checkRevision(input.RevisionId, record.latest.revisionId);
      const code = storeCode(lambda, input);
      const packageType = record.latest.image ? 'Image' : 'Zip';
      if (packageType !== ('image' in code ? 'Image' : 'Zip')) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Please ${packageType === 'Image' ? 'provide ImageUri' : "don't provide ImageUri"} when updating a function with packageType ${packageType}.`,
        );
      }
      const architectures = input.Architectures ? { architectures: input.Architectures } : {};
      // DryRun validates and answers what the update would give, changing nothing.
      if (input.DryRun) return toFunctionConfiguration(lambda, record, { ...record.latest, ...code, ...architectures });
      Object.assign(record.latest, code, architectures, { lastModified: lambdaTimestamp(), revisionId: randomUUID() });
      if (input.Publish) publish(record, '');
      lambda.functions.save(record);
      void lambda.invoker.stopInstances(record.name, '$LATEST');
      const answered = input.Publish ? record.versions.at(-1)! : record.latest;
      return toFunctionConfiguration(lambda, record, answered, false, 'updating');
    },

    UpdateFunctionConfiguration: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      checkRevision(input.RevisionId, record.latest.revisionId);
      applyConfiguration(lambda, record.latest, input);
      Object.assign(record.latest, { lastModified: lambdaTimestamp(), revisionId: randomUUID() });
      lambda.functions.save(record);
      void lambda.invoker.stopInstances(record.name, '$LATEST');
      return toFunctionConfiguration(lambda, record, record.latest, false, 'updating');
    },

    /** The whole function, or one version with `Qualifier` (not one an alias uses). */
    DeleteFunction: async (input, request) => {
      const lambda = regions.get(request.region);
      const reference = parseFunctionReference(input.FunctionName, lambda);
      const qualifier = qualifierOf(input.Qualifier, reference.qualifier);
      const record = requireFunction(lambda, reference.name, qualifier);
      if (qualifier === undefined) {
        lambda.functions.delete(record.name);
        await lambda.invoker.stopInstances(record.name);
        return { StatusCode: 204 };
      }
      if (qualifier === '$LATEST' || record.aliases[qualifier]) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Deletion of ${qualifier} is not allowed; delete the function or an explicit version.`,
        );
      }
      const index = record.versions.findIndex((config) => config.version === qualifier);
      if (index < 0) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Function not found: ${functionArn(lambda, record.name, qualifier)}`,
          404,
        );
      }
      const users = Object.values(record.aliases).filter(
        (alias) => alias.functionVersion === qualifier || alias.additionalVersionWeights?.[qualifier] !== undefined,
      );
      if (users.length > 0) {
        throw new AwsError(
          'ResourceConflictException',
          `Unable to delete version because the following aliases reference it: [${users.map((alias) => alias.name).join(', ')}]`,
          409,
        );
      }
      record.versions.splice(index, 1);
      forgetQualifier(record, qualifier);
      lambda.functions.save(record);
      await lambda.invoker.stopInstances(record.name, qualifier);
      return { StatusCode: 204 };
    },
  };
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

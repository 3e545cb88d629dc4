// Which log groups (and which streams in them) hold a function's logs: a function by name or ARN, with an alias
// or version (only the instances of that version, or of the versions an alias routes to), a function of a stack by
// logical ID, or every function of a stack (nested stacks included). Shared by the CLI and the editor.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describeError, WorkbenchError } from '../errors';
import type { TailedGroup } from '../logs/tailReader';
import type * as awsClients from './awsClients';

/** What to tail, as the CLI's -n/--stack-name and the explorer's command name it. */
export interface LogTargetRequest {
  /** A function name, `name:qualifier`, or a full or partial ARN (qualified or not). */
  functionName?: string;
  /** An alias or version; only its instances' logs. */
  qualifier?: string;
  /** A stack: with `logicalId` that function, else all its functions. */
  stackName?: string;
  logicalId?: string;
}

/** One function whose logs to tail. */
export interface FunctionLogTarget {
  functionName: string;
  /** The stack's logical ID, when it came from a stack. */
  logicalId?: string;
  logGroupName: string;
  qualifier?: string;
  /** Versions whose instances to keep (an alias's, a version); all when undefined. */
  versions?: string[];
  architecture: string;
  memorySizeMb: number | undefined;
  region: string;
}

/** The clients target resolution uses. */
export interface LogTargetClients {
  module: typeof awsClients;
  lambda: LambdaClient;
  cloudFormation: CloudFormationClient;
  region: string;
  /** Where calls go, for messages (never with secrets). */
  backendLabel: string;
}

const FUNCTION_ARN = /^(?:arn:[^:]+:lambda:([^:]*):)?(?:\d{12}:)?function:([^:]+)(?::([^:]+))?$/;
const MAX_NESTING = 5;

/** Splits `name`, `name:qualifier` and ARNs into name (or ARN) and qualifier. */
export function parseFunctionReference(reference: string): { name: string; qualifier?: string; region?: string } {
  const arn = FUNCTION_ARN.exec(reference);
  if (arn) {
    return { name: arn[2]!, ...(arn[3] ? { qualifier: arn[3] } : {}), ...(arn[1] ? { region: arn[1] } : {}) };
  }
  const colon = reference.indexOf(':');
  if (colon > 0) return { name: reference.slice(0, colon), qualifier: reference.slice(colon + 1) };
  return { name: reference };
}

/** The streams of the given versions: `YYYY/MM/DD/[<version>]<id>`. */
export function streamsOfVersions(versions: readonly string[]): (logStreamName: string) => boolean {
  const markers = versions.map((version) => `[${version}]`);
  return (logStreamName) => markers.some((marker) => logStreamName.includes(marker));
}

/** The tail groups of targets: one per log group (functions may share one through LoggingConfig). */
export function tailedGroupsOf(targets: readonly FunctionLogTarget[]): TailedGroup[] {
  const byGroup = new Map<string, FunctionLogTarget[]>();
  for (const target of targets) byGroup.set(target.logGroupName, [...(byGroup.get(target.logGroupName) ?? []), target]);
  return [...byGroup.entries()].map(([logGroupName, members]) => {
    // A shared group holds other functions' streams too; keep those of the members only when all are qualified.
    const versions = members.every((member) => member.versions)
      ? members.flatMap((member) => member.versions!)
      : undefined;
    return versions ? { logGroupName, acceptsStream: streamsOfVersions(versions) } : { logGroupName };
  });
}

/** Resolves a request into the functions (and their log groups) to tail. */
export async function resolveLogTargets(
  request: LogTargetRequest,
  clients: LogTargetClients,
): Promise<FunctionLogTarget[]> {
  if (request.stackName) {
    const functions = request.logicalId
      ? [
          {
            physicalId: await stackFunction(request.stackName, request.logicalId, clients),
            logicalId: request.logicalId,
          },
        ]
      : await stackFunctions(request.stackName, clients, 0);
    if (functions.length === 0) {
      throw new WorkbenchError(`The stack ${request.stackName} has no Lambda functions.`, {
        code: 'StackHasNoFunctions',
        hint: 'Check the stack name, or tail a function by name with -n.',
      });
    }
    return Promise.all(
      functions.map((fn) =>
        describeFunction(fn.physicalId, request.qualifier, clients).then((target) => ({
          ...target,
          logicalId: fn.logicalId,
        })),
      ),
    );
  }
  if (!request.functionName) {
    throw new WorkbenchError('Name the function whose logs to show.', {
      code: 'NoLogTarget',
      hint: 'Pass a function name or ARN (-n), or a stack (--stack-name) for all its functions.',
    });
  }
  return [await describeFunction(request.functionName, request.qualifier, clients)];
}

async function describeFunction(
  reference: string,
  qualifierOption: string | undefined,
  clients: LogTargetClients,
): Promise<FunctionLogTarget> {
  const parsed = parseFunctionReference(reference);
  const qualifier = qualifierOption ?? parsed.qualifier;
  const { lambda } = clients.module;
  let config;
  try {
    config = await clients.lambda.send(
      new lambda.GetFunctionConfigurationCommand({
        // A full ARN keeps its account and region; its qualifier travels as Qualifier.
        FunctionName: reference.startsWith('arn:')
          ? reference.replace(/^(.*:function:[^:]+)(?::[^:]+)?$/, '$1')
          : parsed.name,
        ...(qualifier ? { Qualifier: qualifier } : {}),
      }),
    );
  } catch (error) {
    throw notFoundOr(
      error,
      `No function ${parsed.name}${qualifier ? ` with qualifier ${qualifier}` : ''} in the ${clients.backendLabel}`,
      {
        code: 'FunctionNotFound',
        hint: 'Check the name (or pass the ARN), the region and the backend (--endpoint-url / --profile).',
      },
    );
  }
  const functionName = config.FunctionName ?? parsed.name;
  let versions: string[] | undefined;
  if (qualifier && /^(\d+|\$LATEST)$/.test(qualifier)) versions = [qualifier];
  else if (qualifier) versions = await aliasVersions(functionName, qualifier, clients);
  return {
    functionName,
    logGroupName: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`,
    ...(qualifier ? { qualifier } : {}),
    ...(versions ? { versions } : {}),
    architecture: config.Architectures?.[0] ?? 'x86_64',
    memorySizeMb: config.MemorySize,
    region: parsed.region ?? clients.region,
  };
}

/** The versions an alias routes to: its version and the weighted extra one. */
async function aliasVersions(functionName: string, alias: string, clients: LogTargetClients): Promise<string[]> {
  const answer = await clients.lambda.send(
    new clients.module.lambda.GetAliasCommand({ FunctionName: functionName, Name: alias }),
  );
  return [answer.FunctionVersion ?? '$LATEST', ...Object.keys(answer.RoutingConfig?.AdditionalVersionWeights ?? {})];
}

async function stackFunction(stackName: string, logicalId: string, clients: LogTargetClients): Promise<string> {
  const { cloudformation } = clients.module;
  try {
    const answer = await clients.cloudFormation.send(
      new cloudformation.DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
    );
    const detail = answer.StackResourceDetail;
    if (detail?.ResourceType !== 'AWS::Lambda::Function' || !detail.PhysicalResourceId) {
      throw new WorkbenchError(
        `${logicalId} in the stack ${stackName} is a ${detail?.ResourceType ?? 'resource'}, not a Lambda function.`,
        {
          code: 'NotAFunction',
          hint: 'Name a function of the stack, or leave -n out to show all its functions.',
        },
      );
    }
    return detail.PhysicalResourceId;
  } catch (error) {
    throw stackError(error, stackName, clients, logicalId);
  }
}

async function stackFunctions(
  stackName: string,
  clients: LogTargetClients,
  depth: number,
): Promise<Array<{ physicalId: string; logicalId: string }>> {
  const { cloudformation } = clients.module;
  const found: Array<{ physicalId: string; logicalId: string }> = [];
  try {
    for await (const page of cloudformation.paginateListStackResources(
      { client: clients.cloudFormation },
      { StackName: stackName },
    )) {
      for (const resource of page.StackResourceSummaries ?? []) {
        if (!resource.PhysicalResourceId || resource.ResourceStatus?.startsWith('DELETE_COMPLETE')) continue;
        if (resource.ResourceType === 'AWS::Lambda::Function') {
          found.push({
            physicalId: resource.PhysicalResourceId,
            logicalId: resource.LogicalResourceId ?? resource.PhysicalResourceId,
          });
        } else if (resource.ResourceType === 'AWS::CloudFormation::Stack' && depth < MAX_NESTING) {
          const nested = await stackFunctions(resource.PhysicalResourceId, clients, depth + 1);
          found.push(...nested.map((fn) => ({ ...fn, logicalId: `${resource.LogicalResourceId}/${fn.logicalId}` })));
        }
      }
    }
  } catch (error) {
    throw stackError(error, stackName, clients);
  }
  return found;
}

function stackError(error: unknown, stackName: string, clients: LogTargetClients, logicalId?: string): unknown {
  if (error instanceof WorkbenchError) return error;
  const message = describeError(error);
  if (/does not exist/i.test(message)) {
    return WorkbenchError.chain(
      error,
      logicalId && !/Stack with id/i.test(message)
        ? `The stack ${stackName} has no resource ${logicalId} in the ${clients.backendLabel}`
        : `No stack ${stackName} in the ${clients.backendLabel}`,
      { code: 'StackNotFound', hint: 'Check the stack name, the region and the backend (--endpoint-url / --profile).' },
    );
  }
  return WorkbenchError.chain(error, `Cannot read the stack ${stackName} from the ${clients.backendLabel}`, {
    code: 'StackUnreadable',
  });
}

function notFoundOr(error: unknown, message: string, options: { code: string; hint: string }): unknown {
  const name = (error as { name?: string })?.name;
  if (name === 'ResourceNotFoundException') return WorkbenchError.chain(error, message, options);
  return error;
}

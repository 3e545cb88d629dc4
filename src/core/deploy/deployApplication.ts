// One deployment, the same for the terminal and the editor: package the template's artifacts, create the change
// set (which the caller shows and confirms), then execute it or throw it away. Failures come back with the line
// of the template a person wrote.
import { readFile } from 'node:fs/promises';
import type * as awsClients from '../aws/awsClients';
import type { AwsClientSettings } from '../aws/backend';
import { explainAwsError } from '../aws/explainAwsError';
import { WorkbenchError } from '../errors';
import { openArtifactDestination, type ArtifactDestinationOptions } from './artifactDestination';
import type { UploadedArtifact } from './artifactUploader';
import type { ChangeSetSummary } from './changeSetSummary';
import { locateResource, resourceNamedIn, type TemplateLocation } from './failureLocation';
import { packageTemplate } from './packageTemplate';
import {
  createChangeSet,
  deleteChangeSet,
  executeChangeSet,
  type DeploymentEvent,
  type DeploymentOutcome,
  type StackDeploymentContext,
} from './stackDeployment';
import { serializeTemplate, sourceTemplateOf } from './templateFile';

/** CloudFormation takes templates up to this size inline; larger ones go through S3. */
const TEMPLATE_BODY_LIMIT = 51_200;

/** What to deploy. */
export interface DeploymentRequest {
  templatePath: string;
  stackName: string;
  parameterOverrides: Record<string, string>;
  capabilities: string[];
  tags: Record<string, string>;
  artifacts: Pick<ArtifactDestinationOptions, 'bucket' | 'prefix' | 'kmsKeyId' | 'forceUpload' | 'metadata'>;
  roleArn?: string;
  notificationArns?: string[];
}

/** Where to deploy, and who hears about progress. */
export interface DeploymentEnvironment {
  clients: typeof awsClients;
  settings: (service: 's3' | 'cloudformation') => AwsClientSettings;
  /** "local cloud (http://127.0.0.1:4566)", "AWS profile dev in eu-west-1": for messages. */
  backendDescription: string;
  pollIntervalMs?: { min: number; max: number };
  onArtifact?: (artifact: UploadedArtifact) => void;
  onNotice?: (message: string) => void;
}

/** A failed resource, with the line of the template it comes from. */
export interface DeploymentFailure {
  logicalId: string;
  resourceType: string;
  reason: string;
  /** The template a person edits (the source of a built template). */
  templatePath: string;
  location?: TemplateLocation;
}

/** A deployment that failed at known places in the template (a change set the SAM transform refused, say). */
export class DeploymentError extends WorkbenchError {
  constructor(
    message: string,
    readonly failures: readonly DeploymentFailure[],
    options: { code?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A change set ready to be shown, then executed or discarded. */
export interface PreparedDeployment {
  changeSet: ChangeSetSummary;
  /** The template the person edits, where failures point. */
  sourceTemplatePath: string;
  execute(options?: {
    onEvent?: (event: DeploymentEvent) => void;
    signal?: AbortSignal;
    disableRollback?: boolean;
  }): Promise<DeploymentOutcome>;
  /** Deletes the change set (empty, or not wanted). */
  discard(): Promise<void>;
  /** Where failures come from in the source template. */
  locateFailures(outcome: DeploymentOutcome): DeploymentFailure[];
  dispose(): void;
}

/** Packages the template and creates the change set. */
export async function prepareDeployment(
  environment: DeploymentEnvironment,
  request: DeploymentRequest,
): Promise<PreparedDeployment> {
  const { clients } = environment;
  const destination = await openArtifactDestination({
    clients,
    settings: environment.settings,
    ...request.artifacts,
    ...(environment.onArtifact ? { onArtifact: environment.onArtifact } : {}),
    ...(environment.onNotice ? { onNotice: environment.onNotice } : {}),
  }).catch((error: unknown) => {
    throw explainAwsError(error, 'Preparing the artifact bucket', environment.backendDescription);
  });
  const cloudFormation = new clients.CloudFormationClient(environment.settings('cloudformation'));
  const dispose = () => {
    destination.dispose();
    cloudFormation.destroy();
  };
  try {
    const sourceText = await readFile(request.templatePath, 'utf8');
    const sourceTemplatePath = sourceTemplateOf(request.templatePath, sourceText);
    const sourceTemplateText =
      sourceTemplatePath === request.templatePath
        ? sourceText
        : await readFile(sourceTemplatePath, 'utf8').catch(() => sourceText);
    const packaged = await packageTemplate(request.templatePath, destination.uploader).catch((error: unknown) => {
      throw explainAwsError(error, 'Uploading the artifacts', environment.backendDescription);
    });
    const body = serializeTemplate(packaged.template, 'yaml');
    let templateUrl: string | undefined;
    if (Buffer.byteLength(body) > TEMPLATE_BODY_LIMIT) {
      const uploaded = await destination.uploader.upload(new TextEncoder().encode(body), 'template');
      templateUrl = destination.uploader.store.objectUrl(uploaded.key);
    }
    const parameters = packaged.template['Parameters'];
    const context: StackDeploymentContext = {
      clients,
      cloudFormation,
      ...(environment.pollIntervalMs ? { pollIntervalMs: environment.pollIntervalMs } : {}),
      ...(environment.onNotice ? { onNotice: environment.onNotice } : {}),
    };
    const changeSet = await createChangeSet(context, {
      stackName: request.stackName,
      ...(templateUrl ? { templateUrl } : { templateBody: body }),
      templateParameters:
        parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? Object.keys(parameters) : [],
      parameterOverrides: request.parameterOverrides,
      capabilities: request.capabilities,
      tags: request.tags,
      ...(request.roleArn ? { roleArn: request.roleArn } : {}),
      ...(request.notificationArns ? { notificationArns: request.notificationArns } : {}),
    }).catch((error: unknown) => {
      throw explainChangeSetError(error, environment.backendDescription, sourceTemplatePath, sourceTemplateText);
    });
    const locateFailures = (outcome: DeploymentOutcome): DeploymentFailure[] =>
      outcome.failures.map((failure) => {
        const location = locateResource(sourceTemplateText, failure.logicalId);
        return {
          logicalId: failure.logicalId,
          resourceType: failure.resourceType,
          reason: failure.reason ?? failure.status,
          templatePath: sourceTemplatePath,
          ...(location ? { location } : {}),
        };
      });
    return {
      changeSet,
      sourceTemplatePath,
      execute: (options) =>
        executeChangeSet(context, changeSet, options).catch((error: unknown) => {
          throw explainCutOff(
            explainAwsError(error, 'Deploying the stack', environment.backendDescription),
            changeSet,
            environment.backendDescription,
          );
        }),
      discard: () => deleteChangeSet(context, changeSet).catch(() => undefined),
      locateFailures,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** A change set CloudFormation refused: missing capabilities, a transform error at a template line, or AWS's error. */
function explainChangeSetError(
  error: unknown,
  backend: string,
  templatePath: string,
  templateText: string,
): WorkbenchError {
  const message = (error as Error).message ?? '';
  if ((error as Error).name === 'InsufficientCapabilitiesException') {
    const needed = /\[([^\]]+)\]/.exec(message)?.[1] ?? 'CAPABILITY_IAM';
    return WorkbenchError.chain(error, `The template needs the capabilities ${needed}`, {
      code: 'InsufficientCapabilities',
      hint: `Acknowledge them: --capabilities ${needed.split(/,\s*/).join(' ')} (or capabilities in samconfig.toml).`,
    });
  }
  if (error instanceof WorkbenchError && error.code === 'ChangeSetFailed') {
    const named = resourceNamedIn(message);
    const location = named ? locateResource(templateText, named) : undefined;
    if (location) {
      return new WorkbenchError(
        `${error.message}\n  at ${templatePath}:${location.line + 1}:${location.character + 1}`,
        {
          code: 'ChangeSetFailed',
          ...(error.hint ? { hint: error.hint } : {}),
        },
      );
    }
    return error;
  }
  return explainAwsError(error, 'Creating the change set', backend);
}

/**
 * The backend stopped answering while the deploy followed the stack (the local cloud killed, the network gone): the
 * change set may have run in part. Says which stack was changing and what becomes of it, so nothing is taken as lost
 * or as deployed.
 */
function explainCutOff(error: WorkbenchError, changeSet: ChangeSetSummary, backend: string): WorkbenchError {
  if (error.code !== 'EndpointUnreachable') return error;
  const change = changeSet.changeSetType === 'CREATE' ? 'created' : 'updated';
  const networkCode = /did not answer \((\w+)\)/.exec(error.message)?.[1];
  const hint = backend.startsWith('local cloud')
    ? `The local cloud keeps its state: when it starts again (the next deploy starts it, or "Serverless: Start ` +
      `Local Cloud") it rolls the interrupted change of ${changeSet.stackName} back (a stack being created ends ` +
      `ROLLBACK_COMPLETE and the next deploy creates it again), and the uploaded code stays. Then deploy again.`
    : `The stack may still be changing there: when it answers again, check the status of ${changeSet.stackName} ` +
      `(the Deployed view, or aws cloudformation describe-stacks --stack-name ${changeSet.stackName}) before ` +
      `deploying again.`;
  return new WorkbenchError(
    `The deploy of ${changeSet.stackName} was cut off: ${backend} stopped answering while the stack was being ` +
      `${change}${networkCode ? ` (${networkCode})` : ''}`,
    { code: 'DeployCutOff', hint, cause: error },
  );
}

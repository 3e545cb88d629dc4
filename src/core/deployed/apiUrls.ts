// The invoke URL of a deployed API Gateway API, per backend: AWS's execute-api host, LocalStack's host-style
// convention, and a path-style URL on other endpoints (the local cloud serves deployed APIs there, and also at
// `{apiId}.execute-api.localhost:PORT`). AWS's URLs written into stack outputs are turned into the backend's the same
// way. See AWS-FACTS.md "API Gateway URLs" and the README's rule for local URLs.

import type { Backend } from '../aws/backend';

export type ApiFlavor = 'rest' | 'http';

export interface ApiUrlContext {
  /** Where the backend's API Gateway endpoint is; undefined for AWS itself. */
  endpoint: string | undefined;
  region: string;
  /** The endpoint is LocalStack: APIs answer at `{apiId}.execute-api.localhost.localstack.cloud:PORT`. */
  localstack: boolean;
  /** The endpoint is this extension's local cloud: APIs also answer at `{apiId}.execute-api.localhost:PORT`. */
  localCloud?: boolean;
}

/** The URL context of a backend whose API Gateway clients go to `endpoint` (undefined: AWS's own) in `region`. */
export function apiUrlContextOf(backend: Backend, apiGateway: { endpoint?: string; region: string }): ApiUrlContext {
  return {
    endpoint: apiGateway.endpoint,
    region: apiGateway.region,
    localstack: backend.kind === 'endpoint' && backend.preset === 'localstack',
    localCloud: backend.kind === 'localCloud',
  };
}

/**
 * AWS's invoke URLs, wherever they sit in a text (a stack output may be `curl https://.../users/1`): REST, HTTP and
 * the China partition's hosts, with the path that follows. WebSocket APIs (`wss://`) are left alone.
 */
const AWS_EXECUTE_API_URL =
  /https:\/\/([a-z0-9]+)\.execute-api\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?(?::443)?(\/[^\s"'<>]*)?/gi;

/**
 * `https://{id}.execute-api.{region}.amazonaws.com/{stage}/` on AWS; HTTP APIs serve `$default` at the root.
 * On LocalStack `http://{id}.execute-api.localhost.localstack.cloud:{port}/{stage}/`, elsewhere
 * `{endpoint}/_aws/execute-api/{id}/{stage}/`.
 */
export function apiInvokeUrl(
  context: ApiUrlContext,
  apiId: string,
  stage: string | undefined,
  flavor: ApiFlavor,
): string {
  const stagePath = !stage || (flavor === 'http' && stage === '$default') ? '' : `${encodeURIComponent(stage)}/`;
  if (!context.endpoint) return `https://${apiId}.execute-api.${context.region}.amazonaws.com/${stagePath}`;
  return servedUrl(context.endpoint, context.localstack, apiId, `/${stagePath}`);
}

/**
 * A text (a stack output's value) with every AWS execute-api URL in it replaced by where the backend serves that
 * API: unchanged on AWS, `http://127.0.0.1:4566/_aws/execute-api/{id}/Prod/users/` for
 * `https://{id}.execute-api.us-east-1.amazonaws.com/Prod/users/` on the local cloud, LocalStack's host on LocalStack.
 */
export function backendApiUrls(context: ApiUrlContext, text: string): string {
  const endpoint = context.endpoint;
  if (!endpoint) return text;
  return text.replace(AWS_EXECUTE_API_URL, (_url, apiId: string, path: string | undefined) =>
    servedUrl(endpoint, context.localstack, apiId, path ?? '/'),
  );
}

/**
 * The host-style form of a local cloud URL made by apiInvokeUrl or backendApiUrls
 * (`http://{id}.execute-api.localhost:4566/Prod/users/`, for clients that must keep the API's paths as they are);
 * undefined on other backends and for other URLs.
 */
export function hostStyleLocalUrl(context: ApiUrlContext, url: string): string | undefined {
  if (!context.localCloud || !context.endpoint) return undefined;
  const endpoint = new URL(context.endpoint);
  const prefix = `${endpoint.origin}/_aws/execute-api/`;
  if (!url.startsWith(prefix)) return undefined;
  const [apiId, ...path] = url.slice(prefix.length).split('/');
  if (!apiId) return undefined;
  return `${endpoint.protocol}//${apiId}.execute-api.localhost:${endpoint.port || '80'}/${path.join('/')}`;
}

function servedUrl(endpointUrl: string, localstack: boolean, apiId: string, path: string): string {
  const endpoint = new URL(endpointUrl);
  if (localstack) {
    return `${endpoint.protocol}//${apiId}.execute-api.localhost.localstack.cloud:${endpoint.port || '4566'}${path}`;
  }
  return `${endpoint.origin}/_aws/execute-api/${apiId}${path}`;
}

/**
 * The stage to show for an API of a stack: among the stack's stage resources, those named after the API
 * (`ServerlessRestApiProdStage` for `ServerlessRestApi`, as SAM names them) first; SAM's extra `Stage` stage last;
 * HTTP APIs default to `$default`.
 */
export function pickStage(
  flavor: ApiFlavor,
  apiLogicalId: string,
  stages: readonly { logicalId: string; physicalId: string | undefined }[],
): string | undefined {
  const named = (list: typeof stages) =>
    list.map((stage) => stage.physicalId).filter((id): id is string => Boolean(id));
  const own = named(stages.filter((stage) => stage.logicalId.startsWith(apiLogicalId)));
  const candidates = own.length > 0 ? own : named(stages);
  if (flavor === 'http' && (candidates.length === 0 || candidates.includes('$default'))) return '$default';
  return candidates.find((stage) => stage !== 'Stage') ?? candidates[0];
}

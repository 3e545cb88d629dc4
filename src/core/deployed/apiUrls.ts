// The invoke URL of a deployed API Gateway API, per backend: AWS's execute-api host, LocalStack's host-style
// convention, and a path-style URL on other endpoints (the local cloud serves deployed APIs there).
// See AWS-FACTS.md "API Gateway URLs".

export type ApiFlavor = 'rest' | 'http';

export interface ApiUrlContext {
  /** Where the backend's endpoint is; undefined for AWS itself. */
  endpoint: string | undefined;
  region: string;
  localstack: boolean;
}

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
  const endpoint = new URL(context.endpoint);
  if (context.localstack) {
    return `${endpoint.protocol}//${apiId}.execute-api.localhost.localstack.cloud:${endpoint.port || '4566'}/${stagePath}`;
  }
  return `${endpoint.origin}/_aws/execute-api/${apiId}/${stagePath}`;
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

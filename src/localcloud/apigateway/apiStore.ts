// The API Gateway APIs of one region, as CloudFormation created them: REST APIs (resources, methods, authorizers,
// deployments that snapshot them, stages that serve a deployment) and HTTP APIs (routes, integrations,
// authorizers, stages). The deployed-API router serves them on 127.0.0.1; the control plane reads them. One
// document, replaced atomically on every change (API sets are small).
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { writeFileAtomic } from '../state/atomicFile';

/** What API Gateway calls when a route or method matches. */
export interface ApiIntegration {
  /** `AWS_PROXY` (Lambda proxy), `MOCK`, `HTTP_PROXY`, `AWS`, `HTTP`. */
  type: string;
  /** The Lambda invocation ARN (`arn:aws:apigateway:...:lambda:path/.../functions/<arn>/invocations`) or a URL. */
  uri?: string;
  /** HTTP APIs: `1.0` or `2.0` (REST APIs always send 1.0 events). */
  payloadFormatVersion?: '1.0' | '2.0';
  /** MOCK integrations: the status and headers of the canned answer (CORS preflights). */
  mockResponse?: { statusCode: number; headers: Record<string, string> };
}

/** A REST API authorizer or an HTTP API authorizer. */
export interface ApiAuthorizerRecord {
  id: string;
  name: string;
  /** REST: TOKEN, REQUEST, COGNITO_USER_POOLS; HTTP APIs: JWT, REQUEST. */
  type: string;
  /** Lambda authorizers: the invocation ARN of the authorizer function. */
  authorizerUri?: string;
  /** Header names the identity comes from (`method.request.header.X` / `$request.header.X` reduced to X). */
  identityHeaders: string[];
  identityQueryStrings: string[];
  /** JWT authorizers. */
  issuer?: string;
  audience?: string[];
  /** Cognito authorizers. */
  providerArns?: string[];
  /** HTTP API Lambda authorizers. */
  payloadFormatVersion?: string;
  enableSimpleResponses?: boolean;
}

export interface RestMethodRecord {
  httpMethod: string;
  /** NONE, CUSTOM, COGNITO_USER_POOLS, AWS_IAM. */
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
  integration?: ApiIntegration;
}

export interface RestResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  /** The full path, `/users/{id}`. */
  path: string;
  methods: Record<string, RestMethodRecord>;
}

/** What a deployment froze: the API's resources and authorizers at the time. */
export interface RestDeploymentRecord {
  id: string;
  createdDate: string;
  description?: string;
  resources: RestResourceRecord[];
  authorizers: ApiAuthorizerRecord[];
}

export interface StageRecord {
  stageName: string;
  /** The deployment the stage serves (HTTP API stages with auto-deploy serve the API as it is). */
  deploymentId?: string;
  description?: string;
  variables: Record<string, string>;
  autoDeploy?: boolean;
  createdDate: string;
  lastUpdatedDate: string;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description?: string;
  createdDate: string;
  rootResourceId: string;
  resources: RestResourceRecord[];
  authorizers: ApiAuthorizerRecord[];
  deployments: RestDeploymentRecord[];
  stages: StageRecord[];
  endpointTypes: string[];
  tags: Record<string, string>;
}

export interface HttpRouteRecord {
  routeId: string;
  /** `GET /users/{id}`, `ANY /{proxy+}` or `$default`. */
  routeKey: string;
  /** `integrations/<id>`. */
  target?: string;
  /** NONE, JWT, CUSTOM, AWS_IAM. */
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
}

export interface HttpIntegrationRecord extends ApiIntegration {
  integrationId: string;
}

/** What an HTTP API deployment froze: the API's routes, integrations and authorizers at the time. */
export interface HttpDeploymentRecord {
  deploymentId: string;
  createdDate: string;
  description?: string;
  /** Made for a stage whose auto-deploy was turned off (its last automatic deployment), not by a Deployment. */
  autoDeployed: boolean;
  routes: HttpRouteRecord[];
  integrations: HttpIntegrationRecord[];
  authorizers: ApiAuthorizerRecord[];
}

export interface HttpApiRecord {
  apiId: string;
  name: string;
  description?: string;
  /** HTTP or WEBSOCKET (WebSocket APIs are recorded, not served). */
  protocolType: string;
  createdDate: string;
  routeSelectionExpression: string;
  routes: HttpRouteRecord[];
  integrations: HttpIntegrationRecord[];
  authorizers: ApiAuthorizerRecord[];
  /** Absent in state written before HTTP API deployments were kept. */
  deployments?: HttpDeploymentRecord[];
  stages: StageRecord[];
  tags: Record<string, string>;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 10-character API Gateway ID (APIs, resources, deployments...). */
export function newApiGatewayId(length = 10): string {
  let id = '';
  for (let index = 0; index < length; index++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export class ApiStore {
  private restApis = new Map<string, RestApiRecord>();
  private httpApis = new Map<string, HttpApiRecord>();
  private readonly file: string;
  /** Grows on every change, so readers (the router's route cache) know when what they derived is stale. */
  private changes = 0;

  constructor(directory: string, logger: Logger) {
    this.file = join(directory, 'apigateway', 'apis.json');
    if (!existsSync(this.file)) return;
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { rest: RestApiRecord[]; http: HttpApiRecord[] };
      this.restApis = new Map(stored.rest.map((api) => [api.id, api]));
      this.httpApis = new Map(stored.http.map((api) => [api.apiId, api]));
    } catch (error) {
      logger.warn(`[localcloud] unreadable API Gateway store ${this.file}: ${String(error)}`);
    }
  }

  /** A number that changes whenever any API of the store does. */
  get revision(): number {
    return this.changes;
  }

  restApi(id: string): RestApiRecord | undefined {
    return this.restApis.get(id);
  }

  /** REST APIs, oldest first (GetRestApis's order). */
  allRestApis(): RestApiRecord[] {
    return [...this.restApis.values()].sort((a, b) => a.createdDate.localeCompare(b.createdDate));
  }

  httpApi(id: string): HttpApiRecord | undefined {
    return this.httpApis.get(id);
  }

  allHttpApis(): HttpApiRecord[] {
    return [...this.httpApis.values()].sort((a, b) => a.createdDate.localeCompare(b.createdDate));
  }

  putRestApi(api: RestApiRecord): void {
    this.restApis.set(api.id, api);
    this.save();
  }

  putHttpApi(api: HttpApiRecord): void {
    this.httpApis.set(api.apiId, api);
    this.save();
  }

  deleteRestApi(id: string): void {
    if (this.restApis.delete(id)) this.save();
  }

  deleteHttpApi(id: string): void {
    if (this.httpApis.delete(id)) this.save();
  }

  /** Writes the document after records were changed in place. */
  save(): void {
    this.changes++;
    writeFileAtomic(
      this.file,
      JSON.stringify({ rest: [...this.restApis.values()], http: [...this.httpApis.values()] }),
    );
  }
}

// Serves a template's Api and HttpApi events on 127.0.0.1, like `sam local start-api`: each request is matched
// to a route, turned into an API Gateway event, run through the runtime pool, and answered as API Gateway would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { flattenHeaders, readBody, sendParts as send } from './httpExchange';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { describeError, WorkbenchError } from '../../errors';
import { taggedLogger, type Logger } from '../../logger';
import { resolveTemplate, type TemplateResolutionOptions } from '../resolve/resolveFunctions';
import type { InvokeResult, RuntimePool } from '../runtimeTypes';
import { jsonResponse, toHttpResponse, type HttpResponseParts } from './apiGatewayResponse';
import { buildApiGatewayEvent } from './apiGatewayRequestEvent';
import { collectApiRoutes, matchRoute, type ApiRoute } from './apiRoutes';
import { authorizeRequest } from './localAuthorizers';

/** How to serve a template. */
export interface LocalApiOptions {
  /** How the template is resolved (parameters, env vars...); it is re-read when the file changes. */
  resolution: TemplateResolutionOptions;
  pool: RuntimePool;
  logger: Logger;
  /** Default 3000, SAM CLI's port; 0 picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the local API is never exposed beyond this machine unless asked. */
  host?: string;
  /** Requests larger than this are refused with 413 (API Gateway's limit is 10 MB). */
  maxBodyBytes?: number;
  /** Called after each request with what ran, for views and logs. */
  onRequest?: (record: LocalApiRequestRecord) => void;
}

/** What happened to one request. */
export interface LocalApiRequestRecord {
  method: string;
  path: string;
  statusCode: number;
  route?: ApiRoute;
  result?: InvokeResult;
}

/** A running local API. */
export interface LocalApi {
  url: string;
  port: number;
  routes(): ApiRoute[];
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** Starts the server; rejects with a WorkbenchError when the port is taken or the template has no API events. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const logger = taggedLogger(options.logger, 'local-api');
  let routes: ApiRoute[] = [];
  let templateStamp = '';
  const refreshRoutes = (): ApiRoute[] => {
    const stamp = fileStamp(options.resolution.templatePath);
    if (stamp !== templateStamp || options.resolution.templateText !== undefined) {
      routes = collectApiRoutes(resolveTemplate({ ...options.resolution, logger: options.logger }));
      templateStamp = stamp;
    }
    return routes;
  };
  refreshRoutes();
  if (routes.length === 0) {
    throw new WorkbenchError(`${options.resolution.templatePath} has no Api or HttpApi events to serve.`, {
      code: 'NoApiEvents',
      hint: 'Add an event of Type Api or HttpApi to a function.',
    });
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      logger.error(`request ${request.method ?? ''} ${request.url ?? ''} failed: ${describeError(error)}`);
      if (!response.headersSent) send(response, jsonResponse(502, { message: 'Internal server error' }));
      else response.destroy();
    });
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const record: LocalApiRequestRecord = { method, path: url.pathname, statusCode: 0 };
    const answer = (parts: HttpResponseParts): void => {
      record.statusCode = parts.statusCode;
      send(response, parts, method === 'HEAD');
      options.onRequest?.(record);
    };
    const body = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    if (!body) return answer(jsonResponse(413, { message: 'Request Too Long' }));
    const match = matchRoute(refreshRoutes(), method, url.pathname);
    if (!match) {
      // What API Gateway answers for a path it does not know (REST APIs say it oddly, as here).
      const onlyHttpApis = routes.every((route) => route.kind === 'http');
      return answer(
        onlyHttpApis
          ? jsonResponse(404, { message: 'Not Found' })
          : jsonResponse(403, { message: 'Missing Authentication Token' }),
      );
    }
    record.route = match.route;
    const incoming = {
      method,
      path: url.pathname,
      queryString: url.search.replace(/^\?/, ''),
      headers: flattenHeaders(request),
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    const event = buildApiGatewayEvent(incoming, match);
    const { authorization } = match.route;
    if (authorization) {
      const outcome = await authorizeRequest({ ...match.route, authorization }, incoming, event, options.pool);
      if (!outcome.allowed) return answer(outcome.response);
      Object.assign(event.requestContext, { authorizer: outcome.authorizer });
    }
    const result = await options.pool.invoke(match.route.definition, { payload: JSON.stringify(event) });
    record.result = result;
    logger.info(
      `${method} ${url.pathname} -> ${match.route.logicalId} (${result.durationMs.toFixed(1)} ms${result.coldStart ? ', cold' : ''})`,
    );
    answer(toHttpResponse(result, match.route.payloadFormat));
  };

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new WorkbenchError(`Port ${options.port ?? 3000} is already in use.`, {
              code: 'PortInUse',
              hint: 'Stop the other server or choose another port.',
              cause: error,
            })
          : WorkbenchError.chain(error, 'The local API could not start'),
      ),
    );
    server.listen(options.port ?? 3000, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  logger.info(`serving ${routes.length} route(s) at ${url}`);
  return {
    url,
    port,
    routes: () => [...routes],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}

// restXml (S3): operations by method, path, query literals and required members (restRouter); members bound to the
// path, query string and headers (restBindings); the body is one payload member (raw bytes for blobs, an XML
// document for structures) or the output's unbound members under a root element. Errors are
// `<Error><Code/><Message/>...<RequestId/><HostId/></Error>`; HEAD answers carry no body.
import type { ServerResponse } from 'node:http';
import type { ServiceRequestHead } from '../localCloudService';
import { AwsError } from './awsError';
import { restOutputHead, restRequestReader } from './restRequests';
import { RestRouter } from './restRouter';
import { shapeOf, type ServiceModel, type Shape } from './serviceModel';
import { pathName, type Violation } from './shapeValidation';
import { MalformedXmlError, parseXml } from './xmlDocument';
import { shapeFromXml } from './xmlInput';
import { escapeXml, memberXml, scalarText, structureAttributes, structureContentXml, xmlElement } from './xmlShapes';
import type { ReplyOverrides, WireProtocol } from './wireProtocol';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** How a restXml service names what its model does not: root elements, and errors for requests it cannot place. */
export interface RestXmlOptions {
  /** The root element of an output without a payload member (S3: `ListBucketResult` for ListObjectsV2...). */
  outputRoot?: (operation: string) => string | undefined;
  /** The namespace of root elements (S3's `http://s3.amazonaws.com/doc/2006-03-01/`). */
  xmlNamespace?: string;
  /** A known path with another method. */
  wrongMethod?: (head: ServiceRequestHead, allowed: string[]) => AwsError;
  /** A path no operation has. */
  unknownOperation?: (head: ServiceRequestHead) => AwsError;
  /** A path that is not correctly percent-encoded. */
  badEncoding?: () => AwsError;
  /** A body that is not well-formed XML. */
  malformedBody?: () => AwsError;
}

/** Sends an XML document with S3's standard headers. */
export function sendXml(
  response: ServerResponse,
  requestId: string,
  status: number,
  xml: string,
  headers: Record<string, string> = {},
): void {
  const text = XML_DECLARATION + xml;
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(text),
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
  });
  response.end(text);
}

/** Sends an error document; HEAD answers carry no body, so clients see only the status. */
export function sendXmlError(response: ServerResponse, requestId: string, error: AwsError, isHead: boolean): void {
  if (isHead) {
    response.writeHead(error.status, { ...error.headers, 'x-amz-request-id': requestId, 'x-amz-id-2': requestId });
    response.end();
    return;
  }
  const extra = Object.entries(error.fields)
    .map(([name, value]) => xmlElement(name, typeof value === 'string' ? value : JSON.stringify(value)))
    .join('');
  sendXml(
    response,
    requestId,
    error.status,
    `<Error>${xmlElement('Code', error.code)}${xmlElement('Message', error.message)}${extra}${xmlElement('RequestId', requestId)}${xmlElement('HostId', requestId)}</Error>`,
    error.headers,
  );
}

/** The restXml protocol of a model. */
export function restXmlProtocol(model: ServiceModel, options: RestXmlOptions = {}): WireProtocol {
  const router = new RestRouter(model, 'always');
  const malformed = () =>
    options.malformedBody?.() ??
    new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );

  /** A structure from an XML body; an unreadable document is MalformedXML. */
  const readDocument = (body: Buffer, shape: Shape, member: string, out: Violation[]): unknown => {
    try {
      return shapeFromXml(model, shape, parseXml(body.toString('utf8')), pathName(member), out);
    } catch (error) {
      if (error instanceof MalformedXmlError) throw malformed();
      throw error;
    }
  };

  const reader = restRequestReader(model, router, {
    routeError: (head, failure) => {
      if (failure.kind === 'badEncoding') {
        return options.badEncoding?.() ?? new AwsError('InvalidURI', "Couldn't parse the specified URI.");
      }
      if (failure.kind === 'wrongMethod') {
        return (
          options.wrongMethod?.(head, failure.allowed) ??
          new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405)
        );
      }
      return (
        options.unknownOperation?.(head) ??
        new AwsError('UnknownOperationException', `Unknown operation: ${head.method} ${head.path}`, 404)
      );
    },
    readDocument,
    readsBody: hasBodyMembers,
    keepsEmptyBlob: true,
  });

  return {
    ...reader,
    sendOutput: (request, response, operation, output, overrides: ReplyOverrides) => {
      const head = restOutputHead(model, operation, output, overrides);
      const { record, shape, status } = head;
      const headers = new Map<string, [string, string]>();
      const setHeader = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
      for (const [name, value] of Object.entries(head.headers)) setHeader(name, value);
      const noBody = request.method === 'HEAD' || status === 204 || status === 304;
      const body = noBody || !shape ? undefined : outputBody(model, options, operation, shape, record);
      if (body !== undefined) {
        if (body.xml) setHeader('Content-Type', 'application/xml');
        setHeader('Content-Length', String(body.bytes.length));
      } else if (request.method !== 'HEAD' || !headers.has('content-length')) {
        setHeader('Content-Length', '0');
      }
      setHeader('x-amz-request-id', request.requestId);
      setHeader('x-amz-id-2', request.requestId);
      response.writeHead(status, Object.fromEntries(headers.values()));
      response.end(body?.bytes);
    },
    sendError: (head, response, error) => sendXmlError(response, head.requestId, error, head.method === 'HEAD'),
  };
}

function hasBodyMembers(shape: Shape): boolean {
  return Object.values(shape.members ?? {}).some((member) => member.location === undefined);
}

/** The body of an output: its payload member, else its unbound members under the root element. */
function outputBody(
  model: ServiceModel,
  options: RestXmlOptions,
  operation: string,
  shape: Shape,
  record: Record<string, unknown>,
): { bytes: Buffer; xml: boolean } | undefined {
  const namespace = options.xmlNamespace ?? model.metadata.xmlNamespace;
  const payloadName = shape.payload;
  if (payloadName !== undefined) {
    const value = record[payloadName];
    if (value === undefined || value === null) return undefined;
    const member = shape.members![payloadName]!;
    const payloadShape = shapeOf(model, member);
    if (payloadShape.type === 'blob') {
      return { bytes: Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array), xml: false };
    }
    if (payloadShape.type === 'string') return { bytes: Buffer.from(value as string, 'utf8'), xml: false };
    const withNamespace = member.xmlNamespace || !namespace ? member : { ...member, xmlNamespace: { uri: namespace } };
    const xml = memberXml(model, withNamespace, member.locationName ?? payloadShape.locationName ?? payloadName, value);
    return { bytes: Buffer.from(XML_DECLARATION + xml, 'utf8'), xml: true };
  }
  if (!hasBodyMembers(shape)) return undefined;
  const root = options.outputRoot?.(operation) ?? shape.locationName ?? `${operation}Result`;
  const xmlns = namespace ? ` xmlns="${escapeXml(namespace)}"` : '';
  const members = Object.entries(shape.members ?? {}).filter(([, member]) => member.location === undefined);
  // A root that is its only member (S3's `<LocationConstraint>eu-west-1</LocationConstraint>`) holds the text.
  const [onlyName, onlyMember] = members.length === 1 ? members[0]! : [];
  if (onlyMember && (onlyMember.locationName ?? onlyName) === root) {
    const memberShape = shapeOf(model, onlyMember);
    if (memberShape.type !== 'structure' && memberShape.type !== 'list' && memberShape.type !== 'map') {
      const value = record[onlyName!];
      const text = value === undefined || value === null ? '' : escapeXml(scalarText(onlyMember, memberShape, value));
      return { bytes: Buffer.from(`${XML_DECLARATION}<${root}${xmlns}>${text}</${root}>`, 'utf8'), xml: true };
    }
  }
  const xml = `<${root}${xmlns}${structureAttributes(shape, record)}>${structureContentXml(model, shape, record)}</${root}>`;
  return { bytes: Buffer.from(XML_DECLARATION + xml, 'utf8'), xml: true };
}

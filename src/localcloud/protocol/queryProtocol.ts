// awsQuery (CloudFormation, IAM, STS, SNS): form-encoded `Action=<Op>&Version=...` parameters (lists as
// `Name.member.N`, maps as `Name.entry.N.key`, structures as `Name.Sub`), XML answers
// `<OpResponse><OpResult>...</OpResult><ResponseMetadata>` (boto3 fails without the Result wrapper), and
// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>` errors with the model's wire codes.
import type { ServerResponse } from 'node:http';
import type { ServiceRequest } from '../localCloudService';
import { AwsError } from './awsError';
import { hasOwn, shapeOf, type MemberReference, type ServiceModel, type Shape } from './serviceModel';
import { pathName, type Violation } from './shapeValidation';
import { scalarFromText } from './textValues';
import type { ParsedRequest, WireProtocol } from './wireProtocol';
import { escapeXml, structureContentXml, xmlElement } from './xmlShapes';

/** A parameter tree: `A.member.1.B=x` becomes A -> member -> 1 -> B with value x. */
interface ParameterNode {
  value?: string;
  children?: Map<string, ParameterNode>;
}

/** Sends an XML document with the query protocol's headers. */
function sendXmlDocument(response: ServerResponse, requestId: string, status: number, xml: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(xml),
    'x-amzn-RequestId': requestId,
  });
  response.end(xml);
}

/** The wire code of an error: a modelled shape name becomes its `error.code` (ChangeSetNotFoundException -> ChangeSetNotFound). */
export function queryErrorCode(model: ServiceModel, code: string): string {
  return model.shapes[code]?.error?.code ?? code;
}

/** Sends an awsQuery error document (also used for services the local cloud does not serve). */
export function sendQueryError(
  response: ServerResponse,
  requestId: string,
  error: AwsError,
  namespace: string | undefined,
): void {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const extra = Object.entries(error.fields)
    .map(([name, value]) => xmlElement(name, typeof value === 'string' ? value : JSON.stringify(value)))
    .join('');
  const xmlns = namespace ? ` xmlns="${escapeXml(namespace)}"` : '';
  sendXmlDocument(
    response,
    requestId,
    error.status,
    `<ErrorResponse${xmlns}><Error>${xmlElement('Type', type)}${xmlElement('Code', error.code)}${xmlElement('Message', error.message)}${extra}</Error>${xmlElement('RequestId', requestId)}</ErrorResponse>`,
  );
}

/** The awsQuery protocol of a model. */
export function queryProtocol(model: ServiceModel): WireProtocol {
  const namespace = model.metadata.xmlNamespace;
  return {
    operationFromHead: (head) => {
      const action = head.query.get('Action');
      return action !== null && hasOwn(model.operations, action) ? action : undefined;
    },
    parse: (request: ServiceRequest): ParsedRequest => {
      const parameters = readParameters(request);
      const action = parameters.get('Action');
      if (action === undefined || !hasOwn(model.operations, action)) {
        throw new AwsError(
          'InvalidAction',
          action === undefined
            ? 'Could not find operation for the request: the Action parameter is missing.'
            : `The action ${action} is not valid for this web service.`,
        );
      }
      const root = parameterTree(parameters);
      const typeViolations: Violation[] = [];
      const inputReference = model.operations[action]!.input;
      const input = inputReference
        ? ((fromQuery(model, shapeOf(model, inputReference), root, '', typeViolations) ?? {}) as Record<
            string,
            unknown
          >)
        : {};
      return { operation: action, input, typeViolations };
    },
    sendOutput: (request, response, operation, output, overrides) => {
      const outputReference = model.operations[operation]!.output;
      let content = '';
      if (outputReference && output) {
        content = structureContentXml(model, shapeOf(model, outputReference), output as Record<string, unknown>);
        if (outputReference.resultWrapper) {
          content = `<${outputReference.resultWrapper}>${content}</${outputReference.resultWrapper}>`;
        }
      }
      const xmlns = namespace ? ` xmlns="${escapeXml(namespace)}"` : '';
      const metadata = `<ResponseMetadata>${xmlElement('RequestId', request.requestId)}</ResponseMetadata>`;
      const xml = `<${operation}Response${xmlns}>${content}${metadata}</${operation}Response>`;
      for (const [name, value] of Object.entries(overrides.headers)) response.setHeader(name, value);
      sendXmlDocument(response, request.requestId, overrides.status ?? 200, xml);
    },
    sendError: (head, response, error) => {
      const code = queryErrorCode(model, error.code);
      const wire = code === error.code ? error : new AwsError(code, error.message, error.status, error.fields);
      sendQueryError(response, head.requestId, wire, namespace);
    },
  };
}

/** The query string and, for form posts, the body's parameters (the body wins). */
function readParameters(request: ServiceRequest): Map<string, string> {
  const parameters = new Map<string, string>(request.query);
  const contentType = request.headers['content-type'] ?? '';
  if (request.body.length > 0 && contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) parameters.set(name, value);
  }
  return parameters;
}

function parameterTree(parameters: Map<string, string>): ParameterNode {
  const root: ParameterNode = {};
  for (const [name, value] of parameters) {
    let node = root;
    for (const part of name.split('.')) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) {
        child = {};
        node.children.set(part, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

/** The children of a node named by 1-based indexes, in index order. */
function indexedChildren(node: ParameterNode | undefined): ParameterNode[] {
  if (!node?.children) return [];
  return [...node.children.entries()]
    .filter(([key]) => /^\d+$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}

function fromQuery(
  model: ServiceModel,
  shape: Shape,
  node: ParameterNode | undefined,
  path: string,
  out: Violation[],
  reference?: MemberReference,
): unknown {
  if (!node) return undefined;
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      const prefix = path === '' ? '' : `${path}.`;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const memberShape = shapeOf(model, member);
        // botocore sends an empty flattened list under the member's own name (`Entries=`).
        const child =
          node.children?.get(queryParameterName(memberShape, member, name)) ??
          node.children?.get(member.locationName ?? name);
        const value = fromQuery(model, memberShape, child, prefix + pathName(name), out, member);
        if (value !== undefined) result[name] = value;
      }
      return result;
    }
    case 'list': {
      const itemShape = shapeOf(model, shape.member!);
      const items = isFlattened(shape, reference)
        ? indexedChildren(node)
        : indexedChildren(node.children?.get(shape.member!.locationName ?? 'member'));
      // botocore sends `Name=` for an empty list.
      return items.map((item, index) => fromQuery(model, itemShape, item, `${path}.${index + 1}.member`, out));
    }
    case 'map': {
      const entries = isFlattened(shape, reference)
        ? indexedChildren(node)
        : indexedChildren(node.children?.get('entry'));
      const valueShape = shapeOf(model, shape.value!);
      const result: Record<string, unknown> = {};
      for (const entry of entries) {
        const key = entry.children?.get(shape.key!.locationName ?? 'key')?.value;
        if (key === undefined) continue;
        result[key] = fromQuery(
          model,
          valueShape,
          entry.children?.get(shape.value!.locationName ?? 'value'),
          `${path}.${key}`,
          out,
        );
      }
      return result;
    }
    default:
      return node.value === undefined ? undefined : scalarFromText(shape, node.value, path, out);
  }
}

/** True for a list or map sent without its `member`/`entry` level. */
function isFlattened(shape: Shape, reference: MemberReference | undefined): boolean {
  return shape.flattened === true || reference?.flattened === true;
}

/**
 * A member's parameter name as botocore writes it: its wire name, except that a flattened list whose items are
 * named (SQS's `AttributeName.1`) takes the item's name.
 */
function queryParameterName(shape: Shape, member: MemberReference, name: string): string {
  if (shape.type === 'list' && isFlattened(shape, member) && shape.member?.locationName) {
    return shape.member.locationName;
  }
  return member.locationName ?? name;
}

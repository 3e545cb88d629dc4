// The compact service models that scripts/generateAwsModels.mjs derives from botocore (committed under
// src/localcloud/models/generated): the types the protocol engine reads them through.

/** Where a member travels in a REST request or response. */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

/** A member of a structure (or a list's member, a map's key or value): the shape it has and how it is bound. */
export interface MemberReference {
  shape: string;
  location?: MemberLocation;
  /** The wire name: header, query parameter, path label, XML element or (query protocol) parameter name. */
  locationName?: string;
  /** The EC2 protocol's parameter name (unused elsewhere). */
  queryName?: string;
  xmlAttribute?: boolean;
  xmlNamespace?: { prefix?: string; uri?: string };
  flattened?: boolean;
  streaming?: boolean;
  eventpayload?: boolean;
  idempotencyToken?: boolean;
  /** A JSON document carried in a string (a header holds it base64-encoded). */
  jsonvalue?: boolean;
  timestampFormat?: TimestampFormat;
  hostLabel?: boolean;
  deprecated?: boolean;
}

export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'boolean'
  | 'timestamp'
  | 'blob';

/** One shape with its constraints. */
export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberReference>;
  required?: string[];
  member?: MemberReference;
  key?: MemberReference;
  value?: MemberReference;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  flattened?: boolean;
  locationName?: string;
  /** The member sent as the whole HTTP body (REST protocols). */
  payload?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  streaming?: boolean;
  eventstream?: boolean;
  event?: boolean;
  union?: boolean;
  document?: boolean;
  timestampFormat?: TimestampFormat;
  /** Values AWS never echoes: validation messages say "Value at 'path'" without the value. */
  sensitive?: boolean;
  xmlNamespace?: { prefix?: string; uri?: string };
}

/** One operation: HTTP binding, input and output shapes, modelled errors. */
export interface OperationModel {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string; locationName?: string; xmlNamespace?: { uri?: string } };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
  endpoint?: { hostPrefix?: string };
  deprecated?: boolean;
}

/** The protocols botocore names (`json` is awsJson1_0/1_1 by jsonVersion, `query` is awsQuery). */
export type ProtocolName = 'json' | 'rest-json' | 'rest-xml' | 'query' | 'ec2' | 'smithy-rpc-v2-cbor';

/** A whole service model. */
export interface ServiceModel {
  /** The botocore folder and API version it was generated from. */
  origin: string;
  metadata: {
    apiVersion: string;
    serviceId: string;
    endpointPrefix: string;
    signingName?: string;
    protocol: ProtocolName;
    protocols?: ProtocolName[];
    jsonVersion?: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    awsQueryCompatible?: Record<string, never>;
    globalEndpoint?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** The shape a reference names; a missing one is a generator bug, not a user error. */
export function shapeOf(model: ServiceModel, reference: { shape: string }): Shape {
  const shape = model.shapes[reference.shape];
  if (!shape) throw new Error(`${model.origin}: unknown shape ${reference.shape}`);
  return shape;
}

/** The SigV4 signing name that routes requests to the service. */
export function signingNameOf(model: ServiceModel): string {
  return model.metadata.signingName ?? model.metadata.endpointPrefix;
}

/** True for an own property (operation names come from the wire: `constructor` is not an operation). */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

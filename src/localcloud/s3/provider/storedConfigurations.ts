// The generic Put/Get/Delete of a bucket configuration S3 keeps as a document (CORS, lifecycle, website, logging,
// ownership controls...): the Put's payload member is validated, stored beside the bucket and given back by the Get
// (as its payload member, or as its members when the output has no payload, as GetBucketCors's CORSRules). Which
// payload member each operation uses comes from the model, so a configuration is described once, by its names and
// AWS's answers when nothing is stored. Configurations keyed by an id (inventory, metrics...) add a List.
import s3Model from '../../models/generated/s3.json';
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type RequestContext, type ServiceProvider } from '../../protocol/modelService';
import { shapeOf, type ServiceModel } from '../../protocol/serviceModel';
import type { ObjectStore } from '../objectStore';

const model = s3Model as unknown as ServiceModel;

type S3OperationName = Extract<keyof S3Operations, string>;
type Document = Record<string, unknown>;
type AnyHandler = (input: Document, context: RequestContext) => unknown;

/** One bucket configuration: its operations and what S3 answers when none is stored. */
export interface ConfigurationSpec {
  /** The name it is stored under. */
  name: string;
  put: S3OperationName;
  get: S3OperationName;
  delete?: S3OperationName;
  /**
   * Get when nothing is stored: S3's error, or the document S3 gives every bucket by default (`deleted` when a
   * Delete removed even that, as DeleteBucketOwnershipControls does).
   */
  absent: (bucket: string, deleted: boolean) => AwsError | Document;
  /** Checks (and may normalise) the document a Put sends; throws S3's error; null forgets the configuration. */
  validate?: (document: Document, input: Document, store: ObjectStore) => Document | null | void;
  /** What the Delete leaves: nothing (the default answers again), or `null` (absent even of the default). */
  deleteLeaves?: 'default' | 'nothing';
  /** Cannot take effect locally (replication, inventory reports...): counted as stored only. */
  storedOnly?: boolean;
}

/** An id-keyed configuration family (analytics, inventory, metrics, intelligent tiering). */
export interface KeyedConfigurationSpec {
  name: string;
  put: S3OperationName;
  get: S3OperationName;
  delete: S3OperationName;
  list: S3OperationName;
  /** The List output's member that holds the configurations. */
  listMember: string;
  validate?: (document: Document, id: string) => void;
}

/** The handlers for each configuration. */
export function storedConfigurationHandlers(
  store: ObjectStore,
  specs: readonly ConfigurationSpec[],
): ServiceProvider<S3Operations> {
  const handlers: Record<string, AnyHandler> = {};
  for (const spec of specs) {
    const mark = spec.storedOnly ? storedOnly : <Handler>(handler: Handler) => handler;
    const putPayload = payloadOf(spec.put);
    handlers[spec.put] = mark((input: Document) => {
      const bucket = input['Bucket'] as string;
      store.requireBucket(bucket);
      const document = (input[putPayload] ?? {}) as Document;
      const stored = spec.validate?.(document, input, store);
      store.setBucketConfiguration(bucket, spec.name, stored === null ? undefined : (stored ?? document));
      return {};
    });
    handlers[spec.get] = mark((input: Document) => {
      const bucket = input['Bucket'] as string;
      const stored = store.bucketConfiguration<Document>(bucket, spec.name);
      const document = stored ?? absentDocument(spec, bucket, stored);
      return asOutput(spec.get, document);
    });
    if (spec.delete) {
      handlers[spec.delete] = mark((input: Document) => {
        const bucket = input['Bucket'] as string;
        store.requireBucket(bucket);
        store.setBucketConfiguration(bucket, spec.name, spec.deleteLeaves === 'nothing' ? null : undefined);
        return {};
      });
    }
  }
  return handlers;
}

/** The handlers of id-keyed configurations (stored only: no reports or metrics are produced locally). */
export function keyedConfigurationHandlers(
  store: ObjectStore,
  specs: readonly KeyedConfigurationSpec[],
): ServiceProvider<S3Operations> {
  const handlers: Record<string, AnyHandler> = {};
  for (const spec of specs) {
    const all = (bucket: string) => store.bucketConfiguration<Record<string, Document>>(bucket, spec.name) ?? {};
    const putPayload = payloadOf(spec.put);
    handlers[spec.put] = storedOnly((input: Document) => {
      const bucket = input['Bucket'] as string;
      const id = input['Id'] as string;
      const document = (input[putPayload] ?? {}) as Document;
      spec.validate?.(document, id);
      store.setBucketConfiguration(bucket, spec.name, { ...all(bucket), [id]: document });
      return {};
    });
    handlers[spec.get] = storedOnly((input: Document) => {
      const document = all(input['Bucket'] as string)[input['Id'] as string];
      if (!document) throw noSuchConfiguration();
      return asOutput(spec.get, document);
    });
    handlers[spec.delete] = storedOnly((input: Document) => {
      const bucket = input['Bucket'] as string;
      const id = input['Id'] as string;
      const { [id]: removed, ...rest } = all(bucket);
      if (!removed) throw noSuchConfiguration();
      store.setBucketConfiguration(bucket, spec.name, rest);
      return {};
    });
    handlers[spec.list] = storedOnly((input: Document) => {
      const configurations = Object.entries(all(input['Bucket'] as string))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, document]) => document);
      return {
        IsTruncated: false,
        ...(input['ContinuationToken'] !== undefined ? { ContinuationToken: input['ContinuationToken'] } : {}),
        ...(configurations.length > 0 ? { [spec.listMember]: configurations } : {}),
      };
    });
  }
  return handlers;
}

/** What a Get answers without a stored document: the default, or S3's error. */
function absentDocument(spec: ConfigurationSpec, bucket: string, stored: null | undefined): Document {
  const absent = spec.absent(bucket, stored === null);
  if (absent instanceof AwsError) throw absent;
  return absent;
}

/** A stored document as the Get's output: its payload member, or its members. */
function asOutput(operation: S3OperationName, document: Document): Document {
  const outputReference = model.operations[operation]!.output;
  const payload = outputReference ? shapeOf(model, outputReference).payload : undefined;
  return payload === undefined ? { ...document } : { [payload]: document };
}

function payloadOf(operation: S3OperationName): string {
  const payload = shapeOf(model, model.operations[operation]!.input!).payload;
  if (payload === undefined) throw new Error(`${operation} has no payload member`);
  return payload;
}

function noSuchConfiguration(): AwsError {
  return new AwsError('NoSuchConfiguration', 'The specified configuration does not exist.', 404);
}

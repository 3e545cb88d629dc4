// What S3 checks in the configuration documents it accepts (CORS, lifecycle, website, notifications), with its
// error codes and wording. The model already checks required members and enums; these are the rules it cannot say.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocol/awsError';

type Document = Record<string, unknown>;

const CORS_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
const MAX_CORS_RULES = 100;
const MAX_LIFECYCLE_RULES = 1000;
const MAX_RULE_ID_LENGTH = 255;
const LIFECYCLE_ACTIONS = [
  'Expiration',
  'Transitions',
  'NoncurrentVersionExpiration',
  'NoncurrentVersionTransitions',
  'AbortIncompleteMultipartUpload',
];

function malformed(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}

function invalidRequest(message: string): AwsError {
  return new AwsError('InvalidRequest', message, 400);
}

function invalidArgument(message: string, name?: string, value?: string): AwsError {
  return new AwsError('InvalidArgument', message, 400, {
    ...(name !== undefined ? { ArgumentName: name } : {}),
    ...(value !== undefined ? { ArgumentValue: value } : {}),
  });
}

/** PutBucketCors: 1-100 rules, methods S3 knows, at most one `*` per origin. */
export function validateCors(document: Document): void {
  const rules = (document['CORSRules'] ?? []) as { AllowedMethods?: string[]; AllowedOrigins?: string[] }[];
  if (rules.length === 0 || rules.length > MAX_CORS_RULES) throw malformed();
  for (const rule of rules) {
    for (const method of rule.AllowedMethods ?? []) {
      if (!CORS_METHODS.has(method)) {
        throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
      }
    }
    for (const origin of rule.AllowedOrigins ?? []) {
      if (origin.split('*').length > 2) {
        throw invalidRequest(`AllowedOrigin "${origin}" can not have more than one wildcard.`);
      }
    }
  }
}

/** PutBucketLifecycleConfiguration: unique ids, a filter or prefix, at least one action, positive days. */
export function validateLifecycle(document: Document): Document {
  const rules = (document['Rules'] ?? []) as Document[];
  if (rules.length === 0 || rules.length > MAX_LIFECYCLE_RULES) throw malformed();
  const ids = new Set<string>();
  const checked = rules.map((rule) => {
    const id = (rule['ID'] as string | undefined) ?? randomId();
    if (id.length > MAX_RULE_ID_LENGTH) {
      throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', id);
    }
    if (ids.has(id)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', id);
    ids.add(id);
    if ((rule['Filter'] === undefined) === (rule['Prefix'] === undefined)) throw malformed();
    validateFilter(rule['Filter'] as Document | undefined);
    if (!LIFECYCLE_ACTIONS.some((action) => rule[action] !== undefined)) {
      throw invalidRequest('At least one action needs to be specified in a rule');
    }
    validateExpiration(rule['Expiration'] as Document | undefined);
    for (const transition of (rule['Transitions'] ?? []) as Document[]) {
      if ((transition['Days'] === undefined) === (transition['Date'] === undefined)) throw malformed();
    }
    return { ...rule, ID: id };
  });
  return { ...document, Rules: checked };
}

function validateFilter(filter: Document | undefined): void {
  if (!filter) return;
  const conditions = ['Prefix', 'Tag', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan', 'And'].filter(
    (name) => filter[name] !== undefined,
  );
  if (conditions.length > 1) throw malformed();
}

function validateExpiration(expiration: Document | undefined): void {
  if (!expiration) return;
  const given = ['Days', 'Date', 'ExpiredObjectDeleteMarker'].filter((name) => expiration[name] !== undefined);
  if (given.length !== 1) throw malformed();
  const days = expiration['Days'] as number | undefined;
  if (days !== undefined && days <= 0) {
    throw invalidArgument("'Days' for Expiration action must be a positive integer", 'Days', String(days));
  }
  const date = expiration['Date'] as Date | undefined;
  if (date !== undefined && date.getTime() % 86_400_000 !== 0) {
    throw invalidArgument("'Date' must be at midnight GMT", 'Date', date.toISOString());
  }
}

/** PutBucketWebsite: an index document (a suffix without slashes) unless every request is redirected. */
export function validateWebsite(document: Document): void {
  const redirectAll = document['RedirectAllRequestsTo'];
  const index = document['IndexDocument'] as { Suffix?: string } | undefined;
  if (redirectAll !== undefined) {
    if (index || document['ErrorDocument'] || document['RoutingRules']) throw malformed();
    return;
  }
  if (!index) {
    throw invalidArgument(
      'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty',
      'IndexDocument',
    );
  }
  if (index.Suffix === '' || index.Suffix?.includes('/')) {
    throw invalidArgument('The IndexDocument Suffix is not well formed', 'IndexDocument', index.Suffix);
  }
}

const NOTIFICATION_LISTS: [list: string, arnMember: string, service: string][] = [
  ['TopicConfigurations', 'TopicArn', 'sns'],
  ['QueueConfigurations', 'QueueArn', 'sqs'],
  ['LambdaFunctionConfigurations', 'LambdaFunctionArn', 'lambda'],
];
const EVENT_NAME =
  /^s3:(\*|[A-Za-z]+:(\*|[A-Za-z]+))$|^s3:(ReducedRedundancyLostObject|Replication:.+|IntelligentTiering|LifecycleExpiration:.+|LifecycleTransition|ObjectAcl:Put|ObjectTagging:.+|ObjectRestore:.+)$/;

/** PutBucketNotificationConfiguration: ARNs of the right service, events S3 has; ids given when missing. */
export function validateNotifications(document: Document): Document {
  const result: Document = { ...document };
  for (const [list, arnMember, service] of NOTIFICATION_LISTS) {
    const configurations = document[list] as Document[] | undefined;
    if (!configurations) continue;
    result[list] = configurations.map((configuration) => {
      const arn = String(configuration[arnMember]);
      if (!arn.startsWith(`arn:aws:${service}:`)) {
        throw invalidArgument('The ARN is not well formed', arnMember, arn);
      }
      for (const event of (configuration['Events'] ?? []) as string[]) {
        if (!EVENT_NAME.test(event)) {
          throw invalidArgument('The event is not supported for notifications', 'Event', event);
        }
      }
      return { Id: randomId(), ...configuration };
    });
  }
  return result;
}

function randomId(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64').replace(/=+$/, '');
}

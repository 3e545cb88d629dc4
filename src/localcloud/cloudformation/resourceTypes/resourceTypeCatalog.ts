// The CloudFormation resource types AWS documents (generated from @aws-cdk/aws-service-spec by
// scripts/generateResourceTypeCatalog.mjs): which types exist, what Ref returns, the GetAtt attributes, the ARN
// format, and which property changes replace a resource.
import catalogJson from './resourceTypeCatalog.json';

interface CatalogEntry {
  /** Identifier parts, comma-separated: what Ref returns (the last part for composite identifiers). */
  i?: string;
  /** GetAtt attribute names, comma-separated; `[]` marks list attributes. */
  a?: string;
  /** ARN template, e.g. `arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`. */
  arn?: string;
  /** Properties whose change always replaces the resource. */
  r?: string;
  /** Properties whose change replaces it in some cases. */
  m?: string;
  /** The property that names the resource. */
  n?: string;
}

/** What the engine and the simulated provider know about one resource type. */
export interface ResourceTypeInfo {
  type: string;
  identifier: string[];
  /** Attribute name -> true when the attribute is a list. */
  attributes: ReadonlyMap<string, boolean>;
  arnTemplate?: string;
  replacingProperties: ReadonlySet<string>;
  conditionallyReplacingProperties: ReadonlySet<string>;
  nameProperty?: string;
}

const entries = catalogJson as unknown as Record<string, CatalogEntry>;
const cache = new Map<string, ResourceTypeInfo>();

const splitList = (text: string | undefined): string[] => (text ? text.split(',') : []);

/** The type's catalog entry, or undefined for types AWS does not document (custom resources, typos). */
export function resourceTypeInfo(type: string): ResourceTypeInfo | undefined {
  const cached = cache.get(type);
  if (cached) return cached;
  if (type === '$comment' || !Object.prototype.hasOwnProperty.call(entries, type)) return undefined;
  const entry = entries[type]!;
  const info: ResourceTypeInfo = {
    type,
    identifier: splitList(entry.i),
    attributes: new Map(splitList(entry.a).map((name) => [name.replace(/\[\]$/, ''), name.endsWith('[]')])),
    arnTemplate: entry.arn,
    replacingProperties: new Set(splitList(entry.r)),
    conditionallyReplacingProperties: new Set(splitList(entry.m)),
    nameProperty: entry.n,
  };
  cache.set(type, info);
  return info;
}

/** True for custom resources, whose types are the template author's own (`Custom::X`). */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** True when CloudFormation accepts the type in a template. */
export function isKnownResourceType(type: string): boolean {
  return isCustomResourceType(type) || resourceTypeInfo(type) !== undefined;
}

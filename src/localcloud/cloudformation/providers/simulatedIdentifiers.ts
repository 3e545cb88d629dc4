// Identifiers for resources the local cloud records but does not run: the physical ID, what Ref returns and
// every GetAtt attribute, in the formats AWS gives them (ARNs from the type's ARN template, EC2's `vpc-` ids,
// API Gateway's 10-character ids, SQS queue URLs...), so templates that split an ARN or build a URL still work.
import { randomBytes, randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import { resourceTypeInfo, type ResourceTypeInfo } from '../resourceTypes/resourceTypeCatalog';
import { stringProperty, type ProviderContext, type ProvisionedResource } from './resourceProvider';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Id formats by identifier name: a prefix and a random part. */
const ID_FORMATS: Readonly<Record<string, () => string>> = {
  VpcId: () => `vpc-${hex(17)}`,
  SubnetId: () => `subnet-${hex(17)}`,
  GroupId: () => `sg-${hex(17)}`,
  SecurityGroupId: () => `sg-${hex(17)}`,
  InternetGatewayId: () => `igw-${hex(17)}`,
  RouteTableId: () => `rtb-${hex(17)}`,
  NatGatewayId: () => `nat-${hex(17)}`,
  AllocationId: () => `eipalloc-${hex(17)}`,
  NetworkAclId: () => `acl-${hex(17)}`,
  VpcEndpointId: () => `vpce-${hex(17)}`,
  InstanceId: () => `i-${hex(17)}`,
  TransitGatewayId: () => `tgw-${hex(17)}`,
  NetworkInterfaceId: () => `eni-${hex(17)}`,
  LaunchTemplateId: () => `lt-${hex(17)}`,
  VolumeId: () => `vol-${hex(17)}`,
  PrefixListId: () => `pl-${hex(17)}`,
  DhcpOptionsId: () => `dopt-${hex(17)}`,
  FileSystemId: () => `fs-${hex(17)}`,
  AccessPointId: () => `fsap-${hex(17)}`,
  RestApiId: () => random(LOWER, 10),
  ApiId: () => random(LOWER, 10),
  DomainNameId: () => random(LOWER, 10),
  ResourceId: () => random(LOWER, 6),
  DeploymentId: () => random(LOWER, 6),
  AuthorizerId: () => random(LOWER, 6),
  RequestValidatorId: () => random(LOWER, 6),
  IntegrationId: () => random(LOWER, 7),
  RouteId: () => random(LOWER, 7),
  UsagePlanId: () => random(LOWER, 6),
  APIKeyId: () => random(LOWER, 10),
  ClientId: () => random(LOWER, 26),
  KeyId: () => randomUUID(),
  DistributionId: () => `E${random(UPPER, 13)}`,
  HostedZoneId: () => `Z${random(UPPER, 20)}`,
  ApplicationId: () => random(LOWER, 7),
};

/** The physical ID, Ref and attributes of a simulated resource of any type. */
export function simulatedIdentifiers(properties: JsonObject, context: ProviderContext): ProvisionedResource {
  const values = new SimulatedValues(resourceTypeInfo(context.resourceType), properties, context);
  const identifier = values.identifier();
  const attributes: Record<string, JsonValue> = {};
  for (const [name, isList] of values.info?.attributes ?? new Map<string, boolean>()) {
    attributes[name] = isList ? [] : values.valueOf(name);
  }
  return { physicalId: identifier, attributes, simulated: true };
}

class SimulatedValues {
  private readonly known = new Map<string, string>();
  private readonly computing = new Set<string>();
  private generatedNameValue: string | undefined;

  constructor(
    readonly info: ResourceTypeInfo | undefined,
    private readonly properties: JsonObject,
    private readonly context: ProviderContext,
  ) {}

  /** What Ref returns: the last part of the type's identifier, else a generated name. */
  identifier(): string {
    const parts = this.info?.identifier ?? [];
    const last = parts.at(-1);
    return last === undefined ? this.name() : this.valueOf(last);
  }

  valueOf(requested: string): string {
    const field = this.canonicalField(requested);
    let value = this.known.get(field);
    if (value === undefined) {
      // An ARN template naming the field being computed falls back to the name instead of recursing.
      if (this.computing.has(field)) return this.name();
      this.computing.add(field);
      try {
        value = this.compute(field);
      } finally {
        this.computing.delete(field);
      }
      this.known.set(field, value);
    }
    return value;
  }

  private compute(field: string): string {
    const given = stringProperty(this.properties, field);
    if (given !== undefined && given !== '') return given;
    const { region, accountId, partition } = this.context;
    if (field === 'Arn' || field === `${this.typeName()}Arn`) return this.arn();
    if (field === 'QueueUrl') return `https://sqs.${region}.amazonaws.com/${accountId}/${this.name()}`;
    if (field === 'UserPoolId') return `${region}_${random(UPPER.slice(0, 26) + LOWER.slice(0, 26), 9)}`;
    if (field === 'IdentityPoolId') return `${region}:${randomUUID()}`;
    // A type whose identifier is a bare `Id` takes its kind's format (a security group's Id is `sg-...`).
    const format = ID_FORMATS[field] ?? (field === 'Id' ? ID_FORMATS[`${this.typeName()}Id`] : undefined);
    if (format) return format();
    if (field.endsWith('NameWithPath')) return `${stringProperty(this.properties, 'Path') ?? ''}${this.name()}`;
    if (field.endsWith('Name')) return this.name();
    if (field.endsWith('Arn')) {
      return `arn:${partition}:${this.service()}:${region}:${accountId}:${kebab(field.slice(0, -3))}/${this.name()}`;
    }
    if (/(Url|URL|Endpoint|DomainName)$/.test(field)) {
      return `${field.startsWith('Url') || field.endsWith('Url') || field.endsWith('URL') ? 'https://' : ''}${this.name().toLowerCase()}.${this.service()}.${region}.amazonaws.com`;
    }
    if (field.endsWith('Id') || field === 'Id') return randomUUID();
    return `${this.name()}-${field}`;
  }

  /** One value under two names: a security group's GroupId is its Id, as EC2 gives them. */
  private canonicalField(field: string): string {
    return field === 'GroupId' && this.context.resourceType === 'AWS::EC2::SecurityGroup' ? 'Id' : field;
  }

  /** The declared name, else a generated `<stack>-<LogicalId>-<SUFFIX>`. */
  private name(): string {
    const nameProperty = this.info?.nameProperty;
    const declared = nameProperty ? stringProperty(this.properties, nameProperty) : undefined;
    if (declared) return declared;
    this.generatedNameValue ??= this.context.generatedName();
    return this.generatedNameValue;
  }

  private arn(): string {
    const template = this.info?.arnTemplate;
    const { region, accountId, partition } = this.context;
    if (!template) {
      return `arn:${partition}:${this.service()}:${region}:${accountId}:${kebab(this.typeName())}/${this.name()}`;
    }
    return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_whole, variable: string) => {
      if (variable === 'Partition') return partition;
      if (variable === 'Region') return region;
      if (variable === 'Account') return accountId;
      return this.valueOf(variable);
    });
  }

  private service(): string {
    return (this.context.resourceType.split('::')[1] ?? 'service').toLowerCase();
  }

  private typeName(): string {
    return this.context.resourceType.split('::')[2] ?? 'Resource';
  }
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

function random(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

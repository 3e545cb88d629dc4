// Custom domains of REST and HTTP APIs (samtranslator/model/api/api_generator.py _construct_api_domain,
// http_api_generator.py): the domain (ID hashed from its name), a base path mapping per path, and Route53 records.
import { InvalidResourceError } from '../samTransformError';
import {
  getAtt,
  isIntrinsic,
  isObject,
  ref,
  resolveParameterRefs,
  type JsonObject,
  type JsonValue,
} from '../intrinsics';
import { logicalIdWithHash } from '../logicalIdHash';
import type { GeneratedResources, TransformContext } from '../transformContext';

export interface DomainFlavour {
  domainType: string;
  mappingType: string;
  mappingSuffix: string;
  http: boolean;
}

const REST: DomainFlavour = {
  domainType: 'AWS::ApiGateway::DomainName',
  mappingType: 'AWS::ApiGateway::BasePathMapping',
  mappingSuffix: 'BasePathMapping',
  http: false,
};
export const HTTP_DOMAIN: DomainFlavour = {
  domainType: 'AWS::ApiGatewayV2::DomainName',
  mappingType: 'AWS::ApiGatewayV2::ApiMapping',
  mappingSuffix: 'ApiMapping',
  http: true,
};

export function restApiDomain(
  logicalId: string,
  domain: JsonValue | undefined,
  stageId: string,
  attributes: JsonObject,
  context: TransformContext,
): GeneratedResources {
  return apiDomain(logicalId, domain, stageId, attributes, context, REST);
}

export function apiDomain(
  logicalId: string,
  domainValue: JsonValue | undefined,
  stageId: string,
  attributes: JsonObject,
  context: TransformContext,
  flavour: DomainFlavour,
): GeneratedResources {
  if (domainValue === undefined || domainValue === null) return {};
  const domain = resolveParameterRefs(domainValue, context.parameters) ?? null;
  const fail = (message: string, ...path: string[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', 'Domain', ...path]);
  };
  if (!isObject(domain)) return fail('Invalid property type for Domain.');
  if (domain.DomainName === undefined || domain.CertificateArn === undefined) {
    fail(`Custom Domains only works if both DomainName and CertificateArn are provided.`);
  }
  const endpoint = domain.EndpointConfiguration ?? 'REGIONAL';
  const privateEndpoint = endpoint === 'PRIVATE' && !flavour.http;
  const domainId = logicalIdWithHash(
    privateEndpoint || flavour.http ? 'ApiGatewayDomainNameV2' : 'ApiGatewayDomainName',
    domain.DomainName,
  );
  const domainProperties: JsonObject = { DomainName: domain.DomainName! };
  if (flavour.http) {
    const config: JsonObject = { CertificateArn: domain.CertificateArn!, EndpointType: endpoint };
    if (domain.SecurityPolicy !== undefined) config.SecurityPolicy = domain.SecurityPolicy;
    if (domain.OwnershipVerificationCertificateArn !== undefined)
      config.OwnershipVerificationCertificateArn = domain.OwnershipVerificationCertificateArn;
    domainProperties.DomainNameConfigurations = [config];
  } else {
    if (endpoint === 'REGIONAL') domainProperties.RegionalCertificateArn = domain.CertificateArn!;
    else domainProperties.CertificateArn = domain.CertificateArn!;
    domainProperties.EndpointConfiguration = { Types: [endpoint] };
    if (domain.SecurityPolicy !== undefined) domainProperties.SecurityPolicy = domain.SecurityPolicy;
    if (domain.OwnershipVerificationCertificateArn !== undefined)
      domainProperties.OwnershipVerificationCertificateArn = domain.OwnershipVerificationCertificateArn;
    if (privateEndpoint && domain.Policy !== undefined) domainProperties.Policy = domain.Policy;
  }
  if (domain.MutualTlsAuthentication !== undefined) {
    const mtls = domain.MutualTlsAuthentication;
    if (!isObject(mtls)) fail("Property 'Domain.MutualTlsAuthentication' should be a map.", 'MutualTlsAuthentication');
    for (const key of Object.keys(mtls as JsonObject)) {
      if (key !== 'TruststoreUri' && key !== 'TruststoreVersion')
        fail(
          `Available Domain.MutualTlsAuthentication fields are: ['TruststoreUri', 'TruststoreVersion'].`,
          'MutualTlsAuthentication',
        );
    }
    domainProperties.MutualTlsAuthentication = mtls;
  }
  if (domain.Tags !== undefined) domainProperties.Tags = domain.Tags;
  const resources: GeneratedResources = {
    [domainId]: {
      Type: privateEndpoint ? 'AWS::ApiGateway::DomainNameV2' : flavour.domainType,
      ...attributes,
      Properties: domainProperties,
    },
  };
  if (privateEndpoint && isObject(domain.AccessAssociation)) {
    const association = domain.AccessAssociation;
    resources[logicalIdWithHash('DomainNameAccessAssociation', association.VpcEndpointId ?? null)] = {
      Type: 'AWS::ApiGateway::DomainNameAccessAssociation',
      ...attributes,
      Properties: {
        DomainNameArn: ref(domainId),
        AccessAssociationSource: association.VpcEndpointId ?? null,
        AccessAssociationSourceType: 'VPCE',
      },
    };
  }
  const basePath = domain.BasePath;
  if (basePath !== undefined && !Array.isArray(basePath) && typeof basePath !== 'string' && !isIntrinsic(basePath))
    fail('BasePath must be a list of strings.', 'BasePath');
  const paths: JsonValue[] = basePath === undefined ? [] : Array.isArray(basePath) ? basePath : [basePath];
  const mappingType = privateEndpoint ? 'AWS::ApiGateway::BasePathMappingV2' : flavour.mappingType;
  const mapping = (suffix: string, path?: JsonValue): void => {
    const properties: JsonObject = flavour.http
      ? { DomainName: ref(domainId), ApiId: ref(logicalId), Stage: ref(stageId) }
      : { DomainName: ref(domainId), RestApiId: ref(logicalId), Stage: ref(stageId) };
    if (privateEndpoint) {
      delete properties.DomainName;
      properties.DomainNameArn = ref(domainId);
    }
    if (path !== undefined) properties[flavour.http ? 'ApiMappingKey' : 'BasePath'] = path;
    resources[`${logicalId}${suffix}${flavour.mappingSuffix}`] = {
      Type: mappingType,
      ...attributes,
      Properties: properties,
    };
  };
  if (paths.length === 0) mapping('');
  for (const path of paths) {
    if (typeof path !== 'string') fail('BasePath must be a list of strings.', 'BasePath');
    const trimmed = (path as string).replace(/^\/+|\/+$/g, '');
    mapping(trimmed.replace(/[^A-Za-z0-9]/g, ''), flavour.http ? trimmed : trimmed === '' ? undefined : trimmed);
  }
  const route53 = domain.Route53;
  if (route53 !== undefined) {
    if (!isObject(route53)) fail('Invalid property type for Route53.', 'Route53');
    const zone = (route53 as JsonObject).HostedZoneId ?? (route53 as JsonObject).HostedZoneName;
    if (zone === undefined)
      fail('HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.', 'Route53');
    const recordSet = recordSetFor(domain, route53 as JsonObject, domainId, endpoint, flavour, privateEndpoint);
    const group: JsonObject = { RecordSets: recordSet };
    if ((route53 as JsonObject).HostedZoneId !== undefined) group.HostedZoneId = (route53 as JsonObject).HostedZoneId!;
    else group.HostedZoneName = (route53 as JsonObject).HostedZoneName!;
    resources[logicalIdWithHash('RecordSetGroup', zone)] = {
      Type: 'AWS::Route53::RecordSetGroup',
      ...attributes,
      Properties: group,
    };
  }
  void context;
  return resources;
}

function recordSetFor(
  domain: JsonObject,
  route53: JsonObject,
  domainId: string,
  endpoint: JsonValue,
  flavour: DomainFlavour,
  privateEndpoint: boolean,
): JsonValue[] {
  const target: JsonObject = privateEndpoint
    ? { DNSName: route53.VpcEndpointDomainName ?? null, HostedZoneId: route53.VpcEndpointHostedZoneId ?? null }
    : flavour.http || endpoint === 'REGIONAL'
      ? { DNSName: getAtt(domainId, 'RegionalDomainName'), HostedZoneId: getAtt(domainId, 'RegionalHostedZoneId') }
      : {
          DNSName: route53.DistributionDomainName ?? getAtt(domainId, 'DistributionDomainName'),
          HostedZoneId: 'Z2FDTNDATAQYW2',
        };
  if (flavour.http) target.DNSName = getAtt(domainId, 'RegionalDomainName');
  if (route53.EvaluateTargetHealth !== undefined) target.EvaluateTargetHealth = route53.EvaluateTargetHealth;
  const record = (type: string): JsonObject => {
    const set: JsonObject = { Name: domain.DomainName!, Type: type, AliasTarget: target };
    if (route53.SetIdentifier !== undefined) set.SetIdentifier = route53.SetIdentifier;
    if (route53.Region !== undefined) set.Region = route53.Region;
    return set;
  };
  return route53.IpV6 === true ? [record('A'), record('AAAA')] : [record('A')];
}

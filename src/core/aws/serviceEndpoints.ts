// Service-specific endpoints, as the AWS SDKs and CLI resolve them
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): AWS_ENDPOINT_URL_<SERVICE>, then
// AWS_ENDPOINT_URL, then the profile's `[services NAME]` section, then the profile's endpoint_url. The environment
// and the config file are ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or ignore_configured_endpoint_urls is true.
import type { SharedConfig } from './sharedConfigFiles';

/** The services the extension calls, by the identifiers the SDK uses for endpoint settings. */
export const AWS_SERVICES = {
  lambda: 'lambda',
  cloudformation: 'cloudformation',
  logs: 'cloudwatch_logs',
  s3: 's3',
  sts: 'sts',
  sso: 'sso',
  ssoOidc: 'sso_oidc',
  codedeploy: 'codedeploy',
  iam: 'iam',
  apigateway: 'api_gateway',
  apigatewayv2: 'apigatewayv2',
} as const;

export type AwsService = keyof typeof AWS_SERVICES;

/** Where an endpoint came from, for the picker's explanation. */
export type EndpointSource = 'environment' | 'services section' | 'profile';

export interface ResolvedEndpoint {
  url: string;
  source: EndpointSource;
}

/**
 * The configured endpoint of `service` for `profileName`, or undefined for AWS's own endpoint.
 * `environment` is process.env (passed in so the core stays pure).
 */
export function resolveServiceEndpoint(
  config: SharedConfig,
  profileName: string,
  service: AwsService,
  environment: Record<string, string | undefined>,
): ResolvedEndpoint | undefined {
  const properties = config.profiles.get(profileName)?.properties ?? {};
  if (isTrue(environment['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])) return undefined;
  if (
    environment['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] === undefined &&
    isTrue(properties['ignore_configured_endpoint_urls'])
  ) {
    return undefined;
  }
  const key = AWS_SERVICES[service];
  const fromEnvironment = environment[`AWS_ENDPOINT_URL_${key.toUpperCase()}`] || environment['AWS_ENDPOINT_URL'];
  if (fromEnvironment) return { url: fromEnvironment, source: 'environment' };
  const section = properties['services'] ? config.services.get(properties['services']) : undefined;
  const fromSection = section?.[`${key}.endpoint_url`];
  if (fromSection) return { url: fromSection, source: 'services section' };
  const fromProfile = properties['endpoint_url'];
  return fromProfile ? { url: fromProfile, source: 'profile' } : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/** Endpoints on this machine: S3 needs path-style addressing there and host prefixes cannot resolve. */
export function isLoopbackEndpoint(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return (
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      host === '[::1]' ||
      /^127\.\d+\.\d+\.\d+$/.test(host) ||
      host.endsWith('localhost.localstack.cloud')
    );
  } catch {
    return false;
  }
}

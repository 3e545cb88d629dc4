// Custom domains of SAM APIs: the DNS records SAM creates, and the domain settings of v2 (HTTP, WebSocket) APIs.
import { arrayOf, object, p, pass } from './samDsl.mjs';

/** Route 53 alias records SAM creates for a custom domain. */
export function route53(rest) {
  return object('DNS records for the custom domain.', {
    DistributionDomainName: p('string', 'Domain name of the CloudFront distribution (edge-optimized APIs).'),
    EvaluateTargetHealth: p('boolean', 'Evaluate the health of the alias target.'),
    HostedZoneId: p('string', 'The hosted zone to add records to.'),
    HostedZoneName: p('string', 'The hosted zone to add records to, by name.'),
    IpV6: p('boolean', 'Also create an AAAA record.'),
    Region: p('string', 'Region of latency-based records.'),
    SetIdentifier: p('string', 'Identifier of weighted or latency-based records.'),
    ...(rest
      ? {
          SeparateRecordSetGroup: p('boolean', 'Put the records in a record set group of their own.'),
          VpcEndpointDomainName: p('string', 'DNS name of the VPC endpoint (private APIs).'),
          VpcEndpointHostedZoneId: p('string', 'Hosted zone of the VPC endpoint (private APIs).'),
        }
      : {}),
  });
}

/** The custom domain of an API Gateway v2 API (HTTP or WebSocket). */
export const v2Domain = (owner) =>
  object(
    'A custom domain name for the API.',
    {
      BasePath: p(arrayOf('string'), 'Base paths mapped to the API.'),
      CertificateArn: p('string', 'ACM certificate of the domain.'),
      DomainName: p('string', 'The domain name.'),
      EndpointConfiguration: p('string', 'Endpoint type of the domain.', { suggest: ['REGIONAL'] }),
      MutualTlsAuthentication: pass('AWS::ApiGatewayV2::DomainName', 'MutualTlsAuthentication'),
      OwnershipVerificationCertificateArn: p('string', 'Certificate that proves ownership of the domain.'),
      Route53: p(`${owner}.Route53`, 'DNS records SAM creates.'),
      SecurityPolicy: p('string', 'TLS version of the domain.', { suggest: ['TLS_1_2'] }),
    },
    { required: ['CertificateArn', 'DomainName'] },
  );

import assert from 'node:assert/strict';
import { simulatedIdentifiers } from '../../../../src/localcloud/cloudformation/providers/simulatedIdentifiers';
import type { ProviderContext } from '../../../../src/localcloud/cloudformation/providers/resourceProvider';

function contextFor(resourceType: string): ProviderContext {
  return {
    stackName: 'app',
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1',
    logicalId: 'Thing',
    resourceType,
    region: 'us-east-1',
    accountId: '123456789012',
    partition: 'aws',
    clock: { now: () => Date.now() } as unknown as ProviderContext['clock'],
    services: {} as ProviderContext['services'],
    generatedName: () => 'app-Thing-ABCDEFGHIJKLM',
    claimPhysicalId: () => undefined,
    report: () => undefined,
    stackResources: () => [],
  };
}

describe('simulated resource identifiers', () => {
  it("gives a security group EC2's sg- id for Ref, Id and GroupId alike (Lambda's VpcConfig validates it)", () => {
    const group = simulatedIdentifiers({ GroupDescription: 'efs' }, contextFor('AWS::EC2::SecurityGroup'));
    assert.match(group.physicalId, /^sg-[0-9a-f]{17}$/);
    assert.equal(group.attributes?.GroupId, group.physicalId);
    assert.equal(group.attributes?.Id, group.physicalId);
    assert.match(group.attributes?.VpcId as string, /^vpc-[0-9a-f]{17}$/);
  });

  it('keeps the prefixes of identifiers named after their kind and the VPC given in the properties', () => {
    const subnet = simulatedIdentifiers({ VpcId: 'vpc-0123' }, contextFor('AWS::EC2::Subnet'));
    assert.match(subnet.physicalId, /^subnet-[0-9a-f]{17}$/);
    assert.equal(subnet.attributes?.VpcId, 'vpc-0123');
    assert.equal(subnet.attributes?.SubnetId, subnet.physicalId);
  });
});

import { strict as assert } from 'node:assert';
import {
  appSpecAliasTarget,
  deploymentProgress,
  describeTrafficRouting,
  formatDuration,
  predefinedTrafficRouting,
  trafficRoutingFromConfig,
} from '../../../src/core/deployed/deploymentProgress';

// The AppSpec CloudFormation hands CodeDeploy for an UpdatePolicy.CodeDeployLambdaAliasUpdate (JSON text).
const CLOUDFORMATION_APPSPEC = JSON.stringify({
  version: 0.0,
  Resources: [
    {
      UsersFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Name: 'hello-sam-UsersFunction-ABC',
          Alias: 'live',
          CurrentVersion: '1',
          TargetVersion: '2',
        },
      },
    },
  ],
});

describe('CodeDeploy deployments of an alias, as the tree shows them', () => {
  it('reads the alias and versions from an AppSpec in JSON or YAML, with a name or an ARN', () => {
    assert.deepEqual(appSpecAliasTarget(CLOUDFORMATION_APPSPEC), {
      functionName: 'hello-sam-UsersFunction-ABC',
      alias: 'live',
      currentVersion: '1',
      targetVersion: '2',
    });
    const yaml = [
      'version: 0.0',
      'Resources:',
      '  - myFunction:',
      '      Type: AWS::Lambda::Function',
      '      Properties:',
      '        Name: arn:aws:lambda:us-east-1:123456789012:function:orders:live',
      '        Alias: live',
      '        CurrentVersion: 3',
      '        TargetVersion: 4',
      'Hooks:',
      '  - BeforeAllowTraffic: preTraffic',
    ].join('\n');
    assert.deepEqual(appSpecAliasTarget(yaml), {
      functionName: 'orders',
      alias: 'live',
      currentVersion: '3',
      targetVersion: '4',
    });
    assert.equal(appSpecAliasTarget('version: 0.0\nResources: []\n'), undefined, 'no Lambda resource');
    assert.equal(appSpecAliasTarget('{ not: [yaml'), undefined, 'unreadable text is no target');
    assert.equal(appSpecAliasTarget(undefined), undefined);
  });

  it('knows the predefined Lambda configurations by name, SAM short forms too, and reads custom ones', () => {
    assert.deepEqual(predefinedTrafficRouting('CodeDeployDefault.LambdaCanary10Percent5Minutes'), {
      type: 'TimeBasedCanary',
      percentage: 10,
      intervalMinutes: 5,
    });
    assert.deepEqual(predefinedTrafficRouting('CodeDeployDefault.LambdaLinear10PercentEvery1Minute'), {
      type: 'TimeBasedLinear',
      percentage: 10,
      intervalMinutes: 1,
    });
    assert.deepEqual(predefinedTrafficRouting('Linear10PercentEvery3Minutes'), {
      type: 'TimeBasedLinear',
      percentage: 10,
      intervalMinutes: 3,
    });
    assert.deepEqual(predefinedTrafficRouting('CodeDeployDefault.LambdaAllAtOnce'), { type: 'AllAtOnce' });
    assert.equal(predefinedTrafficRouting('MyCompany.Slow'), undefined);
    assert.deepEqual(
      trafficRoutingFromConfig({
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 25, canaryInterval: 2 },
      }),
      { type: 'TimeBasedCanary', percentage: 25, intervalMinutes: 2 },
    );
    assert.equal(
      describeTrafficRouting({ type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 }),
      'canary: 10 %, then all after 5 min',
    );
    assert.equal(
      describeTrafficRouting({ type: 'TimeBasedLinear', percentage: 20, intervalMinutes: 2 }),
      'linear: 20 % every 2 min',
    );
  });

  it('tells the step from the weight on the new version, the time left from the schedule, and the status', () => {
    const canary = predefinedTrafficRouting('CodeDeployDefault.LambdaCanary10Percent5Minutes');
    const started = new Date('2026-12-05T01:00:00Z');
    const deployment = { deploymentId: 'd-ABC', status: 'InProgress', createTime: started };
    const before = deploymentProgress(deployment, canary, 0, started.getTime() + 5_000);
    assert.equal(before.summary, 'step 0 of 2 · ~5 min left · in progress', 'the BeforeAllowTraffic hook runs first');
    const during = deploymentProgress(deployment, canary, 0.1, started.getTime() + 60_000);
    assert.deepEqual(during, {
      summary: 'step 1 of 2 · 10 % on the new version · ~4 min left · in progress',
      step: 1,
      steps: 2,
      msLeft: 240_000,
      active: true,
      status: 'InProgress',
    });
    // A faster clock (the local cloud's time scale) finishes early: the step follows the alias, never the clock.
    const late = deploymentProgress(deployment, canary, 0.1, started.getTime() + 3_600_000);
    assert.equal(late.summary, 'step 1 of 2 · 10 % on the new version · ~0 s left · in progress');

    // A local cloud at time scale 60 runs the five minutes in five seconds.
    const rehearsed = deploymentProgress(deployment, canary, 0.1, started.getTime() + 2_000, 60);
    assert.equal(rehearsed.msLeft, 3_000);

    const linear = predefinedTrafficRouting('CodeDeployDefault.LambdaLinear10PercentEvery1Minute');
    const third = deploymentProgress(deployment, linear, 0.3, started.getTime() + 125_000);
    assert.equal(third.summary, 'step 3 of 10 · 30 % on the new version · ~7 min left · in progress');

    const succeeded = deploymentProgress({ ...deployment, status: 'Succeeded' }, canary, 0, started.getTime());
    assert.equal(succeeded.summary, 'step 2 of 2 · succeeded');
    assert.equal(succeeded.active, false);
    const stopped = deploymentProgress({ ...deployment, status: 'Stopped' }, canary, 0, started.getTime());
    assert.equal(stopped.summary, 'step 0 of 2 · stopped');
    assert.equal(deploymentProgress(deployment, undefined, 0, 0).summary, 'step 0 of 1 · in progress');
  });

  it('writes durations briefly', () => {
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(240_000), '4 min');
    assert.equal(formatDuration(3_900_000), '1 h 5 min');
  });
});

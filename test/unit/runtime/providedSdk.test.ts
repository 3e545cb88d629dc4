import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  callsToAws,
  callsToEndpoint,
  functionAwsCallEnvironment,
  UNCHANGED_CALLS,
} from '../../../src/core/aws/functionAwsCalls';
import { buildInstanceEnvironment } from '../../../src/core/runtime/lambdaEnvironment';
import {
  missingPackageIn,
  providedSdkKind,
  scanSdkImports,
} from '../../../src/core/runtime/providedSdk/providedSdkPackages';
import { fixtureFunction } from './runtimeFixtures';

function folderWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'sw-sdk-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), content);
  }
  return directory;
}

describe('runtime: the SDK each Lambda runtime provides', () => {
  it('knows which SDK each runtime provides', () => {
    assert.equal(providedSdkKind({ family: 'nodejs', version: '16' }), 'aws-sdk-v2');
    assert.equal(providedSdkKind({ family: 'nodejs', version: '18' }), 'aws-sdk-v3');
    assert.equal(providedSdkKind({ family: 'nodejs', version: '24' }), 'aws-sdk-v3');
    assert.equal(providedSdkKind({ family: 'python', version: '3.13' }), 'boto3');
  });

  it('finds the SDK packages the sources import in every module syntax, not those of node_modules', () => {
    const folder = folderWith({
      'app.mjs': 'import { S3Client } from \'@aws-sdk/client-s3\';\nconst m = await import("@aws-sdk/lib-dynamodb");',
      'src/nested/util.ts': "export * from '@aws-sdk/client-sqs/dist-types/index';\nimport '@aws-sdk/client-sns';",
      'legacy.cjs': "const { SSM } = require( '@aws-sdk/client-ssm' ); const AWS = require('aws-sdk');",
      'node_modules/dep/index.js': "require('@aws-sdk/client-kms')",
      'README.md': "import x from '@aws-sdk/client-iam'",
    });
    assert.deepEqual(scanSdkImports(folder, 'aws-sdk-v3'), [
      '@aws-sdk/client-s3',
      '@aws-sdk/client-sns',
      '@aws-sdk/client-sqs',
      '@aws-sdk/client-ssm',
      '@aws-sdk/lib-dynamodb',
    ]);
    assert.deepEqual(scanSdkImports(folder, 'aws-sdk-v2'), ['aws-sdk']);
    const python = folderWith({ 'app.py': 'import json\nimport boto3\nfrom botocore.exceptions import ClientError\n' });
    assert.deepEqual(scanSdkImports(python, 'boto3'), ['boto3', 'botocore']);
  });

  it('reads the missing package out of Node and Python import errors', () => {
    assert.equal(
      missingPackageIn(`{"errorMessage":"Error: Cannot find module 'aws-sdk'\\nRequire stack:"}`),
      'aws-sdk',
    );
    assert.equal(
      missingPackageIn(`Cannot find package '@aws-sdk/client-s3' imported from /var/task/app.mjs`),
      '@aws-sdk/client-s3',
    );
    assert.equal(missingPackageIn(`Unable to import module 'app': No module named 'boto3'`), 'boto3');
    assert.equal(missingPackageIn('TypeError: x is not a function'), undefined);
  });

  it('puts the provided SDK after the layers on NODE_PATH and PYTHONPATH, as on Lambda', () => {
    const inputs = {
      logStreamName: 'stream',
      taskRoot: '/task',
      runtimeDirectory: '/runtime',
      hostEnvironment: {},
      providedSdkDirectories: ['/sdk/node_modules'],
    };
    const node = buildInstanceEnvironment(fixtureFunction('node/cjs', 'app.echo', { layerDirectories: ['/layer'] }), {
      ...inputs,
      runtime: { family: 'nodejs', version: '20' },
    });
    assert.deepEqual(node['NODE_PATH']?.split(delimiter), ['/layer/node_modules', '/sdk/node_modules', '/task']);
    const python = buildInstanceEnvironment(
      fixtureFunction('python', 'app.handler', { runtime: 'python3.12', layerDirectories: ['/layer'] }),
      { ...inputs, runtime: { family: 'python', version: '3.12' } },
    );
    assert.deepEqual(python['PYTHONPATH']?.split(delimiter), ['/layer', '/sdk/node_modules']);
  });

  it('sends SDK calls to an endpoint with placeholder credentials, or to a profile, removing the caller’s keys', () => {
    const host = {
      AWS_ACCESS_KEY_ID: 'AKIAREAL',
      AWS_SECRET_ACCESS_KEY: 'real',
      AWS_SESSION_TOKEN: 'token',
      PATH: '/bin',
    };
    const environmentFor = (extra: Record<string, string>) =>
      buildInstanceEnvironment(fixtureFunction('node/cjs', 'app.echo'), {
        runtime: { family: 'nodejs', version: '20' },
        logStreamName: 'stream',
        taskRoot: '/task',
        runtimeDirectory: '/runtime',
        hostEnvironment: host,
        extraEnvironment: extra,
      });
    const local = environmentFor(functionAwsCallEnvironment(callsToEndpoint('http://127.0.0.1:4566', 'local cloud')));
    assert.equal(local['AWS_ENDPOINT_URL'], 'http://127.0.0.1:4566');
    assert.deepEqual([local['AWS_ACCESS_KEY_ID'], local['AWS_SECRET_ACCESS_KEY']], ['test', 'test']);
    assert.equal('AWS_SESSION_TOKEN' in local, false);
    const aws = environmentFor(functionAwsCallEnvironment(callsToAws('dev', 'eu-west-1')));
    assert.equal(aws['AWS_PROFILE'], 'dev');
    assert.equal('AWS_ACCESS_KEY_ID' in aws, false);
    assert.equal('AWS_ENDPOINT_URL' in aws, false);
    const unchanged = environmentFor(functionAwsCallEnvironment(UNCHANGED_CALLS));
    assert.equal(unchanged['AWS_ACCESS_KEY_ID'], 'AKIAREAL');
    assert.equal(callsToAws('dev', 'eu-west-1').label, 'AWS profile dev in eu-west-1');
  });
});

import { strict as assert } from 'node:assert';
import { localCloudStatusText } from '../../../src/features/localCloud/localCloudStatusText';
import { probeLocalCloud } from '../../../src/localcloud/localCloudHealth';
import { rawRequest } from '../../support/rawHttp';
import { startHarness } from '../../support/localCloudHarness';

/** The signing names a local cloud serves, in the health endpoint's order. */
const SERVED = [
  'logs',
  's3',
  'lambda',
  'cloudformation',
  'codedeploy',
  'monitoring',
  'apigateway',
  'sts',
  'iam',
  'sqs',
  'sns',
];

describe('local cloud status bar text', () => {
  it('says off, starting, or failed with the reason', () => {
    assert.equal(localCloudStatusText({ kind: 'stopped' }).text, '$(cloud) Local cloud: off');
    assert.equal(localCloudStatusText({ kind: 'starting' }).text, '$(loading~spin) Local cloud');
    assert.deepEqual(localCloudStatusText({ kind: 'failed', message: 'exit code 1' }), {
      text: '$(warning) Local cloud',
      tooltip: 'exit code 1',
      warning: true,
    });
  });

  it('shows the running one: its port, and who started it', () => {
    const found = localCloudStatusText({
      kind: 'running',
      endpoint: 'http://127.0.0.1:4566',
      port: 4566,
      pid: 1234,
      owned: false,
      startedBy: 'npm start',
    });
    assert.equal(found.text, '$(cloud) Local cloud :4566');
    assert.equal(
      found.tooltip,
      'Local cloud at http://127.0.0.1:4566 (started by npm start, pid 1234). Click to switch the backend or for actions.',
    );
    const ours = localCloudStatusText({
      kind: 'running',
      endpoint: 'http://127.0.0.1:4567',
      port: 4567,
      pid: 99,
      owned: true,
    });
    assert.equal(
      ours.tooltip,
      'Local cloud at http://127.0.0.1:4567 (started by this window, pid 99). Click to switch the backend or for actions.',
    );
    const unknown = localCloudStatusText({
      kind: 'running',
      endpoint: 'http://127.0.0.1:4568',
      port: 4568,
      pid: undefined,
      owned: false,
    });
    assert.equal(
      unknown.tooltip,
      'Local cloud at http://127.0.0.1:4568 (started outside this window). Click to switch the backend or for actions.',
    );
  });

  it('shows a rehearsal time scale in the text and says what it does', () => {
    const fast = localCloudStatusText({
      kind: 'running',
      endpoint: 'http://127.0.0.1:4566',
      port: 4566,
      pid: 7,
      owned: false,
      startedBy: 'npm start',
      timeScale: 300,
    });
    assert.equal(fast.text, '$(cloud) Local cloud :4566 ×300');
    assert.match(fast.tooltip, /Time runs 300× faster for CodeDeploy \(canary intervals, hook timeouts\)\./);
  });

  it('comes from the health endpoint, which says who started the local cloud and its time scale', async () => {
    const harness = await startHarness({ startedBy: 'npm start', timeScale: 300 });
    try {
      const health = await rawRequest(harness.cloud.endpoint, 'GET', '/_localcloud/health');
      assert.deepEqual(JSON.parse(health.body), {
        status: 'ready',
        services: SERVED,
        pid: process.pid,
        startedBy: 'npm start',
        timeScale: 300,
      });
      assert.deepEqual(await probeLocalCloud(harness.cloud.endpoint), {
        services: SERVED,
        pid: process.pid,
        startedBy: 'npm start',
        timeScale: 300,
      });
    } finally {
      await harness.stop();
    }
  });
});

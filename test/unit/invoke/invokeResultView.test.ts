import { strict as assert } from 'node:assert';
import { buildInvokeResultView, type InvokeRunRecord } from '../../../src/core/invoke/invokeResultView';
import { isWebviewToHostMessage } from '../../../src/core/invoke/invokeResultProtocol';

const base: InvokeRunRecord = {
  functionLabel: 'UsersFunction',
  templateLabel: 'template.yaml',
  mode: 'local',
  eventLabel: 'GetUser (generated)',
  eventPayload: '{"pathParameters":{"id":"42"}}',
  requestId: 'r-1',
  payload: '{"statusCode":200,"body":"{\\"id\\":\\"42\\"}"}',
  functionError: false,
  logLines: ['START RequestId: r-1 Version: $LATEST', 'END RequestId: r-1'],
  durationMs: 9.971,
  billedDurationMs: 10,
  memorySizeMb: 256,
  maxMemoryUsedMb: 42,
  initDurationMs: 72.915,
  coldStart: true,
  finishedAt: new Date('2026-01-01T00:00:00.000Z'),
};

describe('the invoke result view', () => {
  it('pretty-prints the response and the event and formats the figures', () => {
    const { view, locations } = buildInvokeResultView(base);
    assert.equal(view.succeeded, true);
    assert.equal(view.response, '{\n  "statusCode": 200,\n  "body": "{\\"id\\":\\"42\\"}"\n}');
    assert.equal(view.eventText, '{\n  "pathParameters": {\n    "id": "42"\n  }\n}');
    assert.deepEqual(view.metrics, [
      { label: 'Duration', value: '9.97 ms' },
      { label: 'Billed duration', value: '10 ms' },
      { label: 'Memory used / size', value: '42 MB / 256 MB' },
      { label: 'Start', value: 'Cold (init 72.92 ms)' },
    ]);
    assert.equal(view.responseBody, '{\n  "id": "42"\n}');
    assert.equal(view.subtitle, 'template.yaml · local');
    assert.equal(view.canDebug, true);
    assert.equal(view.error, undefined);
    assert.deepEqual(locations, []);
  });

  it('says warm starts are warm', () => {
    const { view } = buildInvokeResultView({ ...base, coldStart: false, initDurationMs: undefined });
    assert.deepEqual(view.metrics.at(-1), { label: 'Start', value: 'Warm' });
  });

  it('says where the function’s AWS SDK calls went', () => {
    const { view } = buildInvokeResultView({ ...base, awsCalls: 'local cloud (http://127.0.0.1:4566)' });
    assert.deepEqual(view.metrics.at(-1), { label: 'AWS calls', value: 'local cloud (http://127.0.0.1:4566)' });
  });

  it('links error stack lines to their source locations', () => {
    const payload = JSON.stringify({
      errorType: 'Error',
      errorMessage: 'boom',
      trace: ['Error: boom', '    at handler (file:///srv/app.mjs:7:11)', '    at node:internal/x:1:1'],
    });
    const { view, locations } = buildInvokeResultView({ ...base, payload, functionError: true, errorType: 'Error' });
    assert.equal(view.succeeded, false);
    assert.equal(view.error?.type, 'Error');
    assert.equal(view.error?.message, 'boom');
    assert.deepEqual(
      view.error?.stack.map((line) => line.link),
      [undefined, 0, undefined],
    );
    assert.deepEqual(locations, [{ file: '/srv/app.mjs', line: 7, column: 11 }]);
  });

  it("does not link the runtime's own frames", () => {
    const payload = JSON.stringify({
      errorType: 'Error',
      errorMessage: 'boom',
      trace: [
        'Error: boom',
        '    at handler (/srv/app.js:7:11)',
        '    at runInvocation (/ext/bootstrap/node.cjs:200:16)',
      ],
    });
    const { view, locations } = buildInvokeResultView(
      { ...base, payload, functionError: true },
      { isRuntimeFile: (file) => file.startsWith('/ext/bootstrap/') },
    );
    assert.deepEqual(
      view.error?.stack.map((line) => line.link),
      [undefined, 0, undefined],
    );
    assert.equal(locations.length, 1);
  });

  it('describes deployed runs and keeps raw payloads that are not JSON', () => {
    const { view } = buildInvokeResultView({
      ...base,
      mode: 'deployed',
      deployedName: 'hello-sam-UsersFunction-ABC123',
      payload: 'plain text',
    });
    assert.equal(view.subtitle, 'template.yaml · deployed as hello-sam-UsersFunction-ABC123');
    assert.equal(view.response, 'plain text');
    assert.equal(view.responseBody, undefined);
    assert.equal(view.canDebug, false);
  });

  it('shows proxy response bodies decoded, except base64 ones', () => {
    const body = (payload: unknown) =>
      buildInvokeResultView({ ...base, payload: JSON.stringify(payload) }).view.responseBody;
    assert.equal(body({ statusCode: 200, body: 'hello' }), 'hello');
    assert.equal(body({ statusCode: 200, body: 'aGk=', isBase64Encoded: true }), undefined);
    assert.equal(body({ statusCode: 204, body: '' }), undefined);
    assert.equal(body({ summary: true }), undefined);
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.ok(isWebviewToHostMessage({ type: 'ready' }));
    assert.ok(isWebviewToHostMessage({ type: 'openLocation', link: 0 }));
    assert.ok(!isWebviewToHostMessage({ type: 'openLocation', link: '/etc/passwd' }));
    assert.ok(!isWebviewToHostMessage({ type: 'openLocation', link: -1 }));
    assert.ok(!isWebviewToHostMessage({ type: 'runCommand' }));
    assert.ok(!isWebviewToHostMessage(undefined));
  });
});

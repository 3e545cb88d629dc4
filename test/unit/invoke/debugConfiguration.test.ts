import { strict as assert } from 'node:assert';
import { debugConfigurationFor } from '../../../src/core/invoke/debugConfiguration';

describe('debug attach configurations', () => {
  const session = { host: '127.0.0.1', port: 9231, pid: 42, instanceId: 'i-1', codeDirectory: '/tmp/bundle' };

  it('attaches js-debug to the inspector, continuing once attached, with the bundle maps allowed', () => {
    const configuration = debugConfigurationFor(
      { ...session, protocol: 'inspector' },
      { name: 'Debug UsersFunction', sourceRoots: ['/work/app'], runtimeDirectory: '/ext/dist/runtime-bootstrap' },
    );
    assert.equal(configuration.type, 'node');
    assert.equal(configuration.request, 'attach');
    assert.equal(configuration['address'], '127.0.0.1');
    assert.equal(configuration['port'], 9231);
    assert.equal(configuration['continueOnAttach'], true);
    assert.equal(configuration['sourceMaps'], true);
    assert.deepEqual(configuration['resolveSourceMapLocations'], [
      '/tmp/bundle/**',
      '/work/app/**',
      '!**/node_modules/**',
    ]);
    assert.deepEqual(configuration['skipFiles'], ['<node_internals>/**', '/ext/dist/runtime-bootstrap/**']);
  });

  it('attaches debugpy with the code folder mapped to itself', () => {
    const configuration = debugConfigurationFor(
      { ...session, protocol: 'debugpy', codeDirectory: '/work/app/src/orders' },
      { name: 'Debug OrderProcessorFunction', sourceRoots: [] },
    );
    assert.deepEqual(configuration, {
      type: 'serverless-workbench-python',
      name: 'Debug OrderProcessorFunction',
      request: 'attach',
      connect: { host: '127.0.0.1', port: 9231 },
      pathMappings: [{ localRoot: '/work/app/src/orders', remoteRoot: '/work/app/src/orders' }],
      justMyCode: true,
    });
  });
});

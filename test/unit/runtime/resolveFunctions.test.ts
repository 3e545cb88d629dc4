import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WorkbenchError } from '../../../src/core/errors';
import { parseEnvVarsFile, resolveEnvironment } from '../../../src/core/runtime/resolve/envVarsFile';
import { mergeGlobals } from '../../../src/core/runtime/resolve/mergeGlobals';
import { parseParameterOverrides } from '../../../src/core/runtime/resolve/parameterOverrides';
import { resolveFunction, resolveTemplate } from '../../../src/core/runtime/resolve/resolveFunctions';
import { parseSamConfig } from '../../../src/core/runtime/resolve/samConfig';
import { corpusDir, corpusManifest } from '../../support/paths';
import { fixtureTemplate, runtimeFixtures } from './runtimeFixtures';
import { readEnvVarsFile } from '../../../src/core/runtime/resolve/envVarsFile';

describe('runtime: resolving functions from a template', () => {
  const resolved = resolveTemplate({ templatePath: fixtureTemplate });
  const definitionOf = (logicalId: string) => {
    const entry = resolved.functions.find((candidate) => candidate.logicalId === logicalId);
    assert.ok(entry?.definition, `${logicalId} resolves: ${entry?.error?.message}`);
    return entry.definition;
  };

  it('merges Globals: the resource wins scalars, lists concatenate (Globals first), maps merge', () => {
    const echo = definitionOf('EchoFunction');
    assert.equal(echo.memorySizeMb, 512, 'the resource MemorySize wins');
    assert.equal(echo.timeoutSeconds, 5, 'Timeout comes from Globals');
    assert.equal(echo.runtime, 'nodejs20.x');
    assert.equal(echo.environment['SHARED'], 'from-function');
    assert.equal(echo.environment['STAGE'], 'dev', 'Globals variables are merged into the map');
    assert.deepEqual(echo.layerDirectories, [join(runtimeFixtures, 'layers', 'greeting-layer')]);
    assert.ok(resolved.warnings.some((warning) => warning.includes('remote-only') && warning.includes('not local')));
  });

  it('honours IgnoreGlobals, whole or per property', () => {
    const isolated = definitionOf('IsolatedFunction');
    assert.equal(isolated.timeoutSeconds, 3, 'Lambda default timeout');
    assert.equal(isolated.memorySizeMb, 128);
    assert.deepEqual(isolated.environment, {});
    assert.deepEqual(isolated.layerDirectories, []);
    const partly = definitionOf('PartlyIsolatedFunction');
    assert.equal(partly.timeoutSeconds, 5);
    assert.deepEqual(partly.environment, {});
    assert.deepEqual(partly.layerDirectories, []);
  });

  it('resolves intrinsics: Ref, GetAtt placeholders, If, Select, Join, Sub, FindInMap; unresolvable ones become empty', () => {
    const environment = definitionOf('EchoFunction').environment;
    assert.equal(environment['LOG_LEVEL'], 'DEBUG');
    assert.equal(environment['TABLE'], 'dev-items', 'a table Ref is its (explicit) name');
    assert.equal(environment['TABLE_ARN'], 'arn:aws:dynamodb:eu-west-1:123456789012:table/dev-items');
    assert.match(
      environment['QUEUE_URL'] ?? '',
      /^https:\/\/sqs\.eu-west-1\.amazonaws\.com\/123456789012\/fixture-stack-Queue-[A-Z0-9]{12}$/,
    );
    assert.equal(environment['MODE'], 'development');
    assert.equal(environment['SUBNET'], 'subnet-b');
    assert.equal(environment['JOINED'], 'a-dev-eu-west-1');
    assert.equal(environment['SUBSTITUTED'], 'arn:aws:s3:::dev-bucket-from samconfig');
    assert.equal(environment['IMPORTED'], '');
    assert.ok(resolved.warnings.some((warning) => warning.includes('IMPORTED') && warning.includes('Fn::ImportValue')));
  });

  it('takes parameters from explicit overrides, then samconfig local_invoke, then defaults; names from samconfig', () => {
    assert.equal(resolved.scope.parameterValues['TableSuffix'], 'from samconfig');
    assert.equal(
      resolved.scope.parameterValues['Stage'],
      'dev',
      'deploy-only overrides do not apply locally, as in SAM',
    );
    assert.deepEqual(resolved.scope.parameterValues['Subnets'], ['subnet-a', 'subnet-b']);
    assert.equal(resolved.scope.identity.stackName, 'fixture-stack');
    const overridden = resolveFunction({
      templatePath: fixtureTemplate,
      logicalId: 'NamedFunction',
      parameterOverrides: { Stage: 'prod', TableSuffix: 'explicit' },
    });
    assert.equal(overridden.functionName, 'prod-named-function');
    assert.equal(overridden.environment['MODE'], undefined);
    const echo = resolveFunction({
      templatePath: fixtureTemplate,
      logicalId: 'EchoFunction',
      parameterOverrides: { Stage: 'prod', TableSuffix: 'explicit' },
    });
    assert.equal(echo.environment['MODE'], 'production');
    assert.equal(echo.environment['LOG_LEVEL'], 'WARN');
    assert.equal(echo.environment['SUBSTITUTED'], 'arn:aws:s3:::prod-bucket-explicit');
    assert.equal(
      resolveTemplate({ templatePath: fixtureTemplate, samConfig: false }).scope.parameterValues['TableSuffix'],
      'default-suffix',
    );
  });

  it('fills the definition: names, ARN, log group, architecture, code folders', () => {
    const named = definitionOf('NamedFunction');
    assert.equal(named.functionName, 'dev-named-function');
    assert.equal(named.logicalId, 'NamedFunction');
    assert.equal(named.functionArn, 'arn:aws:lambda:eu-west-1:123456789012:function:dev-named-function');
    assert.equal(named.logGroupName, '/custom/log-group');
    assert.equal(named.architecture, 'arm64');
    assert.equal(named.codeDirectory, join(runtimeFixtures, 'node', 'cjs'));
    assert.equal(named.version, '$LATEST');
    assert.ok(resolved.warnings.some((warning) => warning.includes('NamedFunction has Condition IsProd')));
    const echo = definitionOf('EchoFunction');
    assert.equal(echo.logGroupName, '/aws/lambda/EchoFunction');
    assert.equal(echo.architecture, 'x86_64');
  });

  it('reads esbuild metadata, Python layers, inline code and plain AWS::Lambda::Function resources', () => {
    assert.deepEqual(definitionOf('TypeScriptFunction').build, {
      method: 'esbuild',
      entryPoints: ['app.ts'],
      target: 'es2022',
      sourcemap: true,
    });
    const python = definitionOf('PythonFunction');
    assert.equal(python.runtime, 'python3.11');
    assert.deepEqual(python.layerDirectories, [join(runtimeFixtures, 'layers', 'python-layer')]);
    const inline = definitionOf('InlineFunction');
    assert.match(inline.codeDirectory, /inline-code/);
    const plain = definitionOf('PlainLambdaFunction');
    assert.equal(plain.handler, 'app.echo');
    assert.deepEqual(plain.environment, {}, 'Globals apply only to SAM functions');
  });

  it('explains functions that cannot run locally instead of throwing', () => {
    const errors = Object.fromEntries(
      resolved.functions.filter((entry) => entry.error).map((entry) => [entry.logicalId, entry.error?.code]),
    );
    assert.deepEqual(errors, {
      ImageFunction: 'UnsupportedPackageType',
      JavaFunction: 'UnsupportedRuntime',
      MissingCodeFunction: 'CodeNotFound',
    });
    assert.throws(
      () => resolveFunction({ templatePath: fixtureTemplate, logicalId: 'Nope' }),
      (error: unknown) =>
        error instanceof WorkbenchError && error.code === 'FunctionNotFound' && /EchoFunction/.test(error.hint ?? ''),
    );
    assert.throws(
      () => resolveTemplate({ templatePath: join(runtimeFixtures, 'missing.yaml') }),
      (error: unknown) => error instanceof WorkbenchError && error.code === 'TemplateUnreadable',
    );
    assert.throws(
      () => resolveTemplate({ templatePath: fixtureTemplate, templateText: 'Resources: [unclosed' }),
      (error: unknown) => error instanceof WorkbenchError && error.code === 'TemplateParseError',
    );
  });

  it('keeps the events of each function for the local API', () => {
    const echo = resolved.functions.find((entry) => entry.logicalId === 'EchoFunction');
    assert.deepEqual(echo?.events['GetItem'], { Type: 'Api', Properties: { Path: '/items/{id}', Method: 'get' } });
  });

  it('applies env.json with SAM precedence: file > shell > template, declared variables only', () => {
    const envVars = readEnvVarsFile(join(runtimeFixtures, 'env.json'));
    const echo = resolveFunction({
      templatePath: fixtureTemplate,
      logicalId: 'EchoFunction',
      envVars,
      shellEnvironment: { FROM_SHELL: 'shell-value', FROM_FILE: 'shell-loses', UNDECLARED_IN_SHELL: 'x' },
    });
    assert.equal(echo.environment['FROM_FILE'], 'file-value');
    assert.equal(echo.environment['FROM_SHELL'], 'shell-value');
    assert.equal(
      echo.environment['SHARED'],
      'from-file-parameters',
      'the Parameters section applies to every function',
    );
    assert.equal(echo.environment['UNDECLARED'], undefined);
    assert.equal(echo.environment['UNDECLARED_IN_SHELL'], undefined);
    assert.equal(echo.environment['STAGE'], 'dev');
  });

  it('resolves every function of the valid corpus templates without throwing', () => {
    let functions = 0;
    for (const entry of corpusManifest().values()) {
      if (entry.validity !== 'valid' || !/\.(ya?ml|json|template)$/.test(entry.file)) continue;
      let result;
      try {
        result = resolveTemplate({ templatePath: join(corpusDir, entry.file), samConfig: false });
      } catch (error) {
        assert.ok(error instanceof WorkbenchError, `${entry.file}: ${String(error)}`);
        continue;
      }
      for (const fn of result.functions) {
        functions++;
        assert.ok(fn.definition ?? fn.error instanceof WorkbenchError, `${entry.file} ${fn.logicalId}`);
      }
    }
    assert.ok(functions > 50, `resolved ${functions} corpus functions`);
  });
});

describe('runtime: Globals merge rules', () => {
  it('merges scalars, lists and nested maps as SAM documents', () => {
    const merged = mergeGlobals(
      { Timeout: 3, Layers: ['g1'], Environment: { Variables: { A: 'g', B: 'g' } }, Tags: { team: 'x' } },
      { Timeout: 9, Layers: ['r1'], Environment: { Variables: { B: 'r', C: 'r' } } },
    );
    assert.deepEqual(merged, {
      Timeout: 9,
      Layers: ['g1', 'r1'],
      Environment: { Variables: { A: 'g', B: 'r', C: 'r' } },
      Tags: { team: 'x' },
    });
  });

  it('lets the resource win when the kinds differ', () => {
    assert.deepEqual(mergeGlobals({ Layers: ['g'] }, { Layers: 'r' }), { Layers: 'r' });
  });
});

describe('runtime: parameter overrides and samconfig', () => {
  it('parses SAM CLI override syntax', () => {
    assert.deepEqual(parseParameterOverrides('Stage=prod Name="two words" Empty= Quote=\'it is\''), {
      Stage: 'prod',
      Name: 'two words',
      Empty: '',
      Quote: 'it is',
    });
    assert.deepEqual(parseParameterOverrides(['ParameterKey=A,ParameterValue=1', 'B=2 C=3']), {
      A: '1',
      B: '2',
      C: '3',
    });
    assert.throws(() => parseParameterOverrides('novalue'), /not a parameter override/);
    assert.throws(() => parseParameterOverrides('A="unclosed'), /Unclosed/);
  });

  it('reads the local_invoke table over the global one, in TOML and YAML', () => {
    const toml = parseSamConfig(
      [
        'version = 0.1',
        '[default.global.parameters]',
        'parameter_overrides = ["A=global", "B=global"]',
        '[default.local_invoke.parameters]',
        'parameter_overrides = "B=local"',
      ].join('\n'),
      'toml',
    );
    assert.deepEqual(toml.parameterOverrides, { B: 'local' });
    const yaml = parseSamConfig(
      'version: 0.1\nstaging:\n  local_invoke:\n    parameters:\n      parameter_overrides: X=1\n',
      'yaml',
      { environment: 'staging' },
    );
    assert.deepEqual(yaml.parameterOverrides, { X: '1' });
    assert.throws(
      () => parseSamConfig('[broken', 'toml'),
      (error: unknown) => error instanceof WorkbenchError && error.code === 'InvalidSamConfig',
    );
  });

  it('validates env.json files', () => {
    assert.throws(() => parseEnvVarsFile('{'), /not valid JSON/);
    assert.throws(() => parseEnvVarsFile('[]'), /must hold a JSON object/);
    assert.throws(() => parseEnvVarsFile('{"Fn": {"A": {"nested": true}}}'), /must be text/);
    const file = parseEnvVarsFile('{"Fn": {"N": 3, "B": true}}');
    assert.deepEqual(resolveEnvironment({ template: { N: '1', B: 'false', C: 'c' }, file, functionKeys: ['Fn'] }), {
      N: '3',
      B: 'true',
      C: 'c',
    });
  });
});

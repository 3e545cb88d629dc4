import { strict as assert } from 'node:assert';
import { completeTemplate } from '../../../src/core/template/language/completeTemplate';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { APP_TEMPLATE, appTemplateWith, completionAt, projectSchema } from './languageFixtures';
import { atMarker, memoryFileSystem } from './memoryFileSystem';

function includesAll(labels: string[], expected: string[]): void {
  for (const label of expected)
    assert.ok(labels.includes(label), `missing ${label} in ${labels.slice(0, 40).join(', ')}`);
}

describe('completeTemplate', () => {
  it('proposes the sections a template does not have yet', async () => {
    const { labels } = await completionAt(`¦\n${APP_TEMPLATE}`);
    includesAll(labels, ['Description', 'Metadata', 'Rules']);
    assert.ok(!labels.includes('Resources') && !labels.includes('Parameters'));
  });

  it('ranks resource types by a fuzzy match and opens Properties with the required ones', async () => {
    const { items, isIncomplete } = await completionAt(
      appTemplateWith('    Type: AWS::SQS::Queue\n', '    Type: sqsq¦\n'),
    );
    assert.equal(items[0]?.label, 'AWS::SQS::Queue');
    assert.equal(isIncomplete, false);
    const lambda = await completionAt(
      appTemplateWith('  OrdersQueue:\n', '  NewFunction:\n    Type: lambdafunc¦\n  OrdersQueue:\n'),
    );
    assert.equal(lambda.items[0]?.label, 'AWS::Lambda::Function');
    assert.match(lambda.items[0].insertText, /^AWS::Lambda::Function\nProperties:/);
    assert.match(lambda.items[0].insertText, /Role/);
    const all = await completionAt(appTemplateWith('  OrdersQueue:\n', '  Other:\n    Type: ¦\n  OrdersQueue:\n'));
    assert.equal(all.isIncomplete, true);
    assert.ok(all.items.length > 0 && all.items.length <= 100);
  });

  it('proposes properties for the type at the cursor, required first, without those already written', async () => {
    const { labels } = await completionAt(
      appTemplateWith('      VisibilityTimeout: 60', '      VisibilityTimeout: 60\n      ¦'),
    );
    includesAll(labels, ['DelaySeconds', 'FifoQueue', 'RedrivePolicy']);
    assert.ok(!labels.includes('VisibilityTimeout'));
    const policy = await completionAt(
      appTemplateWith(
        '  OrdersQueue:\n',
        '  Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      ¦\n  OrdersQueue:\n',
      ),
    );
    const sorted = [...policy.items].sort((left, right) => (left.sortText ?? '').localeCompare(right.sortText ?? ''));
    assert.deepEqual(
      sorted
        .slice(0, 2)
        .map((item) => item.label)
        .sort(),
      ['PolicyDocument', 'Queues'],
    );
    assert.match(sorted[0]!.detail ?? '', /required/i);
    const fn = await completionAt(
      appTemplateWith('      AutoPublishAlias: live', '      AutoPublishAlias: live\n      Arch¦'),
    );
    const architectures = fn.items.find((item) => item.label === 'Architectures');
    assert.equal(architectures?.format, 'snippet');
    assert.match(architectures.insertText, /^Architectures:/);
    assert.equal(fn.text.slice(architectures.range.start, architectures.range.end), 'Arch');
    const event = await completionAt(
      appTemplateWith('            Method: get', '            Method: get\n            ¦'),
    );
    includesAll(event.labels, ['RestApiId', 'Auth']);
    assert.ok(!event.labels.includes('Path'));
  });

  it('proposes allowed values: runtimes, event types, deployment types', async () => {
    const runtime = await completionAt(appTemplateWith('      AutoPublishAlias: live', '      Runtime: py¦'));
    includesAll(runtime.labels, ['python3.12', 'nodejs22.x']);
    const eventType = await completionAt(appTemplateWith('          Type: Api', '          Type: ¦'));
    includesAll(eventType.labels, ['Api', 'SQS', 'Schedule', 'HttpApi']);
    const deployment = await completionAt(
      appTemplateWith(
        '      AutoPublishAlias: live',
        '      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: ¦',
      ),
    );
    includesAll(deployment.labels, ['Canary10Percent5Minutes', 'AllAtOnce', 'Linear10PercentEvery1Minute']);
  });

  it('sees list items of objects and Fn::If branches as the property they stand for', async () => {
    const tags = await completionAt(
      appTemplateWith('      VisibilityTimeout: 60', '      VisibilityTimeout: 60\n      Tags:\n        - Ke¦'),
    );
    includesAll(tags.labels, ['Key', 'Value']);
    const branch = await completionAt(
      appTemplateWith('    Runtime: nodejs22.x', '    Runtime: !If [IsProd, py¦, nodejs22.x]'),
    );
    includesAll(branch.labels, ['python3.12']);
  });

  it('proposes Ref targets: parameters, resources, what SAM generates and pseudo parameters', async () => {
    const { items, labels } = await completionAt(appTemplateWith('QUEUE_URL: !Ref OrdersQueue', 'QUEUE_URL: !Ref ¦'));
    includesAll(labels, [
      'Stage',
      'UsersFunction',
      'OrdersQueue',
      'AWS::Region',
      'AWS::NoValue',
      'UsersFunction.Alias',
      'UsersFunctionRole',
      'ServerlessRestApi',
    ]);
    assert.equal(items.find((item) => item.label === 'Stage')?.detail, 'Parameter (String)');
    const inConditions = await completionAt(
      appTemplateWith('IsProd: !Equals [!Ref Stage, prod]', 'IsProd: !Equals [!Ref ¦, prod]'),
    );
    assert.ok(inConditions.labels.includes('Stage') && !inConditions.labels.includes('OrdersQueue'));
  });

  it('proposes GetAtt resources and their attributes, SAM-generated ones included', async () => {
    const scalar = await completionAt(appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt ¦'));
    includesAll(scalar.labels, [
      'OrdersQueue.Arn',
      'OrdersQueue.QueueUrl',
      'UsersFunction.Arn',
      'UsersFunctionRole.Arn',
    ]);
    const afterDot = await completionAt(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt OrdersQueue.¦'),
    );
    assert.deepEqual(afterDot.labels.sort(), ['OrdersQueue.Arn', 'OrdersQueue.QueueName', 'OrdersQueue.QueueUrl']);
    const list = await completionAt(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt [OrdersQueue, ¦]'),
    );
    assert.deepEqual(list.labels.sort(), ['Arn', 'QueueName', 'QueueUrl']);
    const listResource = await completionAt(appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt [¦]'));
    includesAll(listResource.labels, ['OrdersQueue', 'UsersFunction', 'UsersFunctionRole']);
  });

  it('proposes ${} variables inside Sub strings, closing the brace when needed', async () => {
    const { items, labels } = await completionAt(appTemplateWith('${AWS::Region}.amazonaws', '${AWS::Re¦.amazonaws'));
    includesAll(labels, ['AWS::Region', 'Stage', 'OrdersQueue', 'OrdersQueue.Arn']);
    assert.equal(items.find((item) => item.label === 'AWS::Region')?.insertText, 'AWS::Region}');
    const closed = await completionAt(appTemplateWith('${AWS::Region}', '${AWS::Re¦}'));
    assert.equal(closed.items.find((item) => item.label === 'AWS::Region')?.insertText, 'AWS::Region');
    const locals = await completionAt(
      appTemplateWith("Value: !Sub 'https", "Value: !Sub ['${Lo¦}', { Local: x }]\n    Other: !Sub 'https"),
    );
    assert.ok(locals.labels.includes('Local'));
  });

  it('proposes condition names and FindInMap keys', async () => {
    const conditions = await completionAt(appTemplateWith('    Condition: IsProd', '    Condition: ¦'));
    assert.deepEqual(conditions.labels.sort(), ['IsDev', 'IsProd']);
    const ifCondition = await completionAt(
      appTemplateWith('VisibilityTimeout: 60', 'VisibilityTimeout: !If [¦, 60, 30]'),
    );
    assert.deepEqual(ifCondition.labels.sort(), ['IsDev', 'IsProd']);
    const map = await completionAt(appTemplateWith('!FindInMap [StageSettings, !Ref Stage, Memory]', '!FindInMap [¦]'));
    assert.deepEqual(map.labels, ['StageSettings']);
    const top = await completionAt(
      appTemplateWith('!FindInMap [StageSettings, !Ref Stage, Memory]', '!FindInMap [StageSettings, ¦]'),
    );
    assert.deepEqual(top.labels.sort(), ['dev', 'prod']);
    const second = await completionAt(
      appTemplateWith('!FindInMap [StageSettings, !Ref Stage, Memory]', '!FindInMap [StageSettings, !Ref Stage, ¦]'),
    );
    assert.deepEqual(second.labels, ['Memory']);
  });

  it('proposes Handler values from the exported functions under CodeUri', async () => {
    const files = memoryFileSystem({
      'src/users/app.mjs': 'export const handler = async () => ({});\nexport async function other() {}\n',
      'src/users/lib/util.js': 'exports.helper = () => 1;\n',
      'src/users/types.d.ts': 'export declare const x: number;\n',
      'src/users/node_modules/dep/index.js': 'exports.ignored = 1;\n',
      'src/users/notes.txt': 'handler',
    });
    const { labels } = await completionAt(appTemplateWith('Handler: app.handler', 'Handler: ¦'), files);
    assert.deepEqual(labels.sort(), ['app.handler', 'app.other', 'lib/util.helper']);
    const python = memoryFileSystem({
      'src/users/app.py': 'import json\n\ndef handler(event, context):\n    return {}\n\ndef _private():\n    pass\n',
      'src/users/pkg/jobs.py': 'async def run(event, context):\n    pass\n',
    });
    const pythonTemplate = appTemplateWith('Handler: app.handler', 'Runtime: python3.12\n      Handler: ¦');
    assert.deepEqual((await completionAt(pythonTemplate, python)).labels.sort(), ['app.handler', 'pkg.jobs.run']);
    assert.deepEqual((await completionAt(appTemplateWith('Handler: app.handler', 'Handler: ¦'))).labels, []);
  });

  it('offers intrinsic functions in value positions, short form in YAML and long form in JSON', async () => {
    const yaml = await completionAt(appTemplateWith('VisibilityTimeout: 60', 'VisibilityTimeout: ¦'));
    includesAll(yaml.labels, ['!Ref', '!If', '!FindInMap', '!Sub']);
    const json = await completionAt(
      '{\n  "Resources": {\n    "Q": {\n      "Type": "AWS::SQS::Queue",\n      "Properties": {\n        "DelaySeconds": ¦\n      }\n    }\n  }\n}',
    );
    includesAll(json.labels, ['Ref', 'Fn::If']);
    assert.ok(!yaml.labels.includes('!Contains'), 'rule functions only where CloudFormation accepts them');
    const rules = await completionAt(
      'Parameters:\n  E: {Type: String}\nRules:\n  R:\n    Assertions:\n      - Assert: ¦\n',
    );
    includesAll(rules.labels, [
      '!Contains',
      '!EachMemberEquals',
      '!EachMemberIn',
      '!RefAll',
      '!ValueOf',
      '!ValueOfAll',
    ]);
  });

  it('answers from the last parse while the current text is mid-edit', async () => {
    const document = TemplateDocument.parse(APP_TEMPLATE, projectSchema());
    const { text, offset } = atMarker(
      appTemplateWith('      VisibilityTimeout: 60', '      VisibilityTimeout: 60\n      Redrive¦'),
    );
    const result = await completeTemplate({ document, text, offset });
    const labels = result.items.map((item) => item.label);
    includesAll(labels, ['RedrivePolicy', 'RedriveAllowPolicy']);
    assert.equal(text.slice(result.items[0]!.range.start, result.items[0]!.range.end), 'Redrive');
  });

  it('completes keys and values in JSON templates', async () => {
    const head =
      '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Serverless::Function",\n      "Properties": {\n        ';
    const key = await completionAt(`${head}"Runt¦"\n      }\n    }\n  }\n}`);
    const runtime = key.items.find((item) => item.label === 'Runtime');
    assert.ok(runtime);
    assert.equal(key.text.slice(runtime.range.start, runtime.range.end), '"Runt"');
    assert.match(runtime.insertText, /^"Runtime": /);
    const value = await completionAt(`${head}"Runtime": "py¦"\n      }\n    }\n  }\n}`);
    assert.equal(value.items.find((item) => item.label === 'python3.12')?.insertText, 'python3.12');
  });

  it('never rejects, even for garbage and out-of-range offsets', async () => {
    const schema = projectSchema();
    for (const text of [
      '',
      '\0\0\0',
      '{[[[',
      'Resources:\n  A: !Ref\n',
      '- a\n- b',
      `Resources: ${'['.repeat(5000)}`,
    ]) {
      const document = TemplateDocument.parse(text, schema);
      for (const offset of [0, Math.floor(text.length / 2), text.length, text.length + 10]) {
        const result = await completeTemplate({ document, offset });
        assert.ok(Array.isArray(result.items));
      }
    }
  });
});

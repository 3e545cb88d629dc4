// Lambda's lists page as AWS's do (Marker/MaxItems, NextMarker only while more remain; boto3's paginators and the
// aws CLI's --max-items/--page-size read them), and function references take every form Lambda accepts: names,
// `name:qualifier`, partial ARNs, full ARNs with qualifiers, and no ARN of another region.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { clientEnvironment, runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const ACCOUNT = '123456789012';

/** Python: three functions, three versions and two aliases of `p0`, two layer versions, mappings, URLs... */
const SETUP = [
  'buffer = io.BytesIO()',
  'with zipfile.ZipFile(buffer, "w") as archive:',
  '    archive.writestr("index.js", "exports.handler = async (e) => e;")',
  'ZIP = buffer.getvalue()',
  'for name in ["p0", "p1", "p2"]:',
  '    client.create_function(FunctionName=name, Runtime="nodejs20.x", Role="arn:aws:iam::123456789012:role/r",',
  '        Handler="index.handler", Code={"ZipFile": ZIP})',
  'for timeout in [4, 5, 6]:',
  '    client.update_function_configuration(FunctionName="p0", Timeout=timeout)',
  '    client.publish_version(FunctionName="p0")',
  'for alias in ["a1", "a2"]:',
  '    client.create_alias(FunctionName="p0", Name=alias, FunctionVersion="1")',
  '    client.create_function_url_config(FunctionName="p0", Qualifier=alias, AuthType="NONE")',
  '    client.put_provisioned_concurrency_config(FunctionName="p0", Qualifier=alias,',
  '        ProvisionedConcurrentExecutions=1)',
  '    client.put_function_event_invoke_config(FunctionName="p0", Qualifier=alias, MaximumRetryAttempts=0)',
  'for layer in ["l1", "l2"]:',
  '    for _ in range(2):',
  '        client.publish_layer_version(LayerName=layer, Content={"ZipFile": ZIP})',
  'for queue in ["q1", "q2", "q3"]:',
  '    client.create_event_source_mapping(FunctionName="p1",',
  '        EventSourceArn="arn:aws:sqs:us-east-1:123456789012:" + queue)',
  'signing = client.create_code_signing_config(',
  '    AllowedPublishers={"SigningProfileVersionArns": ["arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/1"]})',
  'for name in ["p1", "p2"]:',
  '    client.put_function_code_signing_config(FunctionName=name,',
  '        CodeSigningConfigArn=signing["CodeSigningConfig"]["CodeSigningConfigArn"])',
  'def collect(operation, key, field, **arguments):',
  '    pages = client.get_paginator(operation).paginate(PaginationConfig={"PageSize": 1}, **arguments)',
  '    items = []',
  '    count = 0',
  '    for page in pages:',
  '        count += 1',
  '        items += [item[field] if field else item for item in page[key]]',
  '    return [count, items]',
];

describe('fidelity: Lambda lists and function references', () => {
  const suite = useFidelityCloud();

  it('boto3: every List operation pages one item at a time through its paginator', async () => {
    const scenario = (await runBoto3Lambda(suite.cloud, [
      ...SETUP,
      'print(json.dumps({',
      '    "functions": collect("list_functions", "Functions", "FunctionName"),',
      '    "allVersions": collect("list_functions", "Functions", "Version", FunctionVersion="ALL")[1],',
      '    "versions": collect("list_versions_by_function", "Versions", "Version", FunctionName="p0"),',
      '    "aliases": collect("list_aliases", "Aliases", "Name", FunctionName="p0"),',
      '    "layers": collect("list_layers", "Layers", "LayerName"),',
      '    "layerVersions": collect("list_layer_versions", "LayerVersions", "Version", LayerName="l1"),',
      '    "mappings": collect("list_event_source_mappings", "EventSourceMappings", "EventSourceArn",',
      '        FunctionName="p1")[0],',
      '    "urls": collect("list_function_url_configs", "FunctionUrlConfigs", "FunctionArn", FunctionName="p0"),',
      '    "provisioned": collect("list_provisioned_concurrency_configs", "ProvisionedConcurrencyConfigs",',
      '        "FunctionArn", FunctionName="p0")[0],',
      '    "eventInvokeConfigs": collect("list_function_event_invoke_configs", "FunctionEventInvokeConfigs",',
      '        "FunctionArn", FunctionName="p0")[0],',
      '    "signingConfigs": collect("list_code_signing_configs", "CodeSigningConfigs", None)[0],',
      '    "signedFunctions": collect("list_functions_by_code_signing_config", "FunctionArns", None,',
      '        CodeSigningConfigArn=signing["CodeSigningConfig"]["CodeSigningConfigArn"]),',
      '}))',
    ])) as Record<string, unknown>;
    const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function`;
    assert.deepEqual(scenario, {
      functions: [3, ['p0', 'p1', 'p2']],
      allVersions: ['$LATEST', '1', '2', '3', '$LATEST', '$LATEST'],
      versions: [4, ['$LATEST', '1', '2', '3']],
      aliases: [2, ['a1', 'a2']],
      layers: [2, ['l1', 'l2']],
      layerVersions: [2, [2, 1]],
      mappings: 3,
      urls: [2, [`${arn}:p0:a1`, `${arn}:p0:a2`]],
      provisioned: 2,
      eventInvokeConfigs: 2,
      signingConfigs: 1,
      signedFunctions: [2, [`${arn}:p1`, `${arn}:p2`]],
    });
  });

  it('aws CLI: --max-items pages with a NextToken, and the next call starts there', async () => {
    const cli = (...args: string[]) =>
      run('aws', ['lambda', ...args, '--endpoint-url', suite.cloud.endpoint, '--output', 'json'], {
        env: clientEnvironment(),
      }).then(({ stdout }) => JSON.parse(stdout) as { Functions: { FunctionName: string }[]; NextToken?: string });
    const first = await cli('list-functions', '--max-items', '2');
    assert.deepEqual(
      first.Functions.map((entry) => entry.FunctionName),
      ['p0', 'p1'],
    );
    assert.ok(first.NextToken);
    const rest = await cli('list-functions', '--starting-token', first.NextToken);
    assert.deepEqual(
      rest.Functions.map((entry) => entry.FunctionName),
      ['p2'],
    );
    assert.equal(rest.NextToken, undefined);
  });

  it('boto3: names, name:qualifier, partial and full ARNs; an ARN of another region is not reachable', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'def version_of(name, **arguments):',
      '    try:',
      '        return client.get_function_configuration(FunctionName=name, **arguments)["Version"]',
      '    except client.exceptions.ClientError as error:',
      '        return [error.response["Error"]["Code"], error.response["Error"]["Message"]]',
      'arn = "arn:aws:lambda:us-east-1:123456789012:function:p0"',
      'print(json.dumps([version_of("p0"), version_of("p0:2"), version_of("p0", Qualifier="a1"),',
      '    version_of("123456789012:function:p0:3"), version_of(arn + ":a2"), version_of(arn, Qualifier="$LATEST"),',
      '    version_of("p0:1", Qualifier="2"),',
      '    version_of("arn:aws:lambda:eu-west-1:123456789012:function:p0")]))',
    ]);
    assert.deepEqual(scenario, [
      '$LATEST',
      '2',
      '1',
      '3',
      '1',
      '$LATEST',
      [
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
      ],
      ['ResourceNotFoundException', "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')"],
    ]);
  });
});

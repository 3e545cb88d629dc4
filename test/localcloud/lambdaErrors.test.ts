// Lambda's error answers through boto3 (code, HTTP status, message as AWS words them) across its operations: a
// broad scenario whose cloud also checks, on stop, that every error it answered is one the model declares.
import { strict as assert } from 'node:assert';
import { runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function`;
const REVISION =
  'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';

/** Python: each `fail(label, call, **arguments)` records [code, status, message], or "succeeded". */
const SCENARIO = [
  'buffer = io.BytesIO()',
  'with zipfile.ZipFile(buffer, "w") as archive:',
  '    archive.writestr("index.js", "exports.handler = async (e) => e;")',
  'ZIP = buffer.getvalue()',
  'ROLE = "arn:aws:iam::123456789012:role/r"',
  'answers = {}',
  'def fail(label, call, **arguments):',
  '    try:',
  '        call(**arguments)',
  '        answers[label] = "succeeded"',
  '    except client.exceptions.ClientError as error:',
  '        answers[label] = [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"],',
  '            error.response["Error"]["Message"]]',
  'def create(name):',
  '    client.create_function(FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",',
  '        Code={"ZipFile": ZIP})',
  'create("f")',
  'client.publish_version(FunctionName="f")',
  'client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")',
  'client.add_permission(FunctionName="f", StatementId="s", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")',
  'client.create_function_url_config(FunctionName="f", AuthType="NONE")',
  'fail("duplicateFunction", create, name="f")',
  'fail("missingFunction", client.get_function, FunctionName="nope")',
  'fail("missingVersion", client.get_function, FunctionName="f", Qualifier="9")',
  'fail("missingAliasQualifier", client.get_function_configuration, FunctionName="f", Qualifier="nope")',
  'fail("missingAlias", client.get_alias, FunctionName="f", Name="nope")',
  'fail("duplicateAlias", client.create_alias, FunctionName="f", Name="live", FunctionVersion="1")',
  'fail("aliasToMissingVersion", client.create_alias, FunctionName="f", Name="x", FunctionVersion="7")',
  'fail("deleteMissingFunction", client.delete_function, FunctionName="nope")',
  'fail("deleteLatest", client.delete_function, FunctionName="f", Qualifier="$LATEST")',
  'fail("invokeMissing", client.invoke, FunctionName="nope")',
  'fail("invokeBadJson", client.invoke, FunctionName="f", Payload=b"{nope")',
  'fail("duplicateStatement", client.add_permission, FunctionName="f", StatementId="s",',
  '    Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")',
  'fail("missingStatement", client.remove_permission, FunctionName="f", StatementId="zzz")',
  'fail("missingPolicy", client.get_policy, FunctionName="f", Qualifier="1")',
  'fail("duplicateUrl", client.create_function_url_config, FunctionName="f", AuthType="NONE")',
  'fail("missingUrl", client.get_function_url_config, FunctionName="f", Qualifier="live")',
  'fail("missingEventInvokeConfig", client.get_function_event_invoke_config, FunctionName="f")',
  'fail("missingMapping", client.get_event_source_mapping, UUID="00000000-0000-0000-0000-000000000000")',
  'fail("missingLayer", client.get_layer_version, LayerName="nope", VersionNumber=1)',
  'fail("tagsOfMissing", client.list_tags, Resource="arn:aws:lambda:us-east-1:123456789012:function:nope")',
  'fail("missingProvisioned", client.get_provisioned_concurrency_config, FunctionName="f", Qualifier="1")',
  'fail("deleteMissingProvisioned", client.delete_provisioned_concurrency_config, FunctionName="f", Qualifier="1")',
  'fail("provisionedLatest", client.put_provisioned_concurrency_config, FunctionName="f", Qualifier="$LATEST",',
  '    ProvisionedConcurrentExecutions=1)',
  'fail("reservedTooMuch", client.put_function_concurrency, FunctionName="f", ReservedConcurrentExecutions=950)',
  'fail("staleCodeRevision", client.update_function_code, FunctionName="f", ZipFile=ZIP, RevisionId="stale")',
  'fail("staleConfigRevision", client.update_function_configuration, FunctionName="f", Timeout=5, RevisionId="x")',
  'fail("qualifierMismatch", client.get_function, FunctionName="f:1", Qualifier="2")',
  'fail("noCode", client.create_function, FunctionName="g", Runtime="nodejs20.x", Role=ROLE,',
  '    Handler="index.handler", Code={})',
  'fail("badZip", client.create_function, FunctionName="g", Runtime="nodejs20.x", Role=ROLE,',
  '    Handler="index.handler", Code={"ZipFile": b"notazip"})',
  'print(json.dumps(answers))',
];

describe('fidelity: Lambda errors', () => {
  const suite = useFidelityCloud();

  it('boto3: codes, statuses and messages as Lambda answers them', async () => {
    const answers = (await runBoto3Lambda(suite.cloud, SCENARIO)) as Record<string, [string, number, string]>;
    const notFound = (arn: string): [string, number, string] => [
      'ResourceNotFoundException',
      404,
      `Function not found: ${arn}`,
    ];
    // The parser's own words follow AWS's prefix (they differ between Node versions, as AWS's are Jackson's).
    const [badJsonCode, badJsonStatus, badJsonMessage] = answers['invokeBadJson']!;
    assert.deepEqual([badJsonCode, badJsonStatus], ['InvalidRequestContentException', 400]);
    assert.match(badJsonMessage, /^Could not parse request body into json: /);
    delete answers['invokeBadJson'];
    assert.deepEqual(answers, {
      duplicateFunction: ['ResourceConflictException', 409, 'Function already exist: f'],
      missingFunction: notFound(`${ARN}:nope`),
      missingVersion: notFound(`${ARN}:f:9`),
      missingAliasQualifier: notFound(`${ARN}:f:nope`),
      missingAlias: ['ResourceNotFoundException', 404, `Cannot find alias arn: ${ARN}:f:nope`],
      duplicateAlias: ['ResourceConflictException', 409, `Alias already exists: ${ARN}:f:live`],
      aliasToMissingVersion: notFound(`${ARN}:f:7`),
      deleteMissingFunction: notFound(`${ARN}:nope`),
      deleteLatest: [
        'InvalidParameterValueException',
        400,
        'Deletion of $LATEST is not allowed; delete the function or an explicit version.',
      ],
      invokeMissing: notFound(`${ARN}:nope`),
      duplicateStatement: [
        'ResourceConflictException',
        409,
        'The statement id (s) provided already exists. Please provide a new statement id, or remove the existing statement.',
      ],
      missingStatement: ['ResourceNotFoundException', 404, 'Statement zzz is not found in resource policy.'],
      missingPolicy: ['ResourceNotFoundException', 404, 'The resource you requested does not exist.'],
      duplicateUrl: [
        'ResourceConflictException',
        409,
        `Failed to create function url config for [functionArn = ${ARN}:f]. Error message:  FunctionUrlConfig exists for this Lambda function`,
      ],
      missingUrl: ['ResourceNotFoundException', 404, 'The resource you requested does not exist.'],
      missingEventInvokeConfig: [
        'ResourceNotFoundException',
        404,
        `The function ${ARN}:f:$LATEST doesn't have an EventInvokeConfig`,
      ],
      missingMapping: ['ResourceNotFoundException', 404, 'The resource you requested does not exist.'],
      missingLayer: [
        'ResourceNotFoundException',
        404,
        `Layer version arn:aws:lambda:us-east-1:${ACCOUNT}:layer:nope:1 does not exist.`,
      ],
      tagsOfMissing: notFound(`${ARN}:nope`),
      missingProvisioned: [
        'ProvisionedConcurrencyConfigNotFoundException',
        404,
        'No Provisioned Concurrency Config found for this function',
      ],
      deleteMissingProvisioned: [
        'ResourceNotFoundException',
        404,
        'No Provisioned Concurrency Config found for this function',
      ],
      provisionedLatest: [
        'InvalidParameterValueException',
        400,
        'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
      ],
      reservedTooMuch: [
        'InvalidParameterValueException',
        400,
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
      ],
      staleCodeRevision: ['PreconditionFailedException', 412, REVISION],
      staleConfigRevision: ['PreconditionFailedException', 412, REVISION],
      qualifierMismatch: [
        'InvalidParameterValueException',
        400,
        'The derived qualifier from the function name does not match the specified qualifier.',
      ],
      noCode: ['InvalidParameterValueException', 400, 'Please provide a source for function code.'],
      badZip: [
        'InvalidParameterValueException',
        400,
        'Could not unzip uploaded file. Please check your file, then try to upload again.',
      ],
    });
  });
});

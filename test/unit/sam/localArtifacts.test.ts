import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_IMAGE_PLACEHOLDER, withLocalArtifactPlaceholders } from '../../../src/core/sam/localArtifacts';
import { transformSamTemplate } from '../../../src/core/sam/transformSamTemplate';
import { templateTextToJson, type JsonObject } from '../../../src/core/template/templateJson';
import { repoRoot } from '../../support/paths';

function resource(template: unknown, id: string): JsonObject {
  return ((template as JsonObject).Resources as Record<string, JsonObject>)[id]!;
}

describe('local artifact placeholders (what sam validate does before translating)', () => {
  it('turns local CodeUri, ContentUri and DefinitionUri paths into S3 placeholders and leaves S3 ones', () => {
    const input: JsonObject = {
      Parameters: { CodeFolder: { Type: 'String', Default: 'build/app' } },
      Resources: {
        Local: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src/users/' } },
        Packaged: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 's3://bucket/key.zip' } },
        Located: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: { Bucket: 'b', Key: 'k' } } },
        FromParameter: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: { Ref: 'CodeFolder' } } },
        Folder: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler' } },
        Inline: { Type: 'AWS::Serverless::Function', Properties: { InlineCode: 'exports.handler = 1' } },
        Layer: { Type: 'AWS::Serverless::LayerVersion', Properties: { ContentUri: 'layer/' } },
        Api: { Type: 'AWS::Serverless::Api', Properties: { DefinitionUri: 'openapi.yaml' } },
        Machine: { Type: 'AWS::Serverless::StateMachine', Properties: { DefinitionUri: 's3://b/sm.json' } },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { CodeUri: 'not/packaged' } },
      },
    };
    const before = JSON.stringify(input);
    const { template, replaced } = withLocalArtifactPlaceholders(input);
    assert.equal(JSON.stringify(input), before, 'the input is not changed');
    const property = (id: string, name: string) => (resource(template, id).Properties as JsonObject)[name];
    assert.equal(property('Local', 'CodeUri'), 's3://local-artifact/src/users/');
    assert.equal(property('Packaged', 'CodeUri'), 's3://bucket/key.zip');
    assert.deepEqual(property('Located', 'CodeUri'), { Bucket: 'b', Key: 'k' });
    assert.equal(property('FromParameter', 'CodeUri'), 's3://local-artifact/build/app');
    assert.equal(property('Folder', 'CodeUri'), 's3://local-artifact/.', 'no CodeUri means the template folder');
    assert.equal(property('Inline', 'CodeUri'), undefined, 'InlineCode functions get no CodeUri');
    assert.equal(property('Layer', 'ContentUri'), 's3://local-artifact/layer/');
    assert.equal(property('Api', 'DefinitionUri'), 's3://local-artifact/openapi.yaml');
    assert.equal(property('Machine', 'DefinitionUri'), 's3://b/sm.json');
    assert.equal(property('Queue', 'CodeUri'), 'not/packaged');
    assert.equal(replaced, 5);
  });

  it('gives image functions built from a Dockerfile a placeholder image, and Globals a CodeUri placeholder', () => {
    const input: JsonObject = {
      Globals: { Function: { CodeUri: 'src/', Runtime: 'nodejs22.x' } },
      Resources: {
        Zip: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler' } },
      },
    };
    const zip = withLocalArtifactPlaceholders(input).template as JsonObject;
    assert.deepEqual((zip.Globals as JsonObject).Function, {
      CodeUri: 's3://local-artifact/src/',
      Runtime: 'nodejs22.x',
    });
    assert.equal((resource(zip, 'Zip').Properties as JsonObject).CodeUri, undefined, 'Globals supply it');

    const image = withLocalArtifactPlaceholders({
      Resources: {
        Built: {
          Type: 'AWS::Serverless::Function',
          Properties: { PackageType: 'Image' },
          Metadata: { Dockerfile: 'Dockerfile', DockerContext: './app' },
        },
        Missing: { Type: 'AWS::Serverless::Function', Properties: { PackageType: 'Image' } },
      },
    }).template;
    assert.equal((resource(image, 'Built').Properties as JsonObject).ImageUri, LOCAL_IMAGE_PLACEHOLDER);
    assert.equal((resource(image, 'Missing').Properties as JsonObject).ImageUri, undefined, 'a real fault stays');
  });

  it('lets the sample app, written with local paths, transform', () => {
    const text = readFileSync(join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), 'utf8');
    const { json } = templateTextToJson(text);
    assert.throws(() => transformSamTemplate(json!), /'CodeUri' is not a valid S3 Uri/);
    const output = transformSamTemplate(withLocalArtifactPlaceholders(json!).template);
    assert.deepEqual(
      resource(output, 'UsersFunction').Properties && (resource(output, 'UsersFunction').Properties as JsonObject).Code,
      {
        S3Bucket: 'local-artifact',
        S3Key: 'src/users/',
      },
    );
  });
});

// Every template property `aws cloudformation package` (awscli's artifact_exporter.py) and `sam package`
// (samcli/lib/package/packageable_resources.py) upload and rewrite, in one table.

/** How an uploaded artifact is written back into the property. */
export type ArtifactReference =
  /** `s3://bucket/key` (SAM properties such as CodeUri, most AppSync and Glue locations). */
  | { kind: 's3Url' }
  /** An object with the bucket, key and (when S3 gave one) version under these names. */
  | { kind: 'object'; bucket: string; key: string; version?: string }
  /** A nested template: packaged itself, uploaded, and referenced by its path-style https URL. */
  | { kind: 'templateUrl' };

/** One packageable property of a resource type. */
export interface PackageableProperty {
  resourceType: string;
  /** Dotted path below Properties (`Command.ScriptLocation`); `*` stands for every key of a map. */
  property: string;
  reference: ArtifactReference;
  /** A folder is always zipped; so is a single file that is not already a zip (Lambda code). */
  forceZip: boolean;
  /** When the property is absent, package the template's folder (true for code) or leave it (false). */
  packageWhenAbsent: boolean;
}

const S3_URL: ArtifactReference = { kind: 's3Url' };
const BUCKET_KEY_VERSION: ArtifactReference = { kind: 'object', bucket: 'Bucket', key: 'Key', version: 'Version' };
const LAMBDA_CODE: ArtifactReference = {
  kind: 'object',
  bucket: 'S3Bucket',
  key: 'S3Key',
  version: 'S3ObjectVersion',
};

function entry(
  resourceType: string,
  property: string,
  reference: ArtifactReference,
  options: { forceZip?: boolean; packageWhenAbsent?: boolean } = {},
): PackageableProperty {
  return {
    resourceType,
    property,
    reference,
    forceZip: options.forceZip ?? false,
    packageWhenAbsent: options.packageWhenAbsent ?? false,
  };
}

const CODE = { forceZip: true, packageWhenAbsent: true };

/** The resource properties that point at local files. */
export const PACKAGEABLE_PROPERTIES: readonly PackageableProperty[] = [
  entry('AWS::Serverless::Function', 'CodeUri', S3_URL, CODE),
  entry('AWS::Serverless::LayerVersion', 'ContentUri', S3_URL, CODE),
  entry('AWS::Serverless::Api', 'DefinitionUri', S3_URL),
  entry('AWS::Serverless::HttpApi', 'DefinitionUri', S3_URL),
  entry('AWS::Serverless::StateMachine', 'DefinitionUri', BUCKET_KEY_VERSION),
  entry('AWS::Serverless::GraphQLApi', 'SchemaUri', S3_URL),
  // `*` matches every key of a map: each function's and each type's resolvers' code.
  entry('AWS::Serverless::GraphQLApi', 'Functions.*.CodeUri', S3_URL),
  entry('AWS::Serverless::GraphQLApi', 'Resolvers.*.*.CodeUri', S3_URL),
  entry('AWS::Serverless::Application', 'Location', { kind: 'templateUrl' }),
  entry('AWS::Lambda::Function', 'Code', LAMBDA_CODE, CODE),
  entry('AWS::Lambda::LayerVersion', 'Content', LAMBDA_CODE, CODE),
  entry('AWS::ApiGateway::RestApi', 'BodyS3Location', BUCKET_KEY_VERSION),
  entry('AWS::ApiGatewayV2::Api', 'BodyS3Location', BUCKET_KEY_VERSION),
  entry('AWS::StepFunctions::StateMachine', 'DefinitionS3Location', BUCKET_KEY_VERSION),
  entry('AWS::AppSync::GraphQLSchema', 'DefinitionS3Location', S3_URL),
  entry('AWS::AppSync::Resolver', 'RequestMappingTemplateS3Location', S3_URL),
  entry('AWS::AppSync::Resolver', 'ResponseMappingTemplateS3Location', S3_URL),
  entry('AWS::AppSync::Resolver', 'CodeS3Location', S3_URL),
  entry('AWS::AppSync::FunctionConfiguration', 'RequestMappingTemplateS3Location', S3_URL),
  entry('AWS::AppSync::FunctionConfiguration', 'ResponseMappingTemplateS3Location', S3_URL),
  entry('AWS::AppSync::FunctionConfiguration', 'CodeS3Location', S3_URL),
  entry('AWS::ElasticBeanstalk::ApplicationVersion', 'SourceBundle', {
    kind: 'object',
    bucket: 'S3Bucket',
    key: 'S3Key',
  }),
  entry('AWS::CloudFormation::Stack', 'TemplateURL', { kind: 'templateUrl' }),
  entry('AWS::CloudFormation::ModuleVersion', 'ModulePackage', S3_URL),
  entry('AWS::CloudFormation::ResourceVersion', 'SchemaHandlerPackage', S3_URL),
  entry('AWS::Glue::Job', 'Command.ScriptLocation', S3_URL),
  entry(
    'AWS::CodeCommit::Repository',
    'Code.S3',
    { kind: 'object', bucket: 'Bucket', key: 'Key', version: 'ObjectVersion' },
    { forceZip: true },
  ),
];

/** Properties of the template's Metadata section (the Serverless Application Repository's files). */
export const PACKAGEABLE_METADATA: readonly PackageableProperty[] = [
  entry('AWS::ServerlessRepo::Application', 'LicenseUrl', S3_URL),
  entry('AWS::ServerlessRepo::Application', 'ReadmeUrl', S3_URL),
];

/** The packageable properties of one resource type. */
export function packageablePropertiesOf(resourceType: string): PackageableProperty[] {
  return PACKAGEABLE_PROPERTIES.filter((candidate) => candidate.resourceType === resourceType);
}

// The AWS SDK v3 clients, bundled as their own file (dist/awsClients.js) and loaded on first use, never at
// activation: loading them costs tens of milliseconds (see bench/activation.ts). Import this module only
// through a dynamic `import('./awsClients')`; the build keeps that import external.
export { LambdaClient } from '@aws-sdk/client-lambda';
export * as lambda from '@aws-sdk/client-lambda';
export { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
export * as logs from '@aws-sdk/client-cloudwatch-logs';
export { CloudFormationClient } from '@aws-sdk/client-cloudformation';
export * as cloudformation from '@aws-sdk/client-cloudformation';
export { CodeDeployClient } from '@aws-sdk/client-codedeploy';
export * as codedeploy from '@aws-sdk/client-codedeploy';
export { S3Client } from '@aws-sdk/client-s3';
export * as s3 from '@aws-sdk/client-s3';
export { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
export * as ssoOidc from '@aws-sdk/client-sso-oidc';
// Profile credentials (static keys, SSO, credential_process, role_arn + source_profile, web identity).
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';

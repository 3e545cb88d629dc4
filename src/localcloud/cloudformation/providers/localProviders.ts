// The resource types that run in the local cloud, one provider each. Every other type is simulated.
import { iamManagedPolicyProvider, iamPolicyProvider, iamRoleProvider } from './iam/iamProviders';
import { lambdaAliasProvider } from './lambda/lambdaAliasProvider';
import { lambdaPermissionProvider, lambdaUrlProvider } from './lambda/lambdaAttachmentProviders';
import { lambdaEventSourceMappingProvider } from './lambda/lambdaEventSourceMappingProvider';
import { lambdaFunctionProvider } from './lambda/lambdaFunctionProvider';
import { lambdaLayerVersionProvider } from './lambda/lambdaLayerVersionProvider';
import { lambdaVersionProvider } from './lambda/lambdaVersionProvider';
import { logGroupProvider } from './logs/logGroupProvider';
import type { ResourceProvider } from './resourceProvider';
import { s3BucketProvider } from './s3/s3BucketProvider';
import { ssmParameterProvider } from './ssm/ssmParameterProvider';

export const LOCAL_PROVIDERS: readonly ResourceProvider[] = [
  lambdaFunctionProvider,
  lambdaVersionProvider,
  lambdaAliasProvider,
  lambdaPermissionProvider,
  lambdaEventSourceMappingProvider,
  lambdaUrlProvider,
  lambdaLayerVersionProvider,
  s3BucketProvider,
  logGroupProvider,
  iamRoleProvider,
  iamPolicyProvider,
  iamManagedPolicyProvider,
  ssmParameterProvider,
];

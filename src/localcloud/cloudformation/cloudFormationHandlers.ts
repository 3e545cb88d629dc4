// The local CloudFormation's API: one handler per operation, `(input, context) => output` with the botocore
// model's input and output shapes, throwing AwsError with the wire codes. The protocol engine serves them over
// awsQuery; tests and other services call them in process.
import type { CloudFormationEngine } from './cloudFormationEngine';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSet,
  executeChangeSet,
  listChangeSets,
} from './operations/changeSetOperations';
import {
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  describeStacks,
  listExports,
  listImports,
  listStackResources,
  listStacks,
} from './operations/describeOperations';
import { cancelUpdateStack, createStack, deleteStack, updateStack } from './operations/stackOperations';
import { getTemplate, getTemplateSummary, validateTemplate } from './operations/templateOperations';

/** The operations the local CloudFormation implements, by model operation name. */
export function cloudFormationHandlers(engine: CloudFormationEngine) {
  return {
    CreateStack: (input: Parameters<typeof createStack>[1]) => createStack(engine, input),
    UpdateStack: (input: Parameters<typeof updateStack>[1]) => updateStack(engine, input),
    DeleteStack: (input: Parameters<typeof deleteStack>[1]) => deleteStack(engine, input),
    CancelUpdateStack: (input: Parameters<typeof cancelUpdateStack>[1]) => cancelUpdateStack(engine, input),
    DescribeStacks: (input: Parameters<typeof describeStacks>[1]) => describeStacks(engine, input),
    ListStacks: (input: Parameters<typeof listStacks>[1]) => listStacks(engine, input),
    DescribeStackEvents: (input: Parameters<typeof describeStackEvents>[1]) => describeStackEvents(engine, input),
    DescribeStackResource: (input: Parameters<typeof describeStackResource>[1]) => describeStackResource(engine, input),
    DescribeStackResources: (input: Parameters<typeof describeStackResources>[1]) =>
      describeStackResources(engine, input),
    ListStackResources: (input: Parameters<typeof listStackResources>[1]) => listStackResources(engine, input),
    ListExports: (input: Parameters<typeof listExports>[1]) => listExports(engine, input),
    ListImports: (input: Parameters<typeof listImports>[1]) => listImports(engine, input),
    GetTemplate: (input: Parameters<typeof getTemplate>[1]) => getTemplate(engine, input),
    GetTemplateSummary: (input: Parameters<typeof getTemplateSummary>[1]) => getTemplateSummary(engine, input),
    ValidateTemplate: (input: Parameters<typeof validateTemplate>[1]) => validateTemplate(engine, input),
    CreateChangeSet: (input: Parameters<typeof createChangeSet>[1]) => createChangeSet(engine, input),
    DescribeChangeSet: (input: Parameters<typeof describeChangeSet>[1]) => describeChangeSet(engine, input),
    ExecuteChangeSet: (input: Parameters<typeof executeChangeSet>[1]) => executeChangeSet(engine, input),
    DeleteChangeSet: (input: Parameters<typeof deleteChangeSet>[1]) => deleteChangeSet(engine, input),
    ListChangeSets: (input: Parameters<typeof listChangeSets>[1]) => listChangeSets(engine, input),
  };
}

export type CloudFormationHandlers = ReturnType<typeof cloudFormationHandlers>;

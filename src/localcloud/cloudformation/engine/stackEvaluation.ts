// The evaluator for a stack's template and parameters, and the stack's outputs and exports computed with it.
import type { ParameterValue } from '../../../core/template/resolve/evaluateIntrinsics';
import { partitionOf, urlSuffixOf } from '../../../core/template/resolve/stackIdentity';
import type { JsonValue } from '../../../core/template/templateJson';
import type { OutputRecord, ParameterRecord, StackRecord } from '../state/stackRecords';
import { parameterDeclarations, parameterValues } from '../template/templateParameters';
import type { StackTemplate } from '../template/stackTemplate';
import type { EngineDependencies } from './engineDependencies';
import { StackEvaluator } from './stackEvaluator';

/** Parameter values plus CloudFormation's pseudo parameters for the stack. */
export function stackParameterValues(
  stack: Pick<StackRecord, 'stackName' | 'stackId' | 'notificationArns'>,
  template: StackTemplate,
  parameters: readonly ParameterRecord[],
  region: string,
  accountId: string,
): Map<string, ParameterValue> {
  const values = parameterValues(parameterDeclarations(template.processed), parameters);
  const partition = partitionOf(region);
  values.set('AWS::StackName', stack.stackName);
  values.set('AWS::StackId', stack.stackId);
  values.set('AWS::Region', region);
  values.set('AWS::AccountId', accountId);
  values.set('AWS::Partition', partition);
  values.set('AWS::URLSuffix', urlSuffixOf({ partition }));
  values.set('AWS::NotificationARNs', [...stack.notificationArns]);
  return values;
}

/** An evaluator over the stack's deployed resources (those that exist and did not fail to create). */
export function stackEvaluator(
  dependencies: EngineDependencies,
  stack: StackRecord,
  template: StackTemplate,
  parameters: readonly ParameterRecord[],
  imports?: Set<string>,
): StackEvaluator {
  return new StackEvaluator({
    template,
    parameters: stackParameterValues(stack, template, parameters, dependencies.region, dependencies.accountId),
    region: dependencies.region,
    resource: (logicalId) => {
      const resource = stack.resources[logicalId];
      if (!resource || resource.physicalId === undefined) return undefined;
      if (resource.status === 'CREATE_FAILED' || resource.status === 'DELETE_COMPLETE') return undefined;
      return {
        ref: resource.ref ?? resource.physicalId,
        attributes: resource.attributes,
        ...(resource.simulated ? { simulated: true } : {}),
      };
    },
    exportValue: (name) => dependencies.exports.value(name),
    parameterStore: dependencies.services.parameterStore,
    onImport: (name) => imports?.add(name),
  });
}

/** The stack's outputs; throws Error with the reason when one cannot be evaluated or exported. */
export function evaluateOutputs(
  dependencies: EngineDependencies,
  stack: StackRecord,
  template: StackTemplate,
  evaluator: StackEvaluator,
): OutputRecord[] {
  const outputs: OutputRecord[] = [];
  for (const [key, definition] of Object.entries(template.outputs)) {
    if (!evaluator.isActive(definition)) continue;
    const value = outputText(evaluator.evaluate(definition.Value), key);
    const output: OutputRecord = { key, value };
    if (typeof definition.Description === 'string') output.description = definition.Description;
    const exportDefinition = definition.Export;
    if (exportDefinition !== null && typeof exportDefinition === 'object' && !Array.isArray(exportDefinition)) {
      const name = outputText(evaluator.evaluate(exportDefinition.Name), `${key} Export.Name`);
      const exporter = dependencies.exports.exporter(name);
      if (exporter && exporter.stackId !== stack.stackId) {
        throw new Error(`Export with name ${name} is already exported by stack ${exporter.stackName}`);
      }
      output.exportName = name;
    }
    outputs.push(output);
  }
  checkImportedExports(dependencies, stack, outputs);
  return outputs;
}

/** Exports other stacks import cannot change or disappear (AWS refuses the update). */
export function checkImportedExports(
  dependencies: EngineDependencies,
  stack: StackRecord,
  nextOutputs: readonly OutputRecord[] | undefined,
): void {
  for (const output of stack.outputs) {
    if (output.exportName === undefined) continue;
    const importers = dependencies.exports.importers(output.exportName, stack.stackId);
    if (importers.length === 0) continue;
    const next = nextOutputs?.find((candidate) => candidate.exportName === output.exportName);
    if (!next) {
      throw new Error(`Export ${output.exportName} cannot be deleted as it is in use by ${importers.join(', ')}`);
    }
    if (next.value !== output.value) {
      throw new Error(`Cannot update export ${output.exportName} as it is in use by ${importers.join(', ')}`);
    }
  }
}

function outputText(value: JsonValue | undefined, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  throw new Error(`Template error: the value of output ${where} must be a string`);
}

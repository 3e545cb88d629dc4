// Functions a Step Functions state machine of the template invokes, and the payload each Task state sends them.
// A function invoked only by a state machine has no event source of its own: its event is the Task's `Payload`
// (lambda:invoke) or `Parameters` (the function ARN as Resource), or with JSONata the `Arguments`, with paths into
// the state input and the context object (`"id.$": "$.order.id"`, `$$.Task.Token`) given sample values.
// Definitions come from `Definition`, `DefinitionString` (plain, Fn::Sub, Fn::Join) or a local `DefinitionUri`
// file (JSON or YAML), with `DefinitionSubstitutions` applied, as SAM and CloudFormation do.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseTemplate, type ParsedTemplate } from '../template/parseTemplate';
import { listResources } from '../template/templateResources';
import { getMapValue, type SourceRange } from '../template/templateTree';
import type { EventContext } from './eventContext';
import { generateStepFunctionsTaskEvent } from './automationEvents';
import type { TemplateValueResolver } from './templateValueResolver';

/** One Task state that invokes the function. */
export interface StateMachineTask {
  stateMachineId: string;
  stateName: string;
  /** Where the state machine is declared. */
  range: SourceRange;
  /** The payload template (`Payload`, `Parameters` or `Arguments`), undefined when the task passes its input. */
  payloadTemplate: unknown;
  /** `Payload.$`: the path of the part of the state input (or context object) that is the payload. */
  payloadPath?: string;
  waitForTaskToken: boolean;
}

const STATE_MACHINE_TYPES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);
const LAMBDA_INVOKE = /^arn:[\w-]+:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** The Task states of the template's state machines that invoke `functionId`. */
export function listStateMachineTasks(
  template: ParsedTemplate,
  functionId: string,
  resolver: TemplateValueResolver,
  templateDirectory: string | undefined,
): StateMachineTask[] {
  const names = functionIdentifiers(resolver, functionId);
  const tasks: StateMachineTask[] = [];
  for (const resource of listResources(template)) {
    if (!STATE_MACHINE_TYPES.has(resource.type ?? '')) continue;
    const definition = readDefinition(resolver, resource.logicalId, templateDirectory);
    for (const [stateName, state] of taskStates(definition)) {
      const target = invokedFunction(state);
      if (target === undefined || !names.some((name) => target === name || target.startsWith(`${name}:`))) continue;
      const resourceArn = String(state['Resource']);
      const lambdaInvoke = LAMBDA_INVOKE.test(resourceArn);
      const fields = (state['Arguments'] ?? state['Parameters']) as Record<string, unknown> | undefined;
      // lambda:invoke sends `Payload` (or the part of the input `Payload.$` names); a function ARN gets Parameters.
      const payloadPath = lambdaInvoke ? fields?.['Payload.$'] : undefined;
      tasks.push({
        stateMachineId: resource.logicalId,
        stateName,
        range: resource.keyRange,
        payloadTemplate: lambdaInvoke ? fields?.['Payload'] : fields,
        ...(typeof payloadPath === 'string' ? { payloadPath } : {}),
        waitForTaskToken: resourceArn.endsWith('.waitForTaskToken'),
      });
    }
  }
  return tasks;
}

/** The event a task sends, with sample values for paths into its input and the context object. */
export function stateMachineTaskEvent(
  task: StateMachineTask,
  context: EventContext,
): { event: unknown; notes: string[] } {
  const sample = generateStepFunctionsTaskEvent(
    { stateMachineName: task.stateMachineId, stateName: task.stateName, withContext: true, waitForTaskToken: true },
    context,
  );
  const contextObject = sample['context'] as Record<string, unknown>;
  const notes = [`The payload the ${task.stateName} state of ${task.stateMachineId} sends.`];
  const template =
    task.payloadTemplate ??
    (task.payloadPath && task.payloadPath !== '$' ? { 'payload.$': task.payloadPath } : undefined);
  if (template === undefined) {
    notes.push('The task passes its state input as it is: edit this event to match what the previous states produce.');
    return { event: {}, notes };
  }
  const filled = fillPayload(template, contextObject);
  const event = task.payloadTemplate === undefined && isRecord(filled) ? filled['payload'] : filled;
  if (JSON.stringify(template).includes('$')) {
    notes.push('Values read from the state input are samples named after their paths.');
  }
  return { event: unwrapWholeInput(event), notes };
}

/** Names and ARNs the function is known by, resolved as the state machine's definition resolves them. */
function functionIdentifiers(resolver: TemplateValueResolver, functionId: string): string[] {
  return [resolver.getAtt(functionId, 'Arn'), resolver.refValue(functionId)].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

/** The definition as plain data, substitutions applied; undefined when it cannot be read. */
function readDefinition(resolver: TemplateValueResolver, logicalId: string, directory: string | undefined): unknown {
  const properties = resolver.resourceProperties(logicalId);
  const substitutions = resolver.resolveValue(getMapValue(properties, 'DefinitionSubstitutions'));
  let definition: unknown = resolver.resolveValue(getMapValue(properties, 'Definition'));
  if (definition === undefined) {
    const text = resolver.resolveString(getMapValue(properties, 'DefinitionString'));
    if (text !== undefined) definition = parseJson(text);
  }
  if (definition === undefined) {
    const uri = resolver.resolveValue(getMapValue(properties, 'DefinitionUri'));
    if (typeof uri === 'string' && !uri.startsWith('s3://') && directory !== undefined) {
      definition = readDefinitionFile(resolver, isAbsolute(uri) ? uri : join(directory, uri));
    }
  }
  return substitute(definition, typeof substitutions === 'object' && substitutions !== null ? substitutions : {});
}

function readDefinitionFile(resolver: TemplateValueResolver, path: string): unknown {
  try {
    const parsed = parseTemplate(readFileSync(path, 'utf8'));
    return parsed.root ? resolver.resolveValue(parsed.root) : undefined;
  } catch {
    return undefined;
  }
}

/** `${Name}` in every string, replaced by the substitution's value. */
function substitute(value: unknown, substitutions: object): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      const replacement = (substitutions as Record<string, unknown>)[name];
      return typeof replacement === 'string' || typeof replacement === 'number' ? String(replacement) : whole;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, substitutions)]));
  }
  return value;
}

/** Every Task state, in branches of Parallel states and processors of Map states too. */
function taskStates(definition: unknown): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  const visit = (machine: unknown): void => {
    const states = isRecord(machine) ? machine['States'] : undefined;
    if (!isRecord(states)) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isRecord(state)) continue;
      if (state['Type'] === 'Task') found.push([name, state]);
      if (Array.isArray(state['Branches'])) state['Branches'].forEach(visit);
      visit(state['Iterator']);
      visit(state['ItemProcessor']);
    }
  };
  visit(definition);
  return found;
}

/** The function a Task state calls: lambda:invoke's FunctionName, or the function ARN as the Resource. */
function invokedFunction(state: Record<string, unknown>): string | undefined {
  const resource = state['Resource'];
  if (typeof resource !== 'string') return undefined;
  if (LAMBDA_INVOKE.test(resource)) {
    const fields = state['Arguments'] ?? state['Parameters'];
    const name = isRecord(fields) ? fields['FunctionName'] : undefined;
    return typeof name === 'string' ? name : undefined;
  }
  return /^arn:[\w-]+:lambda:/.test(resource) ? resource : undefined;
}

/** Evaluates a payload template: `key.$` paths and JSONata `{% %}` expressions get sample values. */
function fillPayload(template: unknown, contextObject: Record<string, unknown>): unknown {
  if (Array.isArray(template)) return template.map((item) => fillPayload(item, contextObject));
  if (typeof template === 'string') {
    const jsonata = /^\{%\s*(.*?)\s*%\}$/s.exec(template)?.[1];
    return jsonata === undefined
      ? template
      : sampleFor(jsonata.replace(/^\$states\.input/, '$').replace(/^\$states\.context/, '$$'), contextObject);
  }
  if (!isRecord(template)) return template;
  const filled: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') filled[key.slice(0, -2)] = sampleFor(value, contextObject);
    else filled[key] = fillPayload(value, contextObject);
  }
  return filled;
}

/** A sample for a path into the state input (`$.order.id`) or the context object (`$$.Execution.Id`). */
function sampleFor(path: string, contextObject: Record<string, unknown>): unknown {
  if (path.startsWith('$$')) {
    const value = path
      .slice(2)
      .split('.')
      .filter(Boolean)
      .reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), contextObject);
    return value ?? path;
  }
  if (path === '$') return { [WHOLE_INPUT]: true };
  const last = /([A-Za-z0-9_]+)\W*$/.exec(path)?.[1];
  return last ? `${last}-1` : path;
}

// The whole state input has no sample of its own: where the payload is just `$`, the event is an empty object.
const WHOLE_INPUT = '__stateInput';

function unwrapWholeInput(event: unknown): unknown {
  if (isRecord(event) && isRecord(event['$']) && event['$'][WHOLE_INPUT] === true) return {};
  const replace = (value: unknown): unknown => {
    if (isRecord(value) && value[WHOLE_INPUT] === true) return {};
    if (Array.isArray(value)) return value.map(replace);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
    return value;
  };
  return replace(event);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

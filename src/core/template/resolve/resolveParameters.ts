// Template parameter values: explicit overrides first (as `--parameter-overrides` and samconfig give them), then
// the template's defaults. List parameters become lists, as `Ref` returns them.
import type { ParsedTemplate } from '../parseTemplate';
import { getMapValue, scalarString, type TemplateNode } from '../templateTree';
import type { ParameterValue } from './evaluateIntrinsics';

/** The parameters' values, and what is worth telling the user about them. */
export interface ResolvedParameters {
  /** Values of the template parameters that have one (pseudo parameters excluded). */
  values: Record<string, ParameterValue>;
  /** E.g. a parameter with neither default nor override, or an override that matches no parameter. */
  warnings: string[];
}

/**
 * Reads each declared parameter's value from the first override layer that sets it, else from its default.
 * With `guessMissing`, a parameter with neither (or an empty default) takes its first allowed value, else a
 * readable placeholder from its name (`OrdersQueueArn` -> `orders-queue`), so sample events always show something.
 */
export function resolveParameters(
  template: ParsedTemplate,
  overrideLayers: ReadonlyArray<Readonly<Record<string, string>>>,
  guessMissing: boolean,
): ResolvedParameters {
  const values: Record<string, ParameterValue> = {};
  const warnings: string[] = [];
  const declared = getMapValue(template.root, 'Parameters');
  for (const pair of declared?.kind === 'map' ? declared.pairs : []) {
    const name = String(pair.key.value);
    const type = scalarString(getMapValue(pair.value, 'Type')) ?? 'String';
    const override = overrideLayers.map((layer) => layer[name]).find((value) => value !== undefined);
    const defaultNode = getMapValue(pair.value, 'Default');
    const allowed = getMapValue(pair.value, 'AllowedValues');
    let raw = override ?? (defaultNode ? defaultText(defaultNode) : undefined);
    if (guessMissing && override === undefined && !raw) {
      raw = (allowed?.kind === 'seq' ? scalarString(allowed.items[0]) : undefined) || readablePlaceholder(name);
    }
    if (raw === undefined) {
      warnings.push(`Parameter ${name} has no default and no override; references to it stay unresolved.`);
      continue;
    }
    if (allowed?.kind === 'seq' && !allowed.items.some((item) => scalarString(item) === raw)) {
      warnings.push(`Parameter ${name} is "${raw}", which is not one of its AllowedValues.`);
    }
    values[name] =
      type === 'CommaDelimitedList' || type.startsWith('List<') ? raw.split(',').map((item) => item.trim()) : raw;
  }
  for (const layer of overrideLayers) {
    for (const name of Object.keys(layer)) {
      if (!declared || !getMapValue(declared, name)) {
        warnings.push(`The override ${name} matches no parameter of the template.`);
      }
    }
  }
  return { values, warnings };
}

function defaultText(node: TemplateNode): string | undefined {
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  if (node.kind === 'seq') return node.items.map((item) => scalarString(item) ?? '').join(',');
  return undefined;
}

/** A parameter's name as a value: without `Parameter`/`Arn`/`Name`... suffixes, in kebab case. */
function readablePlaceholder(name: string): string {
  const base = name.replace(/(Parameter|Param)$/, '').replace(/(Arn|Name|Id|Url|Uri)$/, '') || name;
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

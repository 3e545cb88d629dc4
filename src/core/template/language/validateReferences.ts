import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { TemplateSchema } from '../schema/templateSchema';
import type { SourceRange } from '../templateTree';
import { closestName } from '../closestName';
import { PSEUDO_PARAMETERS } from './pseudoParameters';
import type { TemplateReference } from './templateReferences';
import { isKnownResource, type TemplateSymbols } from './templateSymbols';

/** Checks that every Ref, GetAtt, `${}`, condition, FindInMap and DependsOn resolves; reports unused parameters. */
export function validateReferences(
  symbols: TemplateSymbols,
  references: readonly TemplateReference[],
  schema: TemplateSchema | undefined,
): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  const usedParameters = new Set<string>();
  const error = (range: SourceRange, code: string, message: string) =>
    diagnostics.push({ range, severity: 'error', code, message });
  const refTargets = () => [...symbols.parameters.keys(), ...symbols.resources.keys(), ...PSEUDO_PARAMETERS.keys()];
  for (const reference of references) {
    switch (reference.kind) {
      case 'ref':
        usedParameters.add(reference.name);
        if (!reference.local && !resolvesAsRef(symbols, reference.name)) {
          error(
            reference.range,
            'unresolved-ref',
            unresolved('Ref', reference.name, refTargets(), 'parameter, resource or pseudo parameter'),
          );
        }
        break;
      case 'sub':
        usedParameters.add(reference.name);
        if (reference.local) break;
        if (reference.attribute === undefined || symbols.generated.has(reference.text)) {
          if (!resolvesAsRef(symbols, reference.text)) {
            error(
              reference.range,
              'unresolved-sub',
              unresolved('${}', reference.text, refTargets(), 'parameter, resource or pseudo parameter'),
            );
          }
        } else {
          checkAttribute(
            symbols,
            schema,
            reference.name,
            reference.range,
            reference.attribute,
            reference.attributeRange,
            diagnostics,
            'unresolved-sub',
          );
        }
        break;
      case 'getatt':
        checkAttribute(
          symbols,
          schema,
          reference.resource,
          reference.range,
          reference.attribute,
          reference.attributeRange,
          diagnostics,
          'unresolved-getatt',
        );
        break;
      case 'condition':
        if (!symbols.conditions.has(reference.name)) {
          error(
            reference.range,
            'unresolved-condition',
            unresolved('Condition', reference.name, symbols.conditions.keys(), 'condition in Conditions'),
          );
        }
        break;
      case 'findinmap':
        checkFindInMap(symbols, reference, diagnostics);
        break;
      case 'dependson':
        if (!isKnownResource(symbols, reference.name)) {
          error(
            reference.range,
            'unresolved-dependson',
            unresolved('DependsOn', reference.name, symbols.resources.keys(), 'resource'),
          );
        }
        break;
    }
  }
  for (const parameter of symbols.parameters.values()) {
    if (!usedParameters.has(parameter.name)) {
      diagnostics.push({
        range: parameter.keyRange,
        severity: 'warning',
        code: 'unused-parameter',
        message: `Parameter '${parameter.name}' is declared but never used.`,
      });
    }
  }
  return diagnostics;
}

function resolvesAsRef(symbols: TemplateSymbols, name: string): boolean {
  return symbols.parameters.has(name) || PSEUDO_PARAMETERS.has(name) || isKnownResource(symbols, name);
}

function withSuggestion(message: string, name: string, candidates: Iterable<string>): string {
  const suggestion = closestName(name, candidates);
  return suggestion ? `${message} Did you mean '${suggestion}'?` : message;
}

function unresolved(what: string, name: string, candidates: Iterable<string>, expected: string): string {
  const suggestion = closestName(name, candidates);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return `${what} '${name}' does not resolve: no ${expected} has that name.${hint}`;
}

// Resources whose attributes are open-ended: custom resources return what their provider sends; stacks and SAM
// applications expose `Outputs.<Name>`.
function acceptsAnyAttribute(type: string, attribute: string): boolean {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return true;
  if (type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application')
    return attribute.startsWith('Outputs.');
  return false;
}

/** The type of a resource the template declares or SAM generates. */
export function resourceTypeOf(symbols: TemplateSymbols, name: string): string | undefined {
  return symbols.resources.get(name)?.type ?? symbols.generated.get(name)?.type;
}

function checkAttribute(
  symbols: TemplateSymbols,
  schema: TemplateSchema | undefined,
  resource: string,
  range: SourceRange,
  attribute: string | undefined,
  attributeRange: SourceRange | undefined,
  diagnostics: TemplateDiagnostic[],
  code: string,
): void {
  if (!isKnownResource(symbols, resource)) {
    const kind = code === 'unresolved-sub' ? '${}' : 'GetAtt';
    const candidates = [...symbols.resources.keys(), ...symbols.generated.keys()];
    diagnostics.push({ range, severity: 'error', code, message: unresolved(kind, resource, candidates, 'resource') });
    return;
  }
  if (attribute === undefined) {
    diagnostics.push({
      range,
      severity: 'error',
      code: 'getatt-attribute-missing',
      message: `GetAtt '${resource}' needs an attribute: write '${resource}.Attribute'.`,
    });
    return;
  }
  // SAM resolves `MyFunction.Alias.Name` to an attribute of the alias it generates.
  const dot = attribute.indexOf('.');
  const samReference = dot === -1 ? undefined : `${resource}.${attribute.slice(0, dot)}`;
  if (samReference && symbols.generated.has(samReference)) {
    const rest = attributeRange && {
      start: Math.min(attributeRange.start + dot + 1, attributeRange.end),
      end: attributeRange.end,
    };
    checkAttribute(symbols, schema, samReference, range, attribute.slice(dot + 1), rest, diagnostics, code);
    return;
  }
  const type = resourceTypeOf(symbols, resource);
  const spec = type ? schema?.resourceType(type) : undefined;
  if (!type || !spec || attribute.includes('${') || acceptsAnyAttribute(type, attribute)) return;
  if (spec.anyAttribute || spec.attributes.has(attribute)) return;
  if ([...(spec.attributePrefixes?.keys() ?? [])].some((prefix) => attribute.startsWith(prefix))) return;
  const valid = [...spec.attributes.keys()];
  const suggestion = closestName(attribute, valid);
  const list =
    valid.length > 0
      ? ` Valid attributes: ${valid.slice(0, 12).join(', ')}${valid.length > 12 ? ', …' : ''}.`
      : ' It has no attributes.';
  diagnostics.push({
    range: attributeRange ?? range,
    severity: 'error',
    code: 'invalid-attribute',
    message: `'${attribute}' is not an attribute of ${type}.${suggestion ? ` Did you mean '${suggestion}'?` : list}`,
  });
}

function checkFindInMap(
  symbols: TemplateSymbols,
  reference: Extract<TemplateReference, { kind: 'findinmap' }>,
  diagnostics: TemplateDiagnostic[],
): void {
  const mapping = symbols.mappings.get(reference.name);
  if (!mapping) {
    diagnostics.push({
      range: reference.range,
      severity: 'error',
      code: 'unresolved-mapping',
      message: unresolved('FindInMap', reference.name, symbols.mappings.keys(), 'mapping in Mappings'),
    });
    return;
  }
  // A missing key fails the deployment, unless AWS::LanguageExtensions supplies a DefaultValue.
  if (reference.hasDefault) return;
  const top = reference.topLevelKey;
  if (!top) return;
  const topEntry = mapping.topLevelKeys.get(top.value);
  if (!topEntry) {
    diagnostics.push({
      range: top.range,
      severity: 'error',
      code: 'unresolved-mapping-key',
      message: withSuggestion(
        `Mapping '${reference.name}' has no top-level key '${top.value}'.`,
        top.value,
        mapping.topLevelKeys.keys(),
      ),
    });
    return;
  }
  const second = reference.secondLevelKey;
  if (second && !topEntry.secondLevelKeys.has(second.value)) {
    diagnostics.push({
      range: second.range,
      severity: 'error',
      code: 'unresolved-mapping-key',
      message: withSuggestion(
        `Mapping '${reference.name}' has no key '${second.value}' under '${top.value}'.`,
        second.value,
        topEntry.secondLevelKeys.keys(),
      ),
    });
  }
}

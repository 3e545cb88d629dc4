// The sample events' view of a template: the shared TemplateResolver with the events' policy. An event always
// wants something to show, so what cannot be known locally is guessed (parameters without a value get a readable
// placeholder, `${Unknown}` in Fn::Sub its name), Fn::If shows its first branch, and an attribute the placeholders
// do not know stays unresolved so the generator can say so.
import type { ParsedTemplate } from '../template/parseTemplate';
import { TemplateResolver } from '../template/resolve/templateResolver';
import type { EventContext } from './eventContext';

/**
 * Resolves template values locally to plausible names and ARNs: parameters to their overrides or defaults, `Ref`
 * and `Fn::GetAtt` to what CloudFormation would return (declared names, or generated `<stack>-<LogicalId>-<suffix>`
 * names), `Fn::Sub`, `Fn::Join` and friends to text, all in the context's region and account.
 */
export class TemplateValueResolver extends TemplateResolver<EventContext> {
  constructor(
    /** The template itself, for what lies outside resources (Globals). */
    readonly template: ParsedTemplate,
    context: EventContext,
    parameterOverrides: Readonly<Record<string, string>> = {},
    /** The template's folder, for files it names (a state machine's DefinitionUri). */
    readonly templateDirectory?: string,
  ) {
    super(template, context, {
      overrideLayers: [parameterOverrides],
      unresolved: 'guess',
      conditions: 'firstBranch',
      unknownAttributes: 'unresolved',
    });
  }

  /** Where and when the events happen. */
  get context(): EventContext {
    return this.identity;
  }
}

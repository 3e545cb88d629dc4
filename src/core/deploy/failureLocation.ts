// Where a deployment failure comes from in the template a person wrote: the resource's line, also for resources
// the SAM transform generated (UsersFunctionRole comes from UsersFunction, ServerlessRestApi from the function
// with the Api event), and the resource a transform error names ("Resource with id [X] is invalid").
import { parseTemplate } from '../template/parseTemplate';
import { LineIndex } from '../template/lineIndex';
import { getMapValue, scalarString, type TemplateNode } from '../template/templateTree';

/** A place in the template, zero-based like editors count. */
export interface TemplateLocation {
  /** The template's own resource the failure belongs to. */
  logicalId: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** Resources the SAM transform creates without a prefix of the resource that causes them. */
const IMPLICIT_RESOURCES: ReadonlyArray<[RegExp, (resource: TemplateNode | undefined) => boolean]> = [
  [/^ServerlessRestApi/, (resource) => hasEvent(resource, 'Api')],
  [/^ServerlessHttpApi/, (resource) => hasEvent(resource, 'HttpApi')],
  [/^(ServerlessDeploymentApplication|CodeDeployServiceRole)$/, (resource) => has(resource, 'DeploymentPreference')],
];

/** The template line of `logicalId` (or of the resource that generated it), or undefined when nothing matches. */
export function locateResource(templateText: string, logicalId: string): TemplateLocation | undefined {
  const parsed = parseTemplate(templateText);
  const resources = getMapValue(parsed.root, 'Resources');
  if (resources?.kind !== 'map') return undefined;
  const pairs = resources.pairs;
  const exact = pairs.find((pair) => pair.key.value === logicalId);
  // The longest logical ID that starts the generated one: UsersFunctionAliaslive -> UsersFunction.
  const prefixed = exact
    ? undefined
    : pairs
        .filter((pair) => logicalId.startsWith(String(pair.key.value)))
        .sort((a, b) => String(b.key.value).length - String(a.key.value).length)[0];
  const implicit = exact || prefixed ? undefined : IMPLICIT_RESOURCES.find(([pattern]) => pattern.test(logicalId))?.[1];
  const pair = exact ?? prefixed ?? (implicit ? pairs.find((candidate) => implicit(candidate.value)) : undefined);
  if (!pair) return undefined;
  const lines = new LineIndex(templateText);
  const start = lines.positionAt(pair.key.range.start);
  const end = lines.positionAt(pair.key.range.end);
  return {
    logicalId: String(pair.key.value),
    line: start.line,
    character: start.character,
    endLine: end.line,
    endCharacter: end.character,
  };
}

/** The resource a CloudFormation or SAM transform message names, when it names one. */
export function resourceNamedIn(message: string): string | undefined {
  return (
    /Resource with id \[([^\]]+)\]/.exec(message)?.[1] ??
    /(?:resource|Resource) ([A-Za-z0-9]+) /.exec(message)?.[1] ??
    /\[\/Resources\/([A-Za-z0-9]+)/.exec(message)?.[1]
  );
}

function has(resource: TemplateNode | undefined, property: string): boolean {
  return getMapValue(getMapValue(resource, 'Properties'), property) !== undefined;
}

function hasEvent(resource: TemplateNode | undefined, type: string): boolean {
  const events = getMapValue(getMapValue(resource, 'Properties'), 'Events');
  return (
    events?.kind === 'map' && events.pairs.some((event) => scalarString(getMapValue(event.value, 'Type')) === type)
  );
}

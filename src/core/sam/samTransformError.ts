// The one error the SAM transform throws, worded as AWS's translator words it, with one entry per problem so the
// editor and `lint` can place each at the property that causes it.
import { WorkbenchError } from '../errors';

/** A property path from the template's root: keys and list indexes. */
export type PropertyPath = (string | number)[];

/** One problem the transform found. */
export interface SamTransformProblem {
  /** The resource the problem belongs to (absent for template-wide problems such as Globals). */
  logicalId?: string;
  /** The cause as the translator words it, e.g. "Resource with id [Fn] is invalid. Property 'X' should be a map." */
  message: string;
  /** Where the problem is, from the template's root (`['Resources', 'Fn', 'Properties', 'Events', ...]`). */
  path: PropertyPath;
}

/** The translator's wording: "Invalid Serverless Application Specification document. Number of errors found: N. ..." */
export class SamTransformError extends WorkbenchError {
  readonly problems: readonly SamTransformProblem[];

  constructor(problems: SamTransformProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    super(
      [
        `Invalid Serverless Application Specification document. Number of errors found: ${sorted.length}.`,
        ...sorted.map((problem) => problem.message),
      ].join(' '),
      { code: 'SamTransformFailed', hint: 'Fix the SAM properties the messages name, then try again.' },
    );
    this.name = 'SamTransformError';
    this.problems = sorted;
  }
}

/** Thrown inside the transform for one resource; collected into a SamTransformError. */
export class InvalidResourceError extends Error {
  constructor(
    readonly logicalId: string,
    readonly detail: string,
    /** Path below the resource (`['Properties', 'Auth']`). */
    readonly path: PropertyPath = ['Properties'],
    /** Where the problem is written when the resource is one SAM generates (an event's): from the template's root. */
    readonly templatePath?: PropertyPath,
  ) {
    super(`Resource with id [${logicalId}] is invalid. ${detail}`);
  }
}

/** An invalid event of a function or state machine; the owner reports it as its own problem. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly detail: string,
    /** Path below the event (`['Properties', 'Queue']`). */
    readonly path: PropertyPath = ['Properties'],
  ) {
    super(`Event with id [${eventId}] is invalid. ${detail}`);
  }
}

/**
 * A problem with the template's structure ("Structure of the SAM template is invalid. ..."). Most come from the
 * translator's swagger/OpenAPI editors, which raise them as a whole-document error: it ends the transform at once and
 * is reported alone (problems found in other resources are dropped), unless `endsTransform` is false.
 */
export class InvalidTemplateError extends Error {
  constructor(
    readonly detail: string,
    readonly path: PropertyPath = [],
    readonly endsTransform = true,
  ) {
    super(`Structure of the SAM template is invalid. ${detail}`);
  }
}

/** A problem in the Globals section. */
export class InvalidGlobalsError extends Error {
  constructor(
    readonly detail: string,
    readonly path: PropertyPath = ['Globals'],
  ) {
    super(`'Globals' section is invalid. ${detail}`);
  }
}

/** Turns an error thrown while transforming a resource into a problem, or rethrows a programming error. */
export function problemFromError(error: unknown, logicalId: string | undefined): SamTransformProblem {
  if (error instanceof InvalidResourceError) {
    const path = error.templatePath ?? ['Resources', error.logicalId, ...error.path];
    return { logicalId: error.logicalId, message: error.message, path };
  }
  if (error instanceof InvalidEventError) {
    // Event modules give paths either below the event or, through eventPath(), below the resource.
    const belowResource = error.path[0] === 'Properties' && error.path[1] === 'Events';
    const below = belowResource ? error.path : ['Properties', 'Events', error.eventId, ...error.path];
    const path = logicalId ? ['Resources', logicalId, ...below] : [];
    return { logicalId, message: error.message, path };
  }
  if (error instanceof InvalidTemplateError || error instanceof InvalidGlobalsError) {
    return { logicalId, message: error.message, path: error.path };
  }
  throw error;
}

// Compiles generated events against their handler types with the TypeScript compiler, as a handler author's
// `const event: SQSEvent = ...` would: strict settings, excess-property checks on every object literal.
import { join } from 'node:path';
import ts from 'typescript';
import type { EventTypeReference } from '../../../src/core/events/eventOptions';
import { repoRoot } from '../../support/paths';

/** One event to check, with what to call it in a failure. */
export interface TypedEvent {
  label: string;
  type: EventTypeReference;
  event: unknown;
}

/** The compiler's errors, each prefixed with the label of the event it is about; empty when all events fit. */
export function typeCheckEvents(events: readonly TypedEvent[]): string[] {
  // A virtual file inside the repository, so `aws-lambda` and our own modules resolve as they do for real code.
  const fileName = join(repoRoot, 'test', 'unit', 'events', '__generatedEvents.ts');
  const importName = (type: EventTypeReference) => type.name.replace(/<.*$/, '');
  const lambdaTypes = new Set(
    events.filter((entry) => entry.type.from === 'aws-lambda').map((entry) => importName(entry.type)),
  );
  const shapeTypes = new Set(
    events.filter((entry) => entry.type.from === 'eventShapes').map((entry) => importName(entry.type)),
  );
  const lines = [
    `import type { ${[...lambdaTypes].join(', ')} } from 'aws-lambda';`,
    shapeTypes.size ? `import type { ${[...shapeTypes].join(', ')} } from '../../../src/core/events/eventShapes';` : '',
  ];
  const starts: number[] = [];
  let lineCount = lines.length;
  events.forEach((entry, index) => {
    const declaration = `export const event${index}: ${entry.type.name} = ${JSON.stringify(entry.event, null, 1)};`;
    starts.push(lineCount);
    lines.push(declaration);
    lineCount += declaration.split('\n').length;
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion, true)
      : getSourceFile(name, languageVersion, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const index = starts.findLastIndex((start) => start <= line);
    return `${events[index]?.label ?? diagnostic.file.fileName} (${events[index]?.type.name}): ${message}`;
  });
}

import { describeError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { getMapValue } from '../templateTree';
import type { CompletionItem, CompletionResult } from './completionItem';
import { handlerItems } from './completeHandler';
import { completeKnownValues, sectionItems } from './completeKnownValues';
import {
  conditionNames,
  findInMapArguments,
  getAttAttributes,
  getAttScalarTargets,
  refTargets,
  resourceNames,
  subVariables,
  type ReferenceCompletionInput,
} from './completeReferences';
import {
  intrinsicFunctionItems,
  propertyKeyItems,
  propertyValueItems,
  resourceTypeItems,
  type SchemaCompletionInput,
} from './completeSchemaPositions';
import { getCursorContext, type IntrinsicContext } from './cursorContext';
import type { FileSystemView } from './fileSystemView';
import { readIntrinsic } from './intrinsicFunctions';
import { locateNode } from './locateNode';
import type { TemplateDocument } from './templateDocument';

/** A completion request. */
export interface CompletionRequest {
  /** The last parse of the template. */
  document: TemplateDocument;
  /** The current text, when the user has typed since `document` was parsed; defaults to the document's text. */
  text?: string;
  offset: number;
  /** Files beside the template, for `Handler` values; without it, no handler is proposed. */
  fileSystem?: FileSystemView;
  logger?: Logger;
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/**
 * Completion at an offset. The position is read from the current text (which may be half-typed); names and
 * types come from the last parse, so a keystroke never waits for a re-parse. Never rejects.
 */
export async function completeTemplate(request: CompletionRequest): Promise<CompletionResult> {
  try {
    return await complete(request);
  } catch (error) {
    (request.logger ?? silentLogger).error(`completion failed: ${describeError(error)}`);
    return EMPTY;
  }
}

function list(items: CompletionItem[]): CompletionResult {
  return { items, isIncomplete: false };
}

async function complete(request: CompletionRequest): Promise<CompletionResult> {
  const { document, offset } = request;
  const text = request.text ?? document.text;
  const format = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  const context = getCursorContext(text, offset);
  const schema = document.schema;
  const fresh = text === document.text;
  const references: ReferenceCompletionInput = {
    context,
    symbols: document.symbols,
    schema,
    format,
    text,
    offset,
    subLocals: fresh ? subLocalsAt(document, offset) : [],
  };
  if (context.subVariable) return list(subVariables(references));
  if (context.intrinsic) {
    const items = intrinsicArguments(references, context.intrinsic);
    if (items) return list(items);
  }
  if (context.inBlockScalar) return EMPTY;
  const path = context.path;
  const schemaInput: SchemaCompletionInput | undefined = schema && {
    context,
    root: document.parsed.root,
    schema,
    format,
    text,
  };
  if (context.position === 'value') {
    if (path.length === 3 && path[0] === 'Resources' && path[2] === 'Type') {
      if (!schemaInput) return EMPTY;
      const resource = typeof path[1] === 'string' ? document.symbols.resources.get(path[1]) : undefined;
      const hasProperties =
        getMapValue(resource?.node, 'Properties') !== undefined || context.siblingKeys.includes('Properties');
      return resourceTypeItems(schemaInput, !hasProperties);
    }
    if (path[0] === 'Resources' && path[2] === 'DependsOn' && path.length <= 4)
      return list(resourceNames(references, false));
    if (path.length === 4 && path[0] === 'Resources' && path[2] === 'Properties' && path[3] === 'Handler') {
      return list(request.fileSystem ? await handlerItems(document, context, request.fileSystem, String(path[1])) : []);
    }
    const items = completeKnownValues(context, format);
    if (schemaInput && context.schemaPath) {
      items.push(...propertyValueItems(schemaInput));
      if (context.couldBeKey) items.push(...propertyKeyItems(schemaInput));
    }
    if (context.schemaPath !== undefined || context.intrinsic) items.push(...intrinsicFunctionItems(context, format));
    return list(items);
  }
  if (!schemaInput) return list(path.length === 0 ? sectionItems(context, format) : []);
  return list(propertyKeyItems(schemaInput));
}

/** Completions for an intrinsic's argument; undefined where the argument is an ordinary value. */
function intrinsicArguments(
  input: ReferenceCompletionInput,
  intrinsic: IntrinsicContext,
): CompletionItem[] | undefined {
  const index = intrinsic.argumentIndex;
  switch (intrinsic.name) {
    case 'Ref': {
      const section = input.context.path[0];
      return refTargets(input, section === 'Conditions' || section === 'Rules');
    }
    case 'Fn::GetAtt':
      if (!intrinsic.listForm) return getAttScalarTargets(input);
      return index === 0
        ? resourceNames(input, true)
        : index === 1
          ? getAttAttributes(input, intrinsic.earlierArguments[0])
          : [];
    case 'Fn::Sub':
      return index === 0 ? [] : undefined;
    case 'Fn::If':
      return index === 0 ? conditionNames(input) : undefined;
    case 'Condition':
      return conditionNames(input);
    case 'Fn::FindInMap':
      return findInMapArguments(input, index, intrinsic.earlierArguments);
    case 'Fn::ValueOf':
      return index === 0 ? refTargets(input, true).filter((item) => item.kind === 'parameter') : [];
    default:
      return undefined;
  }
}

/** Names of the variable map of the Sub around the offset (`!Sub ['${Name}', { Name: ... }]`). */
function subLocalsAt(document: TemplateDocument, offset: number): string[] {
  const location = locateNode(document.parsed.root, document.text, offset);
  for (let index = location.chain.length - 1; index >= 0; index--) {
    const call = readIntrinsic(location.chain[index]!.node);
    if (call?.function.name !== 'Fn::Sub') continue;
    const variables = call.args[1];
    return variables?.kind === 'map' ? variables.pairs.map((pair) => String(pair.key.value)) : [];
  }
  return [];
}

import { getMapValue, scalarString, type TemplateNode, type TemplateScalar } from '../templateTree';
import { handlerLanguageOf, type HandlerLanguage } from './handlerLocation';
import type { TemplateSymbols } from './templateSymbols';

/** A string setting of a function and the node it is written at (the function's own, or in Globals). */
export interface FunctionSetting {
  value: string;
  node: TemplateScalar;
  fromGlobals: boolean;
}

/** Where a function's code lives, as far as the template says. */
export interface FunctionCode {
  logicalId: string;
  language: HandlerLanguage | undefined;
  runtime: string | undefined;
  /** A local folder (or archive): undefined for S3 locations, inline code and images. */
  codeUri: FunctionSetting | undefined;
  handler: FunctionSetting | undefined;
}

/** Lists the functions whose code is a local path: SAM's CodeUri, or a packaged AWS::Lambda::Function's Code. */
export function listFunctionCode(root: TemplateNode | undefined, symbols: TemplateSymbols): FunctionCode[] {
  const globals = getMapValue(getMapValue(root, 'Globals'), 'Function');
  const result: FunctionCode[] = [];
  for (const resource of symbols.resources.values()) {
    const sam = resource.type === 'AWS::Serverless::Function';
    if (!sam && resource.type !== 'AWS::Lambda::Function') continue;
    const properties = getMapValue(resource.node, 'Properties');
    const setting = (name: string): FunctionSetting | undefined => {
      const own = getMapValue(properties, name);
      if (own) return stringSetting(own, false);
      const global = sam ? getMapValue(globals, name) : undefined;
      return global ? stringSetting(global, true) : undefined;
    };
    const packageType = setting('PackageType')?.value;
    if (packageType === 'Image' || getMapValue(properties, 'InlineCode') || getMapValue(properties, 'ImageUri'))
      continue;
    const runtime = setting('Runtime');
    const codeUri = setting(sam ? 'CodeUri' : 'Code');
    result.push({
      logicalId: resource.name,
      language: handlerLanguageOf(runtime?.value),
      runtime: runtime?.value,
      codeUri: codeUri && isLocalPath(codeUri.value) ? codeUri : undefined,
      handler: setting('Handler'),
    });
  }
  return result;
}

function stringSetting(node: TemplateNode, fromGlobals: boolean): FunctionSetting | undefined {
  if (node.kind !== 'scalar' || node.tag) return undefined;
  const value = scalarString(node);
  return value === undefined ? undefined : { value, node, fromGlobals };
}

function isLocalPath(value: string): boolean {
  return value !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

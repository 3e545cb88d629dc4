import * as vscode from 'vscode';
import { taggedLogger, type Logger } from '../../core/logger';
import { loadTemplateSchema } from '../../core/template/schema/loadTemplateSchema';
import { Disposable } from '../../platform/disposable';
import { ProviderGuard } from './providerGuard';
import { COMPLETION_TRIGGER_CHARACTERS, TemplateCompletionProvider } from './templateCompletionProvider';
import { TemplateDefinitionProvider } from './templateDefinitionProvider';
import { TemplateDiagnostics } from './templateDiagnostics';
import { TEMPLATE_SELECTOR, TemplateDocuments } from './templateDocuments';
import { TemplateFoldingProvider } from './templateFoldingProvider';
import { TemplateHoverProvider } from './templateHoverProvider';
import { TemplateReferenceProvider } from './templateReferenceProvider';
import { TemplateRenameProvider } from './templateRenameProvider';
import { TemplateSymbolProvider } from './templateSymbolProvider';

/**
 * The template snapshots every feature reads (IntelliSense here, the invoke code lenses): one parse per document
 * version, with the bundled schema. Cheap to create: the schema is read on first use, documents when first asked.
 */
export function createTemplateDocuments(extensionUri: vscode.Uri, log: Logger): TemplateDocuments {
  const schema = loadTemplateSchema({
    schemaPath: vscode.Uri.joinPath(extensionUri, 'schemas', 'template.schema.json').fsPath,
    logger: taggedLogger(log, 'schema'),
  });
  return new TemplateDocuments(schema);
}

/**
 * Template IntelliSense (issue #3): completion, hover, diagnostics, definitions, references, rename, outline and
 * folding for YAML and JSON documents whose content is a SAM/CloudFormation template. Registering is cheap:
 * nothing is parsed until a provider or the first validation asks.
 */
export function registerIntelliSense(documents: TemplateDocuments, log: Logger): IntelliSenseFeature {
  return new IntelliSenseFeature(documents, log);
}

class IntelliSenseFeature extends Disposable {
  private readonly guard: ProviderGuard;

  /** The providers' failures caught so far (each distinct one once). */
  get providerFailures(): readonly string[] {
    return this.guard.failures;
  }

  constructor(documents: TemplateDocuments, log: Logger) {
    super();
    const logger = taggedLogger(log, 'intellisense');
    const guard = (this.guard = new ProviderGuard(logger));
    this._register(new TemplateDiagnostics(documents, guard, logger));
    this._register(
      vscode.languages.registerCompletionItemProvider(
        TEMPLATE_SELECTOR,
        new TemplateCompletionProvider(documents, guard, logger),
        ...COMPLETION_TRIGGER_CHARACTERS,
      ),
    );
    const languages = vscode.languages;
    this._register(
      languages.registerHoverProvider(TEMPLATE_SELECTOR, new TemplateHoverProvider(documents, guard, logger)),
    );
    this._register(
      languages.registerDefinitionProvider(TEMPLATE_SELECTOR, new TemplateDefinitionProvider(documents, guard, logger)),
    );
    this._register(
      languages.registerReferenceProvider(TEMPLATE_SELECTOR, new TemplateReferenceProvider(documents, guard)),
    );
    this._register(languages.registerRenameProvider(TEMPLATE_SELECTOR, new TemplateRenameProvider(documents, guard)));
    this._register(
      languages.registerDocumentSymbolProvider(TEMPLATE_SELECTOR, new TemplateSymbolProvider(documents, guard), {
        label: 'SAM/CloudFormation template',
      }),
    );
    this._register(
      languages.registerFoldingRangeProvider(TEMPLATE_SELECTOR, new TemplateFoldingProvider(documents, guard)),
    );
  }
}

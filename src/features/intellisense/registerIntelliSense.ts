import * as vscode from 'vscode';
import { taggedLogger, type Logger } from '../../core/logger';
import { loadTemplateSchema } from '../../core/template/schema/loadTemplateSchema';
import { Disposable } from '../../platform/disposable';
import { ProviderGuard } from './providerGuard';
import { COMPLETION_TRIGGER_CHARACTERS, TemplateCompletionProvider } from './templateCompletionProvider';
import { TemplateDiagnostics } from './templateDiagnostics';
import { TEMPLATE_SELECTOR, TemplateDocuments } from './templateDocuments';
import { TemplateHoverProvider } from './templateHoverProvider';

/**
 * Template IntelliSense (issue #3): completion, hover, diagnostics, definitions, references, rename, outline and
 * folding for YAML and JSON documents whose content is a SAM/CloudFormation template. Registering is cheap: the
 * schema is read on first use, and documents are parsed when a provider first asks for them.
 */
export function registerIntelliSense(
  context: Pick<vscode.ExtensionContext, 'extensionUri'>,
  log: Logger,
): vscode.Disposable {
  return new IntelliSenseFeature(context.extensionUri, log);
}

class IntelliSenseFeature extends Disposable {
  constructor(extensionUri: vscode.Uri, log: Logger) {
    super();
    const logger = taggedLogger(log, 'intellisense');
    const schema = loadTemplateSchema({
      schemaPath: vscode.Uri.joinPath(extensionUri, 'schemas', 'template.schema.json').fsPath,
      logger,
    });
    const documents = this._register(new TemplateDocuments(schema));
    const guard = new ProviderGuard(logger);
    this._register(new TemplateDiagnostics(documents, guard, logger));
    this._register(
      vscode.languages.registerCompletionItemProvider(
        TEMPLATE_SELECTOR,
        new TemplateCompletionProvider(documents, guard, logger),
        ...COMPLETION_TRIGGER_CHARACTERS,
      ),
    );
    this._register(
      vscode.languages.registerHoverProvider(TEMPLATE_SELECTOR, new TemplateHoverProvider(documents, guard, logger)),
    );
  }
}

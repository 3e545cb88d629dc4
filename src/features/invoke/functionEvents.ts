import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import { parseEventText, SavedEventStore, validateEventName, type SavedEvent } from '../../core/events/savedEvents';
import { generateEventsForFunction, type GeneratedEvent } from '../../core/events/templateEvents';
import {
  chooseDefaultEvent,
  describeEventReference,
  isEventReference,
  type EventReference,
} from '../../core/invoke/eventReference';
import { targetKey, type ResolvedTarget } from './functionTarget';

/** The event an invoke sends, ready to run. */
export interface ChosenEvent {
  reference: EventReference;
  label: string;
  /** JSON text. */
  payload: string;
}

/** A function's events: saved ones beside the template and the ones its event sources would deliver. */
interface EventChoices {
  store: SavedEventStore;
  saved: SavedEvent[];
  generated: GeneratedEvent[];
}

const LAST_EVENT_PREFIX = 'serverlessWorkbench.invoke.lastEvent:';

/**
 * Chooses, creates and remembers the events of invokes. Saved events are `events/<LogicalId>/<name>.json` next to
 * the template (so they can be committed); the last event per function is kept in the workspace state.
 */
export class FunctionEvents {
  constructor(private readonly memory: vscode.Memento) {}

  /** The event to send: the one asked for, else the function's last, first saved or first generated event. */
  async resolve(resolved: ResolvedTarget, wanted?: EventReference): Promise<ChosenEvent> {
    const choices = await this.choices(resolved);
    const reference =
      wanted ??
      chooseDefaultEvent(
        this.last(resolved),
        choices.saved.map((event) => event.name),
        choices.generated.map((event) => event.name),
      );
    if (!reference) throw new WorkbenchError(`${resolved.target.logicalId} has no event to send.`);
    return this.load(resolved, choices, reference);
  }

  /** The function's last event, if one was used. */
  last(resolved: ResolvedTarget): EventReference | undefined {
    const value = this.memory.get<unknown>(LAST_EVENT_PREFIX + targetKey(resolved.target));
    return isEventReference(value) ? value : undefined;
  }

  async remember(resolved: ResolvedTarget, reference: EventReference): Promise<void> {
    await this.memory.update(LAST_EVENT_PREFIX + targetKey(resolved.target), reference);
  }

  /** A quick pick of saved and generated events, and "New event..."; undefined when dismissed. */
  async pick(resolved: ResolvedTarget): Promise<EventReference | 'new' | undefined> {
    const choices = await this.choices(resolved);
    const last = this.last(resolved);
    type Item = vscode.QuickPickItem & { reference?: EventReference | 'new' };
    const marker = (reference: EventReference) =>
      last?.kind === reference.kind && last.name === reference.name ? 'last used' : undefined;
    const items: Item[] = [];
    if (choices.saved.length > 0) {
      items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
      for (const event of choices.saved) {
        const reference: EventReference = { kind: 'saved', name: event.name };
        items.push({
          label: `$(file) ${event.name}`,
          description: marker(reference),
          detail: vscode.workspace.asRelativePath(event.path),
          reference,
        });
      }
    }
    items.push({ label: 'From the template', kind: vscode.QuickPickItemKind.Separator });
    for (const event of choices.generated) {
      const reference: EventReference = { kind: 'generated', name: event.name };
      items.push({
        label: `$(symbol-event) ${event.label}`,
        description: [marker(reference), event.eventType?.name].filter(Boolean).join(' · '),
        detail: event.notes.join(' ') || undefined,
        reference,
      });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: '$(new-file) New event...',
      detail: 'Save an event under events/ and edit it',
      reference: 'new',
    });
    const picked = await vscode.window.showQuickPick(items, {
      title: `Invoke ${resolved.target.logicalId} with...`,
      placeHolder: 'Choose the event to send',
      matchOnDetail: true,
    });
    return picked?.reference;
  }

  /**
   * Saves one of the generated events under `events/<LogicalId>/<name>.json` and opens it for editing. The
   * person picks which source to start from (when there are several) and names the file.
   */
  async create(resolved: ResolvedTarget, sourceName?: string, name?: string): Promise<SavedEvent> {
    const choices = await this.choices(resolved);
    let base = choices.generated.find((event) => event.name === sourceName);
    if (!base && choices.generated.length === 1) base = choices.generated[0];
    if (!base) {
      const picked = await vscode.window.showQuickPick(
        choices.generated.map((event) => ({ label: event.label, description: event.eventType?.name, event })),
        { title: `New event for ${resolved.target.logicalId}`, placeHolder: 'Start from the event of...' },
      );
      if (!picked) throw new vscode.CancellationError();
      base = picked.event;
    }
    const existing = new Set(choices.saved.map((event) => event.name));
    let suggestion = base.name;
    for (let counter = 2; existing.has(suggestion); counter++) suggestion = `${base.name}-${counter}`;
    const chosenName =
      name ??
      (await vscode.window.showInputBox({
        title: `New event for ${resolved.target.logicalId}`,
        prompt: `Saved as events/${resolved.target.logicalId}/<name>.json next to the template`,
        value: suggestion,
        validateInput: (value) =>
          validateEventName(value) ?? (existing.has(value.trim()) ? 'An event of that name exists.' : undefined),
      }));
    if (chosenName === undefined) throw new vscode.CancellationError();
    const saved = await choices.store.save(resolved.target.logicalId, chosenName, base.event);
    await this.remember(resolved, { kind: 'saved', name: saved.name });
    await vscode.window.showTextDocument(vscode.Uri.file(saved.path), { preview: false });
    return saved;
  }

  private async choices(resolved: ResolvedTarget): Promise<EventChoices> {
    const store = new SavedEventStore({ root: dirname(resolved.templatePath) });
    const identity = resolved.template.scope.identity;
    const generated = generateEventsForFunction(resolved.parsed, resolved.target.logicalId, {
      region: identity.region,
      accountId: identity.accountId,
      stackName: identity.stackName,
      templateDirectory: dirname(resolved.templatePath),
    });
    return { store, saved: await store.list(resolved.target.logicalId), generated };
  }

  private async load(resolved: ResolvedTarget, choices: EventChoices, reference: EventReference): Promise<ChosenEvent> {
    const label = describeEventReference(reference);
    if (reference.kind === 'saved') {
      const text = await choices.store.readText(resolved.target.logicalId, reference.name);
      // Parsing here names the file and the JSON problem; the runtime would only say the event is invalid.
      parseEventText(text, choices.store.eventPath(resolved.target.logicalId, reference.name));
      return { reference, label, payload: text };
    }
    const generated = choices.generated.find((event) => event.name === reference.name);
    if (!generated) {
      throw new WorkbenchError(`${resolved.target.logicalId} has no event source named ${reference.name}.`, {
        code: 'EventSourceNotFound',
        hint: `Its events: ${choices.generated.map((event) => event.name).join(', ')}.`,
      });
    }
    return { reference, label, payload: JSON.stringify(generated.event) };
  }
}

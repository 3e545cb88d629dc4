import * as vscode from 'vscode';
import { parseEventText } from '../../core/events/savedEvents';
import { isEventReference } from '../../core/invoke/eventReference';
import type { ChosenEvent, FunctionEvents } from './functionEvents';
import type { ResolvedTarget } from './functionTarget';

/**
 * The event of an invoke from the Deployed tree: one given by the caller (an event reference, a ChosenEvent, or JSON
 * text), else the person's pick: the template function's saved and generated events when the deployed function is
 * linked to one (as local invokes offer), else an empty event or JSON they type. Undefined when dismissed.
 */
export async function pickDeployedEvent(
  events: FunctionEvents,
  resolved: ResolvedTarget | undefined,
  argument: unknown,
): Promise<ChosenEvent | undefined> {
  if (isChosenEvent(argument)) return argument;
  if (typeof argument === 'string') {
    parseEventText(argument, 'the event');
    return { reference: { kind: 'generated', name: 'given' }, label: 'given event', payload: argument };
  }
  if (resolved) {
    if (isEventReference(argument)) return events.resolve(resolved, argument);
    const picked = await events.pick(resolved);
    if (picked === undefined) return undefined;
    if (picked === 'new') {
      await events.create(resolved);
      return undefined;
    }
    const event = await events.resolve(resolved, picked);
    await events.remember(resolved, event.reference);
    return event;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(json) Empty event', description: '{}', payload: '{}' },
      { label: '$(edit) Type the event...', description: 'JSON', payload: undefined },
    ],
    { title: 'Invoke with...', placeHolder: 'This function is not linked to a template in the workspace' },
  );
  if (!choice) return undefined;
  const payload =
    choice.payload ??
    (await vscode.window.showInputBox({
      title: 'Event (JSON)',
      value: '{}',
      validateInput: (value) => {
        try {
          JSON.parse(value);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    }));
  if (payload === undefined) return undefined;
  return {
    reference: { kind: 'generated', name: 'typed' },
    label: choice.payload ? 'empty event' : 'typed event',
    payload,
  };
}

function isChosenEvent(value: unknown): value is ChosenEvent {
  return typeof value === 'object' && value !== null && typeof (value as ChosenEvent).payload === 'string';
}

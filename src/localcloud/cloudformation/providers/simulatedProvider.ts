// The provider of every type that does not run in the local cloud: the resource is recorded with a physical ID
// and the Ref/GetAtt values AWS documents for its type, and the stack event says it is simulated. A template is
// never refused because one of its types does not run locally.
import type { ResourceProvider } from './resourceProvider';
import { simulatedIdentifiers } from './simulatedIdentifiers';

/** A provider that records resources of `type` without running them. */
export function simulatedProvider(type: string): ResourceProvider {
  return {
    type,
    create: (properties, context) => Promise.resolve(simulatedIdentifiers(properties, context)),
    // The identifiers stay; only the recorded properties change.
    update: (update) => Promise.resolve({ ...update.current, simulated: true }),
    delete: () => Promise.resolve(),
  };
}

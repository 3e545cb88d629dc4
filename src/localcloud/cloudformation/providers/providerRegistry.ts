// Which provider handles each resource type: the ones that run locally, else the simulated provider.
import type { ResourceProvider } from './resourceProvider';
import { simulatedProvider } from './simulatedProvider';

/** Providers by type; types without one are simulated. */
export class ProviderRegistry {
  private readonly providers = new Map<string, ResourceProvider>();
  private readonly simulated = new Map<string, ResourceProvider>();

  constructor(providers: readonly ResourceProvider[]) {
    for (const provider of providers) this.register(provider);
  }

  /** Adds or replaces the provider of a type (a later issue's CodeDeploy or API Gateway providers). */
  register(provider: ResourceProvider): void {
    this.providers.set(provider.type, provider);
  }

  providerFor(type: string): ResourceProvider {
    const provider = this.providers.get(type);
    if (provider) return provider;
    let simulated = this.simulated.get(type);
    if (!simulated) {
      simulated = simulatedProvider(type);
      this.simulated.set(type, simulated);
    }
    return simulated;
  }

  /** True when the type runs in the local cloud (not only recorded). */
  runsLocally(type: string): boolean {
    return this.providers.has(type);
  }
}

// Each region a client signs for is its own namespace (functions, log groups), as on AWS. The default region keeps
// the top of the state directory (the layout from before regions); another region lives under regions/<name>/.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Region names as AWS spells them (`us-east-1`, `us-gov-west-1`, `eu-central-2`). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** True for a well-formed region name (also what keeps a region from naming a path outside the state folder). */
export function isRegionName(text: string): boolean {
  return REGION_NAME.test(text);
}

/** The state of each region, created on first use. */
export class RegionalState<State> {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly defaultRegion: string,
    private readonly stateDirectory: string,
    /** Creates a region's state in its folder (the state directory itself for the default region). */
    private readonly create: (region: string, directory: string) => State,
  ) {}

  /** The region's state; a malformed region name means the default region. */
  get(region: string): State {
    const name = isRegionName(region) ? region : this.defaultRegion;
    let state = this.states.get(name);
    if (state === undefined) {
      const directory = name === this.defaultRegion ? this.stateDirectory : join(this.stateDirectory, 'regions', name);
      state = this.create(name, directory);
      this.states.set(name, state);
    }
    return state;
  }

  /**
   * The default region and every other region whose folder holds `marker` (a path inside the region's folder),
   * used or not: what a lookup by id across regions must search.
   */
  storedRegions(marker: string): string[] {
    const folder = join(this.stateDirectory, 'regions');
    const others = existsSync(folder)
      ? readdirSync(folder).filter((name) => isRegionName(name) && existsSync(join(folder, name, marker)))
      : [];
    return [this.defaultRegion, ...others.filter((name) => name !== this.defaultRegion)];
  }

  /** The regions used so far. */
  values(): State[] {
    return [...this.states.values()];
  }
}

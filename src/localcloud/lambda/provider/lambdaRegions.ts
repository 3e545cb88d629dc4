// The Lambda state of each region the clients sign for.
import type { RegionalState } from '../../regionalState';
import type { LambdaContext } from '../lambdaContext';

export type LambdaRegions = RegionalState<LambdaContext>;

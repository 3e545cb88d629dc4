// GetAccountSettings: Lambda's default quotas for an account and what the region's functions use of them.
import type { LambdaOperations } from '../../models/generated/lambda';
import type { ServiceProvider } from '../../protocol/modelService';
import { ACCOUNT_CONCURRENCY } from '../accountConcurrency';
import type { LambdaRegions } from './lambdaRegions';

/** Lambda's default quotas (bytes, executions). */
const TOTAL_CODE_SIZE = 80_530_636_800;
const CODE_SIZE_UNZIPPED = 262_144_000;
const CODE_SIZE_ZIPPED = 52_428_800;

/** The account handlers. */
export function accountHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    GetAccountSettings: (_input, request) => {
      const lambda = regions.get(request.region);
      let totalCodeSize = 0;
      let reserved = 0;
      const names = lambda.functions.names();
      for (const name of names) {
        const record = lambda.functions.get(name)!;
        // Each distinct package counts once per function ($LATEST and versions often share one).
        const packages = new Map(
          [record.latest, ...record.versions].map((config) => [config.codeHash, config.codeSize]),
        );
        for (const size of packages.values()) totalCodeSize += size;
        reserved += record.reservedConcurrency ?? 0;
      }
      return {
        AccountLimit: {
          TotalCodeSize: TOTAL_CODE_SIZE,
          CodeSizeUnzipped: CODE_SIZE_UNZIPPED,
          CodeSizeZipped: CODE_SIZE_ZIPPED,
          ConcurrentExecutions: ACCOUNT_CONCURRENCY,
          UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - reserved,
        },
        AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: names.length },
      };
    },
  };
}

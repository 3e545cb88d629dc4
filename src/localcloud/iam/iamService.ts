// IAM over awsQuery: roles, managed and inline policies, attachments, recorded in the state directory and returned
// as IAM returns them; nothing is enforced. IAM is global: every region sees the same account.
import type { Logger } from '../../core/logger';
import type { IamOperations } from '../models/generated/iam';
import iamModel from '../models/generated/iam.json';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { IamStore } from './iamStore';
import { policyHandlers } from './provider/policyHandlers';
import { roleHandlers } from './provider/roleHandlers';

export interface IamServiceOptions {
  /** The IAM folder of the state directory. */
  directory: string;
  region: string;
  accountId: string;
  logger: Logger;
}

/** The IAM service, with its store for services that read roles (Lambda, CloudFormation). */
export type IamService = ModelService<IamOperations> & { readonly store: IamStore };

export function createIamService(options: IamServiceOptions): IamService {
  const store = new IamStore(options.directory, options.logger);
  const context = { store };
  const service = createModelService<IamOperations>(
    iamModel as unknown as ServiceModel,
    { ...roleHandlers(context), ...policyHandlers(context) },
    { region: options.region, accountId: options.accountId },
  );
  return Object.assign(service, { store });
}

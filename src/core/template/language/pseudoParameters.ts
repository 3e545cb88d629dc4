/** A pseudo parameter CloudFormation predefines, usable with `Ref` and in `${}` of `Fn::Sub`. */
export interface PseudoParameter {
  name: string;
  documentation: string;
}

/** Every pseudo parameter, keyed by name. */
export const PSEUDO_PARAMETERS: ReadonlyMap<string, PseudoParameter> = new Map(
  [
    { name: 'AWS::AccountId', documentation: 'The ID of the account the stack is created in, such as `123456789012`.' },
    { name: 'AWS::NotificationARNs', documentation: 'The list of SNS topic ARNs that receive the stack events.' },
    {
      name: 'AWS::NoValue',
      documentation: 'Removes the property it is assigned to; most useful as a branch of `Fn::If`.',
    },
    { name: 'AWS::Partition', documentation: 'The partition: `aws`, `aws-cn`, `aws-us-gov`...' },
    { name: 'AWS::Region', documentation: 'The Region the stack is created in, such as `us-east-1`.' },
    { name: 'AWS::StackId', documentation: 'The ID (an ARN) of the stack.' },
    { name: 'AWS::StackName', documentation: 'The name of the stack.' },
    { name: 'AWS::URLSuffix', documentation: 'The domain suffix of the partition, usually `amazonaws.com`.' },
  ].map((entry) => [entry.name, entry]),
);

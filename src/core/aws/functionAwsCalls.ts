// Where the AWS SDK calls of locally run functions go. On Lambda a function's SDK reaches AWS with its role's
// credentials; locally the calls go to the current backend: an endpoint (the local cloud, LocalStack) with
// placeholder credentials through AWS_ENDPOINT_URL, which the v3 SDK, boto3 and (through the bootstrap) the v2 SDK
// honour, or AWS with the selected profile. `unchanged` leaves the caller's environment as it is (sam local invoke).

/** Where a function's SDK calls go, and how to say so. */
export type FunctionAwsCalls =
  | { kind: 'endpoint'; url: string; label: string }
  | { kind: 'aws'; profile: string | undefined; region: string | undefined; label: string }
  | { kind: 'unchanged'; label: string };

/** Calls to an endpoint that accepts any credentials (the local cloud, LocalStack). */
export function callsToEndpoint(url: string, name = 'endpoint'): FunctionAwsCalls {
  return { kind: 'endpoint', url, label: `${name} (${url})` };
}

/** Calls to AWS with a profile of the shared config files (undefined: the SDK's default chain). */
export function callsToAws(profile: string | undefined, region?: string): FunctionAwsCalls {
  const where = `${profile ? ` profile ${profile}` : ''}${region ? ` in ${region}` : ''}`;
  return { kind: 'aws', profile, region, label: `AWS${where}` };
}

export const UNCHANGED_CALLS: FunctionAwsCalls = { kind: 'unchanged', label: 'as the environment says (unchanged)' };

/** Placeholder credentials the local endpoints accept; real ones never reach them. */
const PLACEHOLDER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: '' };

/**
 * The variables a function's environment gets so its SDK calls go there. An empty value removes what the caller's
 * environment would otherwise supply (the runtime's extraEnvironment contract).
 */
export function functionAwsCallEnvironment(calls: FunctionAwsCalls): Record<string, string> {
  switch (calls.kind) {
    case 'endpoint':
      return { AWS_ENDPOINT_URL: calls.url, ...PLACEHOLDER_CREDENTIALS };
    case 'aws':
      // A chosen profile beats keys in the caller's environment, which every SDK would otherwise prefer.
      return calls.profile
        ? { AWS_PROFILE: calls.profile, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' }
        : {};
    case 'unchanged':
      return {};
  }
}

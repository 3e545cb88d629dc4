// Where remote features (deployed invokes, stacks, logs) send their AWS calls. The local cloud is the default so
// every feature works on a fresh machine; an AWS profile or any other endpoint (LocalStack included) can be chosen.

/** The backend the user chose in settings. */
export type Backend =
  | { kind: 'localCloud' }
  | { kind: 'aws'; profile: string | undefined; region: string | undefined }
  | { kind: 'endpoint'; url: string; region: string | undefined };

/** Client settings shared by every AWS SDK v3 client of the extension. */
export interface AwsClientSettings {
  region: string;
  endpoint?: string;
  /** Static credentials for endpoints that accept anything (the local cloud, LocalStack). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A named profile from ~/.aws/config for the SDK's default credential chain. */
  profile?: string;
  /** Path-style S3 addressing, needed for endpoints on localhost. */
  forcePathStyle?: boolean;
  /** The stream- host prefix of StartLiveTail cannot resolve against a custom endpoint. */
  disableHostPrefix?: boolean;
}

/** Credentials local endpoints accept (they do not verify signatures). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export const DEFAULT_REGION = 'us-east-1';

/** The SDK client settings for a backend; the local cloud's endpoint is passed in once it is running. */
export function clientSettingsFor(backend: Backend, localCloudEndpoint?: string): AwsClientSettings {
  switch (backend.kind) {
    case 'localCloud':
      if (!localCloudEndpoint) throw new Error('The local cloud endpoint is needed for the localCloud backend');
      return localEndpointSettings(localCloudEndpoint, DEFAULT_REGION);
    case 'endpoint':
      return localEndpointSettings(backend.url, backend.region ?? DEFAULT_REGION);
    case 'aws':
      return {
        region: backend.region ?? DEFAULT_REGION,
        ...(backend.profile ? { profile: backend.profile } : {}),
      };
  }
}

function localEndpointSettings(endpoint: string, region: string): AwsClientSettings {
  return {
    region,
    endpoint,
    credentials: { ...LOCAL_CREDENTIALS },
    forcePathStyle: true,
    disableHostPrefix: true,
  };
}

/** A short description for status bars and logs; never includes credentials. */
export function describeBackend(backend: Backend, localCloudEndpoint?: string): string {
  switch (backend.kind) {
    case 'localCloud':
      return localCloudEndpoint ? `local cloud (${localCloudEndpoint})` : 'local cloud';
    case 'endpoint':
      return `endpoint ${backend.url}`;
    case 'aws':
      return `AWS${backend.profile ? ` profile ${backend.profile}` : ''}${backend.region ? ` in ${backend.region}` : ''}`;
  }
}

// Content-addressed uploads: an artifact's S3 key is the MD5 of its bytes (as `aws cloudformation package` names
// them), so the same code is uploaded once and keeps the same key; an object already there is not sent again.
import { createHash } from 'node:crypto';

/** Where artifacts go: one bucket, through whichever client the backend gives (SDK v3 S3 in practice). */
export interface ArtifactStore {
  readonly bucket: string;
  /** True when an object exists at the key (no permission to look counts as absent, as in awscli). */
  exists(key: string): Promise<boolean>;
  /** Stores the object. */
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's path-style https URL, the form CloudFormation's TemplateURL accepts. */
  objectUrl(key: string): string;
}

/** An artifact in the bucket. */
export interface UploadedArtifact {
  bucket: string;
  key: string;
  /** `s3://bucket/key` (no version: awscli never pins one either). */
  s3Url: string;
  size: number;
  /** False when an identical object was already there. */
  uploaded: boolean;
}

export interface ArtifactUploaderOptions {
  /** Key prefix (`--s3-prefix`), joined with `/`. */
  prefix?: string;
  /** Upload even when the object exists (`--force-upload`). */
  forceUpload?: boolean;
  /** Called once per artifact, uploaded or skipped, for progress lines. */
  onArtifact?: (artifact: UploadedArtifact) => void;
}

/** Uploads artifacts by content; concurrent uploads of the same bytes share one request. */
export class ArtifactUploader {
  private readonly inFlight = new Map<string, Promise<UploadedArtifact>>();

  constructor(
    readonly store: ArtifactStore,
    private readonly options: ArtifactUploaderOptions = {},
  ) {}

  /** Uploads `body` under `<prefix>/<md5>[.<extension>]`. */
  upload(body: Uint8Array, extension?: string): Promise<UploadedArtifact> {
    const key = this.keyFor(body, extension);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.send(key, body);
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The key an artifact gets. */
  keyFor(body: Uint8Array, extension?: string): string {
    const digest = createHash('md5').update(body).digest('hex');
    const name = extension ? `${digest}.${extension}` : digest;
    return this.options.prefix ? `${this.options.prefix.replace(/\/+$/, '')}/${name}` : name;
  }

  private async send(key: string, body: Uint8Array): Promise<UploadedArtifact> {
    const { bucket } = this.store;
    const base = { bucket, key, s3Url: `s3://${bucket}/${key}`, size: body.length };
    let artifact: UploadedArtifact;
    if (!this.options.forceUpload && (await this.store.exists(key))) {
      artifact = { ...base, uploaded: false };
    } else {
      await this.store.put(key, body);
      artifact = { ...base, uploaded: true };
    }
    this.options.onArtifact?.(artifact);
    return artifact;
  }
}

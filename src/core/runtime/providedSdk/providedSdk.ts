// Resolves the SDK a function's runtime provides on Lambda (see providedSdkPackages.ts), so that functions which
// import it without declaring it load locally as they do on Lambda:
// - Node.js: the packages the function's sources import and cannot find in their own node_modules or layers are
//   installed on first need from the npm registry into a store folder (one per SDK major, shared by every
//   function), or taken from a configured folder; the store's node_modules comes after the layers in NODE_PATH.
// - Python: boto3 from the interpreter when it has it, else from the configured folder (after the layers in
//   PYTHONPATH).
// When the SDK cannot be had, a WorkbenchError names the runtime, the package and the one command that fixes it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../../errors';
import type { Logger } from '../../logger';
import { npmInstall } from '../npmInstall';
import type { RuntimeIdentifier } from '../runtimeIdentifier';
import type { FunctionDefinition } from '../runtimeTypes';
import {
  isProvidedPackage,
  missingPackageIn,
  packageSpecifier,
  providedSdkKind,
  scanSdkImports,
  type ProvidedSdkKind,
} from './providedSdkPackages';

/** What resolving a function's provided SDK needs to know. */
export interface ProvidedSdkRequest {
  definition: FunctionDefinition;
  runtime: RuntimeIdentifier;
  /** The interpreter that will run the function (Python: asked whether it has boto3). */
  executable: string;
  /** Module folders searched before the provided SDK: the layers' and the bundler's extras. */
  moduleDirectories: readonly string[];
}

/** The contract the runtime pool uses (RuntimePoolOptions.providedSdk). */
export interface ProvidedSdk {
  /** Module folders to search after the function's own and its layers'. Throws WorkbenchError when unavailable. */
  prepare(request: ProvidedSdkRequest): Promise<string[]>;
  /** After a Runtime.ImportModuleError: installs the missing package when the runtime provides it; true if it did. */
  provideMissing(request: ProvidedSdkRequest, errorPayload: string): Promise<boolean>;
}

/** Where the SDKs come from. */
export interface ProvidedSdkOptions {
  /** The store SDKs are installed into on first need (the extension's global storage, the CLI's cache). */
  storeDirectory: string;
  /** A folder the user maintains instead (node_modules/aws-sdk, node_modules/@aws-sdk/*, boto3): never written. */
  configuredDirectory?: string;
  /** The npm executable (default: npm on PATH). */
  npmCommand?: string;
  logger: Logger;
  /** Told when an install starts; `done` settles when it ends (the editor shows progress, the CLI a line). */
  onInstall?: (description: string, done: Promise<unknown>) => void;
}

/** Creates the provided-SDK resolver the runtime pool uses. */
export function createProvidedSdk(options: ProvidedSdkOptions): ProvidedSdk {
  return new ProvidedSdkResolver(options);
}

class ProvidedSdkResolver implements ProvidedSdk {
  private readonly boto3ByInterpreter = new Map<string, Promise<boolean>>();

  constructor(private readonly options: ProvidedSdkOptions) {}

  async prepare(request: ProvidedSdkRequest): Promise<string[]> {
    const kind = providedSdkKind(request.runtime);
    const imported = scanSdkImports(request.definition.codeDirectory, kind);
    if (kind === 'boto3') return this.preparePython(request, imported.length > 0);
    const missing = imported.filter((name) => !resolvableFrom(request, name));
    const modules = this.nodeModulesFor(kind);
    const toInstall = missing.filter((name) => !existsSync(join(modules, name, 'package.json')));
    if (toInstall.length) await this.install(request, kind, toInstall);
    return [modules];
  }

  async provideMissing(request: ProvidedSdkRequest, errorPayload: string): Promise<boolean> {
    const kind = providedSdkKind(request.runtime);
    const name = missingPackageIn(errorPayload);
    if (!name || !isProvidedPackage(kind, name) || kind === 'boto3') return false;
    if (existsSync(join(this.nodeModulesFor(kind), name, 'package.json'))) return false;
    await this.install(request, kind, [name]);
    return true;
  }

  private nodeModulesFor(kind: ProvidedSdkKind): string {
    return this.options.configuredDirectory
      ? join(this.options.configuredDirectory, 'node_modules')
      : join(this.options.storeDirectory, `nodejs-${kind}`, 'node_modules');
  }

  private async install(request: ProvidedSdkRequest, kind: ProvidedSdkKind, names: string[]): Promise<void> {
    const prefix = dirname(this.nodeModulesFor(kind));
    const specifiers = names.map((name) => packageSpecifier(kind, name));
    const npm = this.options.npmCommand ?? 'npm';
    const command = `${npm} install --prefix "${prefix}" ${specifiers.join(' ')}`;
    const runtime = request.definition.runtime;
    if (this.options.configuredDirectory)
      throw unavailable(runtime, names, command, 'the configured SDK folder lacks it');
    const run = npmInstall(npm, prefix, specifiers);
    const description = `Installing ${names.join(', ')} (provided by the ${runtime} runtime on Lambda)`;
    this.options.logger.info(`[runtime] ${description} into ${prefix}`);
    this.options.onInstall?.(description, run);
    try {
      await run;
    } catch (error) {
      throw unavailable(runtime, names, command, error instanceof Error ? error.message : String(error));
    }
  }

  private async preparePython(request: ProvidedSdkRequest, importsSdk: boolean): Promise<string[]> {
    const configured = this.options.configuredDirectory;
    // The configured folder comes after the layers either way; it is only needed when the interpreter lacks boto3.
    if (!importsSdk) return configured ? [configured] : [];
    let hasBoto3 = this.boto3ByInterpreter.get(request.executable);
    if (!hasBoto3) {
      hasBoto3 = interpreterHasBoto3(request.executable);
      this.boto3ByInterpreter.set(request.executable, hasBoto3);
    }
    if (await hasBoto3) return configured ? [configured] : [];
    if (configured && existsSync(join(configured, 'boto3'))) return [configured];
    const debianPython = request.executable === '/usr/bin/python3' || request.executable === 'python3';
    const command =
      debianPython && existsSync('/usr/lib/python3/dist-packages')
        ? 'sudo apt-get install python3-boto3'
        : `${request.executable} -m pip install boto3`;
    throw unavailable(request.definition.runtime, ['boto3'], command, `${request.executable} cannot import boto3`);
  }
}

/** True when Node would find the package from the function's code or its layers (before the provided SDK). */
function resolvableFrom(request: ProvidedSdkRequest, name: string): boolean {
  const lookup = createRequire(join(request.definition.codeDirectory, 'index.js')).resolve.paths(name) ?? [];
  return [...lookup, ...request.moduleDirectories].some((directory) => existsSync(join(directory, name)));
}

function interpreterHasBoto3(executable: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(executable, ['-c', 'import boto3'], { timeout: 30_000 }, (error) => resolve(!error));
  });
}

function unavailable(runtime: string, names: string[], command: string, reason: string): WorkbenchError {
  const what = names.join(', ');
  return new WorkbenchError(
    `The ${runtime} runtime provides ${what} on Lambda, but it is not available locally: ${reason}.`,
    {
      code: 'ProvidedSdkUnavailable',
      hint: `Run: ${command}`,
    },
  );
}

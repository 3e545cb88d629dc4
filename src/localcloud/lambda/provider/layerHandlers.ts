// Lambda layers: PublishLayerVersion (zip or the local S3), ListLayers, ListLayerVersions, GetLayerVersion[ByArn],
// DeleteLayerVersion. Versions are numbered per layer from 1 and never reused; lists answer newest first.
import type { LambdaOperations, LayerVersionsListItem } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { lambdaTimestamp } from '../functionRecords';
import { pageByIndex, storeCode } from '../functionSettings';
import type { LambdaContext } from '../lambdaContext';
import {
  layerArn,
  layerVersionArn,
  layerVersionNotFound,
  parseLayerName,
  parseLayerVersionArn,
} from '../layerReferences';
import type { LayerVersionRecord } from '../layerVersionStore';
import type { LambdaRegions } from './lambdaRegions';

/** The region's context and the layer name a LayerName parameter (name or layer ARN) gives. */
export function layerTarget(regions: LambdaRegions, region: string, raw: string) {
  const parsed = parseLayerName(raw);
  return { lambda: regions.get(parsed.region ?? region), name: parsed.name };
}

/** A layer version that must exist. */
export function requireLayerVersion(lambda: LambdaContext, name: string, version: number): LayerVersionRecord {
  const record = lambda.layers.get(name, version);
  if (!record) throw layerVersionNotFound(lambda, name, version);
  return record;
}

function listItem(lambda: LambdaContext, name: string, record: LayerVersionRecord): LayerVersionsListItem {
  return {
    LayerVersionArn: layerVersionArn(lambda, name, record.version),
    Version: record.version,
    Description: record.description,
    CreatedDate: record.createdDate,
    CompatibleRuntimes: record.compatibleRuntimes,
    CompatibleArchitectures: record.compatibleArchitectures,
    ...(record.licenseInfo !== undefined ? { LicenseInfo: record.licenseInfo } : {}),
  };
}

function layerVersion(lambda: LambdaContext, name: string, record: LayerVersionRecord) {
  return {
    Content: {
      Location: `${lambda.endpoint()}/_localcloud/lambda-code/${record.code.codeHash}`,
      CodeSha256: record.code.codeSha256,
      CodeSize: record.code.codeSize,
    },
    LayerArn: layerArn(lambda, name),
    ...listItem(lambda, name, record),
  };
}

/** Versions a ListLayers/ListLayerVersions filter keeps (a version without runtimes matches no runtime filter). */
function matches(record: LayerVersionRecord, runtime: string | undefined, architecture: string | undefined): boolean {
  return (
    (runtime === undefined || record.compatibleRuntimes.includes(runtime)) &&
    (architecture === undefined || record.compatibleArchitectures.includes(architecture))
  );
}

/** The layer handlers. */
export function layerHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    PublishLayerVersion: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      const code = storeCode(lambda, input.Content);
      const record = lambda.layers.publish(name, {
        description: input.Description ?? '',
        compatibleRuntimes: input.CompatibleRuntimes ?? [],
        compatibleArchitectures: input.CompatibleArchitectures ?? [],
        ...(input.LicenseInfo !== undefined ? { licenseInfo: input.LicenseInfo } : {}),
        code,
        createdDate: lambdaTimestamp(),
      });
      return layerVersion(lambda, name, record);
    },
    GetLayerVersion: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      return layerVersion(lambda, name, requireLayerVersion(lambda, name, input.VersionNumber));
    },
    GetLayerVersionByArn: (input, request) => {
      const parsed = parseLayerVersionArn(input.Arn);
      if (!parsed) {
        throw new AwsError('InvalidParameterValueException', `Invalid layer version ARN: ${input.Arn}`);
      }
      const lambda = regions.get(parsed.region ?? request.region);
      return layerVersion(lambda, parsed.name, requireLayerVersion(lambda, parsed.name, parsed.version));
    },
    ListLayerVersions: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      const versions = lambda.layers
        .versions(name)
        .filter((record) => matches(record, input.CompatibleRuntime, input.CompatibleArchitecture))
        .map((record) => listItem(lambda, name, record));
      const { page, ...next } = pageByIndex(versions, input.Marker, input.MaxItems);
      return { LayerVersions: page, ...next };
    },
    ListLayers: (input, request) => {
      const lambda = regions.get(request.region);
      const layers = lambda.layers.names().flatMap((name) => {
        const latest = lambda.layers
          .versions(name)
          .find((record) => matches(record, input.CompatibleRuntime, input.CompatibleArchitecture));
        return latest
          ? [
              {
                LayerName: name,
                LayerArn: layerArn(lambda, name),
                LatestMatchingVersion: listItem(lambda, name, latest),
              },
            ]
          : [];
      });
      const { page, ...next } = pageByIndex(layers, input.Marker, input.MaxItems);
      return { Layers: page, ...next };
    },
    /** Deleting a version that does not exist succeeds, as on AWS; functions using it keep its content. */
    DeleteLayerVersion: (input, request) => {
      const { lambda, name } = layerTarget(regions, request.region, input.LayerName);
      lambda.layers.delete(name, input.VersionNumber);
    },
  };
}

/**
 * The settings of an App Engine standard version as the provider's `google_app_engine_standard_app_version` config.
 * @internal
 */
import { toApiDuration } from '../core/duration';
import { isUnresolved } from '../private/cdktf';
import type { AppEngineStandardAppVersionConfig } from '../private/google';
import { type Handler, SecurityLevel } from './handler';
import { ScalingType } from './scaling';
import { VpcConnectorEgress } from './standard-service-props';
import type { VersionSettings } from './standard-service-settings';

/** The version resource's config; it runs as `serviceAccountEmail` (unset: the App Engine default account). */
export function renderVersion(
  s: VersionSettings,
  serviceAccountEmail: string | undefined,
): AppEngineStandardAppVersionConfig {
  const props = s.given;
  const d = props.deployment;
  const auto = s.automatic;
  const scaling = s.scaling;
  const scalingType = scaling.type;
  const { service, instanceClass, entrypoint, inboundServices, maxConcurrentRequests, idleTimeout, handlers } = s;
  return {
    service,
    versionId: props.versionId,
    runtime: props.runtime,
    project: props.project,
    instanceClass,
    entrypoint: { shell: entrypoint },
    deployment: d.zipSourceUrl
      ? { zip: { sourceUrl: d.zipSourceUrl, filesCount: d.zipFilesCount } }
      : { files: (d.fileList ?? []).map((f) => ({ name: f.name, sourceUrl: f.sourceUrl, sha1Sum: f.sha1Sum })) },
    envVariables: props.env,
    inboundServices,
    serviceAccount: serviceAccountEmail,
    appEngineApis: props.appEngineApis,
    deleteServiceOnDestroy: props.deleteServiceOnDestroy ?? false,
    noopOnDestroy: props.noopOnDestroy ?? false,
    vpcAccessConnector: props.vpcAccessConnector
      ? {
          name: props.vpcAccessConnector.name,
          egressSetting: props.vpcAccessConnector.egress ?? VpcConnectorEgress.PRIVATE_IP_RANGES,
        }
      : undefined,
    handlers: handlers.length > 0 ? handlers.map((h) => renderHandler(h)) : undefined,
    automaticScaling:
      scalingType === ScalingType.AUTOMATIC
        ? {
            maxConcurrentRequests,
            minIdleInstances: auto.minIdleInstances,
            maxIdleInstances: auto.maxIdleInstances,
            minPendingLatency: duration(auto.minPendingLatency),
            maxPendingLatency: duration(auto.maxPendingLatency),
            standardSchedulerSettings:
              auto.minInstances !== undefined ||
              auto.maxInstances !== undefined ||
              auto.targetCpuUtilization !== undefined ||
              auto.targetThroughputUtilization !== undefined
                ? {
                    minInstances: auto.minInstances,
                    maxInstances: auto.maxInstances,
                    targetCpuUtilization: auto.targetCpuUtilization,
                    targetThroughputUtilization: auto.targetThroughputUtilization,
                  }
                : undefined,
          }
        : undefined,
    basicScaling: scaling.basicOptions
      ? { maxInstances: scaling.basicOptions.maxInstances, idleTimeout: duration(idleTimeout) }
      : undefined,
    manualScaling: scaling.manualOptions ? { instances: scaling.manualOptions.instances } : undefined,
  };
}

function duration(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  return isUnresolved(seconds) ? `${seconds}s` : toApiDuration(seconds);
}

function renderHandler(h: Handler) {
  const o = h.options;
  const s = h.staticFilesOptions;
  return {
    urlRegex: h.urlRegex,
    securityLevel: o.securityLevel ?? SecurityLevel.SECURE_ALWAYS,
    login: o.login,
    authFailAction: o.authFailAction,
    redirectHttpResponseCode:
      o.redirectHttpResponseCode === undefined
        ? undefined
        : `REDIRECT_HTTP_RESPONSE_CODE_${o.redirectHttpResponseCode}`,
    script: s ? undefined : { scriptPath: 'auto' },
    staticFiles: s
      ? {
          path: s.path,
          uploadPathRegex: s.uploadPathRegex,
          expiration: duration(s.expiration),
          httpHeaders: s.httpHeaders,
          mimeType: s.mimeType,
          requireMatchingFile: s.requireMatchingFile,
          applicationReadable: s.applicationReadable,
        }
      : undefined,
  };
}

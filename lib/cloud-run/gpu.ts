import type { Problems } from '../core/problems';
import { boolean, object } from '../core/props';
import { show } from '../core/validation';
import { CLOUD_RUN_GPUS, type CloudRunGpuType } from '../platform/cloud-run/gpu';
import { checkOptions } from './factory-options';

/** Options of a GPU. */
export interface GpuOptions {
  /**
   * Keep GPU capacity in other zones of the region for zonal failover (a separate, pricier GPU quota). Without it the
   * service is cheaper per GPU second and best effort if a zone fails.
   * @default true (Cloud Run's default)
   */
  readonly zonalRedundancy?: boolean;
}

const OPTIONS = object<GpuOptions>({ zonalRedundancy: boolean.optional() });

/**
 * One GPU per instance, on the main container. A GPU service is billed by instance (`cpu_idle = false`, derived), needs
 * the CPU and memory its type asks for (the defaults when cpu and memory are not given), and scales within the
 * project's regional GPU quota, which must be requested.
 */
export class Gpu {
  /** An NVIDIA L4 (24 GB): at least 4 vCPU and 16 GiB of memory. */
  public static nvidiaL4(options: GpuOptions = {}): Gpu {
    return new Gpu('nvidia-l4', options);
  }

  /**
   * An NVIDIA RTX PRO 6000 Blackwell (96 GB), in Preview: at least 20 vCPU and 80 GiB of memory. The service is
   * written with `launch_stage = BETA`, which Preview features need (and which comes without an SLA).
   */
  public static nvidiaRtxPro6000(options: GpuOptions = {}): Gpu {
    return new Gpu('nvidia-rtx-pro-6000', options);
  }

  /** The accelerator (`node_selector.accelerator`), e.g. `nvidia-l4`. */
  public readonly accelerator: string;
  /** The options given. */
  public readonly options: GpuOptions;

  private constructor(accelerator: string, options: GpuOptions) {
    this.accelerator = accelerator;
    this.options = options ?? {};
  }

  /** What the GPU type needs. @internal */
  public get _type(): CloudRunGpuType {
    return CLOUD_RUN_GPUS[this.accelerator];
  }

  /** Checks the options, reported under `prop`. @internal */
  public _checkOptions(prop: string, problems: Problems): boolean {
    return checkOptions(OPTIONS, this.options, prop, problems);
  }

  /** The factory call as it would be written, for messages. @internal */
  public _describe(): string {
    const name = this.accelerator === 'nvidia-l4' ? 'nvidiaL4' : 'nvidiaRtxPro6000';
    return `Gpu.${name}(${Object.keys(this.options).length > 0 ? show(this.options) : ''})`;
  }
}

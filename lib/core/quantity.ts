/**
 * Kubernetes-style quantities as Cloud Run writes them (`512Mi`, `2Gi`, `1G`, `1000m`), and the
 * human-readable forms used in messages.
 * @internal
 */

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1 / (1024 * 1024),
  k: 1000 / (1024 * 1024),
  K: 1000 / (1024 * 1024),
  M: 1e6 / (1024 * 1024),
  G: 1e9 / (1024 * 1024),
  T: 1e12 / (1024 * 1024),
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
};

/**
 * Parses a memory quantity into MiB; `undefined` when it is not a valid quantity. `512M` is 488.28 MiB. A Kubernetes
 * quantity has no spaces (`'512Mi '`, `'1 Gi'` are refused by the API): neither does this parser accept any.
 */
export function parseMemoryMiB(quantity: string): number | undefined {
  if (typeof quantity !== 'string') return undefined;
  const match = /^([0-9]+(?:\.[0-9]+)?)(k|K|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) return undefined;
  const factor = MEMORY_UNITS[match[2] ?? ''];
  return Number(match[1]) * factor;
}

/**
 * The MiB of a memory setting as the rules read it: undefined when it is not known (unset, or a token: pass
 * `knownValue(memory)`, so the rules that read it are skipped), NaN when it is given but is no memory quantity (no
 * rule's limit is met by it).
 */
export function memorySettingMiB(quantity: string | undefined): number | undefined {
  return quantity === undefined ? undefined : (parseMemoryMiB(quantity) ?? Number.NaN);
}

/** Parses a CPU quantity (`1`, `0.5`, `1000m`, or a number) into vCPU; `undefined` when invalid. */
export function parseCpu(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== 'string') return undefined;
  const match = /^([0-9]+(?:\.[0-9]+)?)(m)?$/.exec(quantity);
  if (!match) return undefined;
  return match[2] ? Number(match[1]) / 1000 : Number(match[1]);
}

/** Renders MiB as the shortest exact quantity string: 512 → `512Mi`, 2048 → `2Gi`. */
export function formatMiB(mib: number): string {
  if (mib >= 1024 && Number.isInteger(mib / 1024)) return `${mib / 1024}Gi`;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2)}Mi`;
}

/** Renders a vCPU count the way Cloud Run writes it: 1 → `1`, 0.5 → `0.5`. */
export function formatCpu(cpu: number): string {
  return String(Number(cpu.toFixed(3)));
}

/** MB (10^6 bytes, as App Engine's instance-class table writes memory) in MiB. */
export function mbToMiB(mb: number): number {
  return (mb * 1e6) / (1024 * 1024);
}

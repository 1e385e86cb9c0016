/** Which facts a figure reads are unknown, and why. */
import { unknownReads } from '../rule';

/**
 * A test of whether facts a figure reads are unknown, recording why into `unknown`: `missing(['region'])` is true (and
 * says "region is not known at synth time") when the region is a token. @internal
 */
export function unknownRecorder(known: ReadonlySet<string>, unknown: string[]): (reads: readonly string[]) => boolean {
  return (reads) => {
    const found = unknownReads(reads as string[], known);
    for (const r of found) unknown.push(`${r} is not known at synth time`);
    return found.length > 0;
  };
}

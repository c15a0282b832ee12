export const EXPECTED_FUSES: ReadonlyArray<readonly [name: string, enabled: boolean]>;
export const FUSE_SENTINEL: string;
export interface FuseWire {
  version: number;
  states: number[];
}
export function readFuseWire(binary: Uint8Array): FuseWire | null;
export function fuseProblems(wire: FuseWire | null): string[];
export const REQUIRED_ASAR_ENTRIES: readonly string[];
export const FORBIDDEN_ASAR_ENTRIES: ReadonlyArray<readonly [pattern: RegExp, what: string]>;
export function asarProblems(entries: readonly string[]): string[];
export function nativeProblems(driver: Uint8Array | null, electronAbi: string): string[];
export function executableFile(platform: NodeJS.Platform): string;

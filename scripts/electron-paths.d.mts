export interface FindElectronOptions {
  projectFolder: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  fileExists(path: string): boolean;
  /** The file's text, or null when it does not exist. */
  readText(path: string): string | null;
}

export type FoundElectron = { path: string } | { path: null; tried: string[] };

export function electronExecutableName(platform: NodeJS.Platform): string;
export function findElectronBinary(options: FindElectronOptions): FoundElectron;
export function electronNativeBindingPath(projectFolder: string, electronVersion: string): string;
export function missingElectronMessage(tried: readonly string[]): string;
export function addonAbi(binary: Uint8Array): string | null;

import { statSync } from 'node:fs';

/** Which file a path names: a deleted or replaced database keeps its open handle but loses its name. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function fileIdentity(file: string): FileIdentity | null {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat === undefined ? null : { dev: stat.dev, ino: stat.ino };
}

/**
 * Null while `file` still names the database the kiosk opened; otherwise what happened to it. One stat call (a few
 * microseconds), cheap enough before every call. Windows reports file ids as ino too (NTFS file index).
 */
export function describeLostFile(file: string, opened: FileIdentity | null): string | null {
  if (opened === null) return null;
  const now = fileIdentity(file);
  if (now === null) return 'was deleted (or its folder was) while the kiosk was running';
  if (now.dev !== opened.dev || now.ino !== opened.ino)
    return 'was replaced by another file while the kiosk was running';
  return null;
}

import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectionSettingsSchema, type ConnectionSettings } from '../central/connection-settings';

/**
 * The kiosk's fleet credentials live in a file of their own beside kiosk.db, readable by the app's user only, so the
 * database and its backups never carry the password.
 */
export const CREDENTIALS_FILE = 'fleet-credentials.json';

export function credentialsPath(dataFolder: string): string {
  return join(dataFolder, CREDENTIALS_FILE);
}

/** Written whole or not at all (a temp file renamed over the old one), mode 0600. */
export function writeCredentials(dataFolder: string, settings: ConnectionSettings): void {
  const file = credentialsPath(dataFolder);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(connectionSettingsSchema.parse(settings)), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The stored settings, or a sentence saying why there are none usable. */
export function readCredentials(dataFolder: string): ConnectionSettings | { problem: string } {
  const file = credentialsPath(dataFolder);
  if (!existsSync(file)) return { problem: `The fleet credentials file ${file} is missing: run fleet join again.` };
  try {
    const parsed = connectionSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable or not JSON: the same answer as a file of the wrong shape.
  }
  return { problem: `The fleet credentials file ${file} is damaged: run fleet join again.` };
}

export function removeCredentials(dataFolder: string): void {
  rmSync(credentialsPath(dataFolder), { force: true });
}

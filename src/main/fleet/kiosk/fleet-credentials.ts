import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { connectionSettingsSchema, type ConnectionSettings } from '../central/connection-settings';
import { installedCredentialSealer, type CredentialSealer } from './credential-sealing';

/**
 * The kiosk's fleet credentials live in a file of their own beside kiosk.db, so the database and its backups never
 * carry the password. Where the operating system offers a keystore (the installed app: Electron safeStorage), the file
 * holds the settings encrypted with it; elsewhere, plain JSON. Either way the file is readable by the app's user only.
 */
export const CREDENTIALS_FILE = 'fleet-credentials.json';

/**
 * What the file holds: the connection settings and, once fetched from the centre, the fleet's badge key (base64url of
 * 32 bytes), which is as secret as the password and so shares its protection.
 */
const storedSchema = connectionSettingsSchema.extend({
  badgeKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});
type Stored = { settings: ConnectionSettings; badgeKey: Buffer | null; sealedWith: string | null };

/** The file's shape when sealed: which keystore, and the settings' JSON encrypted with it (base64). */
const sealedFileSchema = z
  .object({ sealedWith: z.string().min(1).max(100), sealed: z.string().min(1).max(200_000) })
  .strict();

export function credentialsPath(dataFolder: string): string {
  return join(dataFolder, CREDENTIALS_FILE);
}

/**
 * Written whole or not at all (a temp file renamed over the old one), mode 0600, sealed when a keystore is installed.
 * `sealer` defaults to the one the shell installed; a keystore that refuses to seal fails the write, changing nothing.
 */
export function writeCredentials(
  dataFolder: string,
  settings: ConnectionSettings,
  sealer: CredentialSealer | null = installedCredentialSealer(),
  badgeKey: Buffer | null = null,
): void {
  const json = JSON.stringify(
    storedSchema.parse({ ...settings, ...(badgeKey ? { badgeKey: badgeKey.toString('base64url') } : {}) }),
  );
  const body = sealer
    ? JSON.stringify({ sealedWith: sealer.keystore, sealed: sealer.seal(json).toString('base64') })
    : json;
  const file = credentialsPath(dataFolder);
  const temp = `${file}.tmp`;
  writeFileSync(temp, body, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The stored settings, or a sentence saying why there are none usable. Reading changes nothing. */
export function readCredentials(
  dataFolder: string,
  sealer: CredentialSealer | null = installedCredentialSealer(),
): ConnectionSettings | { problem: string } {
  const stored = readStored(dataFolder, sealer);
  return 'problem' in stored ? stored : stored.settings;
}

/** The fleet's badge key kept with the credentials, or null (none fetched yet, or the credentials unreadable here). */
export function readStoredBadgeKey(
  dataFolder: string,
  sealer: CredentialSealer | null = installedCredentialSealer(),
): Buffer | null {
  const stored = readStored(dataFolder, sealer);
  return 'problem' in stored ? null : stored.badgeKey;
}

/**
 * Keeps the fleet's badge key with the credentials, protected as they are (sealed when a keystore is installed).
 * Answers false, changing nothing, when the credentials cannot be read here.
 */
export function storeBadgeKey(
  dataFolder: string,
  badgeKey: Buffer,
  sealer: CredentialSealer | null = installedCredentialSealer(),
): boolean {
  if (badgeKey.length !== 32) throw new Error('A fleet badge key is 32 bytes.');
  const stored = readStored(dataFolder, sealer);
  if ('problem' in stored) return false;
  writeCredentials(dataFolder, stored.settings, sealer, badgeKey);
  return true;
}

/** The keystore the stored credentials are sealed with, null when the file is plain (or missing), for `fleet status`. */
export function credentialsSealedWith(dataFolder: string): string | null {
  try {
    const sealedFile = sealedFileSchema.safeParse(JSON.parse(readFileSync(credentialsPath(dataFolder), 'utf8')));
    return sealedFile.success ? sealedFile.data.sealedWith : null;
  } catch {
    return null;
  }
}

/** The settings apart from the badge key, which only badge hashing reads. */
function split(json: unknown, sealedWith: string | null): Stored | undefined {
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { badgeKey, ...settings } = parsed.data;
  return { settings, badgeKey: badgeKey === undefined ? null : Buffer.from(badgeKey, 'base64url'), sealedWith };
}

function readStored(dataFolder: string, sealer: CredentialSealer | null): Stored | { problem: string } {
  const file = credentialsPath(dataFolder);
  if (!existsSync(file)) return { problem: `The fleet credentials file ${file} is missing: run fleet join again.` };
  const damaged = { problem: `The fleet credentials file ${file} is damaged: run fleet join again.` };
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return damaged;
  }
  const plain = split(stored, null);
  if (plain) return plain;
  const sealedFile = sealedFileSchema.safeParse(stored);
  if (!sealedFile.success) return damaged;
  const { sealedWith, sealed } = sealedFile.data;
  if (!sealer) {
    return {
      problem:
        `The fleet credentials in ${file} are encrypted with this computer's keystore (${sealedWith}), which only ` +
        'the installed kiosk app can open: run this through the app (its --fleet command line).',
    };
  }
  let opened: string;
  try {
    opened = sealer.open(Buffer.from(sealed, 'base64'));
  } catch {
    return {
      problem:
        `The fleet credentials in ${file} cannot be decrypted with this computer's keystore (${sealer.keystore}); ` +
        'they were sealed elsewhere (a data folder copied from another computer?) or the keystore was reset: run fleet join again.',
    };
  }
  try {
    const settings = split(JSON.parse(opened), sealedWith);
    if (settings) return settings;
  } catch {
    // Decrypted to something that is not JSON: the same answer as any damaged file.
  }
  return damaged;
}

/**
 * Seals a plain credentials file once a keystore is available (a kiosk joined through the plain-Node command line, then
 * started as the installed app). Answers whether it rewrote the file; a keystore that refuses leaves it as it was.
 */
export function sealStoredCredentials(
  dataFolder: string,
  sealer: CredentialSealer | null = installedCredentialSealer(),
): boolean {
  if (!sealer) return false;
  const stored = readStored(dataFolder, sealer);
  if ('problem' in stored || stored.sealedWith !== null) return false;
  try {
    writeCredentials(dataFolder, stored.settings, sealer, stored.badgeKey);
    return true;
  } catch {
    return false;
  }
}

export function removeCredentials(dataFolder: string): void {
  rmSync(credentialsPath(dataFolder), { force: true });
}

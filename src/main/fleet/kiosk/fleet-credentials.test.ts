import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConnectionSettings } from '../central/connection-settings';
import { fakeKeystore, refusingKeystore } from '../testing/fake-keystore';
import {
  credentialsPath,
  credentialsSealedWith,
  readCredentials,
  readStoredBadgeKey,
  sealStoredCredentials,
  storeBadgeKey,
  writeCredentials,
} from './fleet-credentials';

const settings: ConnectionSettings = {
  host: 'db.hospital.example',
  port: 5432,
  database: 'kiosk_fleet',
  user: 'kiosk_fleet_k_4west',
  password: 'correct horse battery staple',
  tls: 'verify-full',
};

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'fleet-credentials-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const fileText = () => readFileSync(credentialsPath(folder), 'utf8');
const fileMode = () => statSync(credentialsPath(folder)).mode & 0o777;

it('with a keystore, the file holds neither the password nor the server, only the app user can read it, and it reads back', () => {
  const keystore = fakeKeystore('gnome-libsecret');
  writeCredentials(folder, settings, keystore);
  expect(fileText()).not.toContain(settings.password);
  expect(fileText()).not.toContain(settings.host);
  expect(fileText()).not.toContain(settings.user);
  expect(fileMode()).toBe(0o600);
  expect(readCredentials(folder, keystore)).toEqual(settings);
  expect(credentialsSealedWith(folder)).toBe('gnome-libsecret');
});

it('without a keystore, the settings are plain JSON readable by the app user only', () => {
  writeCredentials(folder, settings, null);
  expect(JSON.parse(fileText())).toEqual(settings);
  expect(fileMode()).toBe(0o600);
  expect(readCredentials(folder, null)).toEqual(settings);
  expect(credentialsSealedWith(folder)).toBeNull();
});

it('sealed credentials are refused, with the reason, where no keystore is installed, and the file is left alone', () => {
  writeCredentials(folder, settings, fakeKeystore('keychain'));
  const before = fileText();
  const read = readCredentials(folder, null);
  expect(read).toEqual({
    problem: expect.stringMatching(/encrypted with this computer's keystore \(keychain\).*installed kiosk app/),
  });
  expect(fileText()).toBe(before);
});

it('credentials sealed by another computer’s keystore are refused as such, not as some other damage', () => {
  writeCredentials(folder, settings, fakeKeystore());
  const read = readCredentials(folder, fakeKeystore());
  expect(read).toEqual({
    problem: expect.stringMatching(/cannot be decrypted with this computer's keystore.*fleet join again/),
  });
});

it('a sealed file that was tampered with or cut short reads as a problem, never as wrong settings', () => {
  const keystore = fakeKeystore();
  writeCredentials(folder, settings, keystore);
  const stored = JSON.parse(fileText()) as { sealedWith: string; sealed: string };
  const bytes = Buffer.from(stored.sealed, 'base64');
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0x01, bytes.length - 1);
  writeFileSync(credentialsPath(folder), JSON.stringify({ ...stored, sealed: bytes.toString('base64') }));
  expect(readCredentials(folder, keystore)).toHaveProperty('problem');
  writeFileSync(credentialsPath(folder), fileText().slice(0, 40));
  expect(readCredentials(folder, keystore)).toEqual({ problem: expect.stringMatching(/is damaged/) });
  writeFileSync(credentialsPath(folder), JSON.stringify({ sealedWith: 'x', sealed: 'AAAA', extra: 1 }));
  expect(readCredentials(folder, keystore)).toEqual({ problem: expect.stringMatching(/is damaged/) });
});

it('a plain file is sealed once a keystore is there, and only then', () => {
  writeCredentials(folder, settings, null);
  expect(sealStoredCredentials(folder, null)).toBe(false);
  expect(JSON.parse(fileText())).toEqual(settings);

  const keystore = fakeKeystore('kwallet6');
  expect(sealStoredCredentials(folder, keystore)).toBe(true);
  expect(fileText()).not.toContain(settings.password);
  expect(fileMode()).toBe(0o600);
  expect(readCredentials(folder, keystore)).toEqual(settings);
  // Already sealed: nothing to do.
  expect(sealStoredCredentials(folder, keystore)).toBe(false);
});

it('a keystore that refuses to seal fails the write and changes nothing', () => {
  writeCredentials(folder, settings, null);
  const before = fileText();
  expect(() => writeCredentials(folder, { ...settings, password: 'new' }, refusingKeystore())).toThrow(/locked/);
  expect(fileText()).toBe(before);
  expect(sealStoredCredentials(folder, refusingKeystore())).toBe(false);
  expect(fileText()).toBe(before);
});

it('the fleet badge key is kept with the credentials, sealed as they are, and survives sealing a plain file', () => {
  const key = randomBytes(32);
  writeCredentials(folder, settings, null);
  expect(readStoredBadgeKey(folder, null)).toBeNull();
  expect(storeBadgeKey(folder, key, null)).toBe(true);
  expect(readStoredBadgeKey(folder, null)?.equals(key)).toBe(true);
  // The connection settings read as before: the key is not one of them.
  expect(readCredentials(folder, null)).toEqual(settings);

  const keystore = fakeKeystore('dpapi');
  expect(sealStoredCredentials(folder, keystore)).toBe(true);
  for (const form of [key.toString('base64url'), key.toString('base64'), key.toString('hex')]) {
    expect(fileText()).not.toContain(form);
  }
  expect(readStoredBadgeKey(folder, keystore)?.equals(key)).toBe(true);
  // Where the keystore is missing, there is no key (badges then fall back to the kiosk's own), and nothing is written.
  const sealed = fileText();
  expect(readStoredBadgeKey(folder, null)).toBeNull();
  expect(storeBadgeKey(folder, randomBytes(32), null)).toBe(false);
  expect(fileText()).toBe(sealed);
  expect(() => storeBadgeKey(folder, randomBytes(31), keystore)).toThrow(/32 bytes/);
});

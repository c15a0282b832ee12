import { expect, it } from 'vitest';
import { usableKeystore } from './os-keystore-choice';

it('seals with the platform keystore where safeStorage has a real one', () => {
  expect(usableKeystore({ platform: 'darwin', encryptionAvailable: true })).toEqual({ keystore: 'keychain' });
  expect(usableKeystore({ platform: 'win32', encryptionAvailable: true })).toEqual({ keystore: 'dpapi' });
  expect(usableKeystore({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toEqual({
    keystore: 'gnome-libsecret',
  });
  expect(usableKeystore({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' })).toEqual({
    keystore: 'kwallet6',
  });
});

it('does not seal where the key would be Electron’s hard-coded one, or where encryption is unavailable', () => {
  for (const linuxBackend of ['basic_text', 'unknown', undefined]) {
    expect(usableKeystore({ platform: 'linux', encryptionAvailable: true, linuxBackend })).toEqual({
      reason: expect.stringMatching(/no secret service/),
    });
  }
  expect(usableKeystore({ platform: 'darwin', encryptionAvailable: false })).toEqual({
    reason: expect.stringMatching(/no keystore/),
  });
});

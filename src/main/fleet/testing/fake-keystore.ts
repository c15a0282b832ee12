import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CredentialSealer } from '../kiosk/credential-sealing';

/**
 * Stands in for Electron's safeStorage, which exists only inside Electron: AES-256-GCM with a key of its own, so a
 * second fake keystore (another computer) cannot open what the first sealed, exactly the property the kiosk relies on.
 */
export function fakeKeystore(keystore = 'test-keystore'): CredentialSealer {
  const key = randomBytes(32);
  return {
    keystore,
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** A keystore that refuses to seal (a locked keyring): writing must fail and change nothing. */
export function refusingKeystore(): CredentialSealer {
  return {
    keystore: 'locked-keystore',
    seal() {
      throw new Error('The keyring is locked.');
    },
    open() {
      throw new Error('The keyring is locked.');
    },
  };
}

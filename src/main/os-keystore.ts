import { safeStorage } from 'electron';
import type { CredentialSealer } from './fleet/kiosk/credential-sealing';
import { usableKeystore } from './os-keystore-choice';

/** The fleet credentials' sealer backed by Electron's safeStorage, or null (with the reason logged) where it protects nothing. Call after app ready. */
export function osKeystoreSealer(log: (message: string) => void): CredentialSealer | null {
  const choice = usableKeystore({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if ('reason' in choice) {
    log(`fleet credentials stay a file readable by this user only: ${choice.reason}`);
    return null;
  }
  return {
    keystore: choice.keystore,
    seal: (text) => safeStorage.encryptString(text),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}

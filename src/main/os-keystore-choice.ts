/** What the Electron shell learns from safeStorage about this computer (after the app is ready). */
export interface KeystoreFacts {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend(), asked on Linux only. */
  linuxBackend?: string;
}

/**
 * Whether safeStorage here really protects the fleet credentials, and under which name. On Linux without a secret
 * service Electron falls back to `basic_text`, a key written in Electron itself: sealing with it would only look safe,
 * so the credentials stay a plain file readable by the app's user only, and the log says why.
 */
export function usableKeystore(facts: KeystoreFacts): { keystore: string } | { reason: string } {
  if (!facts.encryptionAvailable) return { reason: 'the operating system offers no keystore to this app' };
  if (facts.platform === 'darwin') return { keystore: 'keychain' };
  if (facts.platform === 'win32') return { keystore: 'dpapi' };
  const backend = facts.linuxBackend ?? 'unknown';
  if (backend === 'basic_text' || backend === 'unknown') {
    return { reason: `no secret service answers (safeStorage backend "${backend}" would use a key anyone can read)` };
  }
  return { keystore: backend.replaceAll('_', '-') };
}

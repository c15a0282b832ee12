/**
 * Encryption of the kiosk's fleet credentials with a key the operating system keeps for the app's user (Electron's
 * safeStorage: Keychain, DPAPI, a Linux secret service). The fleet code never imports Electron: the Electron shell
 * installs a sealer once at start, before anything reads or writes the credentials. Plain Node (the npm CLI, the
 * tests) has none, and the file is then kept as plain JSON readable by the app's user only.
 */
export interface CredentialSealer {
  /** The keystore's name, for `fleet status` and the log (e.g. "gnome-libsecret", "keychain", "dpapi"). */
  readonly keystore: string;
  /** Throws when the keystore refuses. */
  seal(text: string): Buffer;
  /** Throws when the bytes were not sealed with this keystore's key. */
  open(sealed: Buffer): string;
}

let installed: CredentialSealer | null = null;

/** Called by the Electron shell once the app is ready; null turns sealing off (a keystore that protects nothing). */
export function installCredentialSealer(sealer: CredentialSealer | null): void {
  installed = sealer;
}

export function installedCredentialSealer(): CredentialSealer | null {
  return installed;
}

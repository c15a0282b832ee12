import type { StaffRole, StaffSignIn } from '../../shared/domain';
import { callKiosk } from './kiosk-api';

/**
 * The staff member signed in at the keypad right now, if any. The token lives in this object's memory only: never in
 * localStorage, sessionStorage, a cookie or the URL, so a reload or a crash always signs staff out.
 */
export class StaffSession {
  #current = $state<StaffSignIn | null>(null);

  get signedIn(): boolean {
    return this.#current !== null;
  }

  get token(): string | null {
    return this.#current?.staffToken ?? null;
  }

  get role(): StaffRole | null {
    return this.#current?.role ?? null;
  }

  get staffNumber(): string | null {
    return this.#current?.staffNumber ?? null;
  }

  begin(signIn: StaffSignIn): void {
    this.#current = signIn;
  }

  /** The core already ended the token (it does so when a session is handed over to the parent). */
  forget(): void {
    this.#current = null;
  }

  /** Forgets the token at once and asks the core to end it too; a failed call changes nothing on screen. */
  async signOut(): Promise<void> {
    const staffToken = this.token;
    this.#current = null;
    if (staffToken) await callKiosk((api) => api.signOut({ staffToken }));
  }

  reset(): void {
    this.#current = null;
  }
}

export const staffSession = new StaffSession();

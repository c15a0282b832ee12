import type { StaffRole, StaffSignIn } from '../../shared/domain';
import { callKiosk } from './kiosk-api';

/** Often enough that a sign-out timeout of 30 s or more never lapses while someone is typing. */
export const KEEP_ALIVE_MS = 20_000;

/**
 * The staff member signed in at the keypad right now, if any. The token lives in this object's memory only: never in
 * localStorage, sessionStorage, a cookie or the URL, so a reload or a crash always signs staff out.
 */
export class StaffSession {
  #current = $state<StaffSignIn | null>(null);
  #lastKeepAlive = Number.NEGATIVE_INFINITY;

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
    this.#lastKeepAlive = Number.NEGATIVE_INFINITY;
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

  /**
   * Staff are touching or typing on a staff screen: keep the core's sign-in from lapsing mid-form. At most one call
   * per KEEP_ALIVE_MS; a refusal means the sign-in really ended, and the screen's own inactivity rule takes over.
   */
  keepAlive(now: number = Date.now()): void {
    const staffToken = this.token;
    if (!staffToken || now - this.#lastKeepAlive < KEEP_ALIVE_MS) return;
    this.#lastKeepAlive = now;
    void callKiosk((api) => api.keepSignedIn({ staffToken }));
  }

  reset(): void {
    this.#current = null;
    this.#lastKeepAlive = Number.NEGATIVE_INFINITY;
  }
}

export const staffSession = new StaffSession();

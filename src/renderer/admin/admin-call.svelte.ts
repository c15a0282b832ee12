/**
 * The call state every admin screen shares: one change at a time (busy), the outcome in words (done or refused),
 * a load that failed, and a lapsed sign-in handed back to the keypad. Each screen keeps only what is its own: which
 * call to make and how it explains a refusal that means something there (a taken staff number, the last admin).
 */
import type { KioskApi } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import { locale } from '../lib/i18n/locale.svelte';
import { callKiosk, describeError } from '../lib/kiosk-api';

type Call<T> = (api: KioskApi) => Promise<ApiResult<T>>;

/** What every admin screen is given: the signed-in admin's token, and the way back to the keypad once it lapses. */
export interface AdminScreenProps {
  staffToken: string;
  onsigninended: () => void;
}

/**
 * How a screen explains a refusal: its own words, '' when it shows the problem elsewhere (next to a field), or
 * undefined for the kiosk's usual sentence for that error.
 */
export type Explain = (error: ApiError) => string | undefined;

export class AdminCall {
  /** A change is running: its buttons wait. */
  busy = $state(false);
  /** What the last change did, for a status line. */
  done = $state('');
  /** Why the last change was refused, for an alert. */
  refusal = $state('');
  /** Why the screen's data could not be read (shown in the screen's language, which may change meanwhile). */
  loadError = $state<ApiError | null>(null);

  readonly #onsigninended: () => void;

  constructor(onsigninended: () => void) {
    this.#onsigninended = onsigninended;
  }

  /** Reads the screen's data: its value, or null (the sign-in ended, or `loadError` says why). */
  async load<T>(call: Call<T>): Promise<T | null> {
    const result = await callKiosk(call);
    if (result.ok) {
      this.loadError = null;
      return result.value;
    }
    if (result.error.code === 'unauthorized') this.#onsigninended();
    else this.loadError = result.error;
    return null;
  }

  /**
   * Makes one change: refused at once while another runs; busy meanwhile; the previous outcome cleared. Answers the
   * value, or null after a refusal (explained, or the sign-in handed back).
   */
  async change<T>(call: Call<T>, explain?: Explain): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.done = '';
    this.refusal = '';
    try {
      const result = await callKiosk(call);
      if (result.ok) return result.value;
      this.refuse(result.error, explain);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** A refusal from a call the screen made itself: the sign-in handed back, or the reason in words. */
  refuse(error: ApiError, explain?: Explain): void {
    if (error.code === 'unauthorized') this.#onsigninended();
    else this.refusal = explain?.(error) ?? describeError(error, locale.t);
  }

  /** Clears the last outcome (a form checked on the screen, before anything is sent). */
  clear(): void {
    this.done = '';
    this.refusal = '';
  }
}

/** A screen's data, read once when the screen opens and again after each change; the last good value stays shown. */
export class AdminData<T> {
  value = $state<T | null>(null);
  readonly #call: AdminCall;
  readonly #read: Call<T>;

  constructor(call: AdminCall, read: Call<T>) {
    this.#call = call;
    this.#read = read;
    void this.reload();
  }

  async reload(): Promise<void> {
    const value = await this.#call.load(this.#read);
    if (value !== null) this.value = value;
  }
}

/**
 * The parent's help call on a fleet kiosk: raised once, then followed until the nurses' station (the fleet's centre)
 * has it. Until then the screen keeps showing the call button or extension: nothing may suggest a nurse was told
 * before she was.
 */
import type { HelpCallView } from '../../shared/domain';
import { callKiosk } from '../lib/kiosk-api';

/** How often the screen asks whether the call has arrived: the centre usually answers within a second. */
const FOLLOW_MS = 500;

export class HelpCall {
  call = $state<HelpCallView | null>(null);
  failed = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  async raise(sessionId: string): Promise<void> {
    if (this.call) return;
    this.failed = false;
    const result = await callKiosk((api) => api.raiseHelpCall({ sessionId, screen: 'help' }));
    if (!result.ok) {
      this.failed = true;
      return;
    }
    this.call = result.value;
    this.#follow();
  }

  #follow(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      const current = this.call;
      if (!current || current.toldAt !== null) return clearInterval(this.#timer);
      void callKiosk((api) => api.getHelpCall({ callId: current.callId })).then((result) => {
        if (result.ok) this.call = result.value;
      });
    }, FOLLOW_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

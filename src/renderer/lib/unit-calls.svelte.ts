/**
 * The unit's open help calls from the other kiosks, on a fleet kiosk: read from main twice a second (main
 * keeps them as the centre last said, refreshed on its NOTIFY), with a soft chime when a call is new here.
 */
import { UNIT_HELP_CALLS_POLL_MS, type UnitHelpCall } from '../../shared/domain';
import { chime } from './chime';
import { callKiosk } from './kiosk-api';

const keyOf = (call: Pick<UnitHelpCall, 'kioskId' | 'localId'>) => `${call.kioskId}/${call.localId}`;

export class UnitCalls {
  calls = $state<UnitHelpCall[]>([]);
  /** The calls already chimed for (not state: nothing on screen depends on it). */
  #seen: readonly string[] = [];

  /** Reads the list once; `volume` is the chime's (0 silences it). */
  async refresh(volume: number): Promise<void> {
    const result = await callKiosk((api) => api.listUnitHelpCalls());
    if (!result.ok) return;
    const fresh = result.value.some((call) => !this.#seen.includes(keyOf(call)));
    this.#seen = result.value.map(keyOf);
    this.calls = result.value;
    if (fresh) chime.play(volume);
  }

  /** Polls while the returned function is not called. */
  watch(volume: () => number): () => void {
    void this.refresh(volume());
    const timer = setInterval(() => void this.refresh(volume()), UNIT_HELP_CALLS_POLL_MS);
    return () => clearInterval(timer);
  }

  /** An answered call leaves this screen at once, before the next read. */
  drop(call: { kioskId: string; localId: number }): void {
    this.calls = this.calls.filter((open) => keyOf(open) !== keyOf(call));
  }
}

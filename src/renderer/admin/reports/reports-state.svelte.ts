/**
 * What the Reports tab shows and how it changes: the kiosk's time zone and rooms, the chosen dates (a preset or two
 * dates) and room, and the report for them. Only the answer to the latest request is shown, so a slow answer for
 * dates no longer chosen never replaces a newer one.
 */
import type { RoomSummary, UsageReport } from '../../../shared/domain';
import { callKiosk } from '../../lib/kiosk-api';
import { kioskClock } from '../../lib/kiosk-clock.svelte';
import type { AdminCall } from '../admin-call.svelte';
import {
  checkRange,
  localToday,
  presetRange,
  type DateRange,
  type RangePreset,
  type RangeProblem,
} from './report-range';

export class ReportsState {
  timeZone = $state<string | null>(null);
  rooms = $state<RoomSummary[]>([]);
  preset = $state<RangePreset>('last30');
  range = $state<DateRange | null>(null);
  customFrom = $state('');
  customTo = $state('');
  rangeProblem = $state<RangeProblem | null>(null);
  /** The room picker's value: '' for all rooms, else a room id. */
  roomChoice = $state('');
  report = $state<UsageReport | null>(null);
  loading = $state(false);

  /** The kiosk's local date today, once its time zone is known. */
  readonly today = $derived(this.timeZone ? localToday(kioskClock.now, this.timeZone) : null);
  readonly roomId = $derived(this.roomChoice === '' ? null : Number(this.roomChoice));

  readonly #staffToken: () => string;
  readonly #call: AdminCall;
  #requestNumber = 0;

  constructor(staffToken: () => string, call: AdminCall) {
    this.#staffToken = staffToken;
    this.#call = call;
  }

  /** The chosen room's name, or `allRooms` in a sentence. */
  roomLabel(allRooms: string): string {
    return this.rooms.find((room) => room.id === this.roomId)?.name ?? allRooms;
  }

  /** Reads the time zone and the rooms, then shows the last 30 days. */
  async start(): Promise<void> {
    const staffToken = this.#staffToken();
    const [settings, rooms] = await Promise.all([
      this.#call.load((api) => api.getSettings({ staffToken })),
      // Without the room list the reports still show, for all rooms.
      callKiosk((api) => api.listAllRooms({ staffToken })),
    ]);
    if (!settings) return;
    if (rooms.ok) this.rooms = rooms.value;
    this.timeZone = settings.timeZone;
    this.choosePreset('last30');
  }

  async load(): Promise<void> {
    if (!this.range) return;
    const request = ++this.#requestNumber;
    const { from, to } = this.range;
    const roomId = this.roomId;
    const staffToken = this.#staffToken();
    this.loading = true;
    const report = await this.#call.load((api) =>
      api.getUsageReport({ staffToken, from, to, ...(roomId === null ? {} : { roomId }) }),
    );
    if (request !== this.#requestNumber) return;
    this.loading = false;
    if (report) this.report = report;
  }

  choosePreset(chosen: RangePreset): void {
    this.preset = chosen;
    this.rangeProblem = null;
    if (!this.today) return;
    if (chosen === 'custom') {
      this.customFrom = this.range?.from ?? this.today;
      this.customTo = this.range?.to ?? this.today;
      return;
    }
    this.range = presetRange(chosen, this.today);
    void this.load();
  }

  /** The two dates typed: shown if they make a range, else the problem is kept for the picker to say. */
  showCustom(): void {
    const chosen = { from: this.customFrom, to: this.customTo };
    this.rangeProblem = checkRange(chosen);
    if (this.rangeProblem) return;
    this.range = chosen;
    void this.load();
  }
}

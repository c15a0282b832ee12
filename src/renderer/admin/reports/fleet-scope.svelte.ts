/**
 * The Reports tab's scope in a kiosk that joined a hospital fleet: this kiosk (its own report, in its time zone), its
 * unit or the whole hospital (the fleet's totals per UTC day). Only the answer to the latest request is shown, as for
 * the kiosk's own report.
 */
import type { FleetReportAnswer, FleetScope } from '../../../shared/fleet-report';
import { callKiosk } from '../../lib/kiosk-api';
import type { AdminCall } from '../admin-call.svelte';
import type { DateRange } from './report-range';

export type ReportScope = 'kiosk' | FleetScope;
export const REPORT_SCOPES: readonly ReportScope[] = ['kiosk', 'unit', 'hospital'];

export class FleetScopeState {
  /** Known once getKioskStatus answers; a kiosk outside a fleet never shows the choice. */
  inFleet = $state(false);
  scope = $state<ReportScope>('kiosk');
  answer = $state<FleetReportAnswer | null>(null);
  loading = $state(false);

  readonly #staffToken: () => string;
  readonly #call: AdminCall;
  #requestNumber = 0;
  #lastAsked = '';

  constructor(staffToken: () => string, call: AdminCall) {
    this.#staffToken = staffToken;
    this.#call = call;
  }

  async start(): Promise<void> {
    const status = await callKiosk((api) => api.getKioskStatus());
    if (status.ok) this.inFleet = status.value.inFleet;
  }

  /**
   * Asks for the unit's or hospital's figures for these dates; nothing for this kiosk's own scope, nor again for the
   * scope and dates last asked unless `again` (staff pressed "Try again").
   */
  async load(range: DateRange | null, again = false): Promise<void> {
    const scope = this.scope;
    if (scope === 'kiosk' || !range) return;
    const asked = `${scope} ${range.from} ${range.to}`;
    if (asked === this.#lastAsked && !again) return;
    this.#lastAsked = asked;
    const request = ++this.#requestNumber;
    const staffToken = this.#staffToken();
    this.loading = true;
    const answer = await this.#call.load((api) => api.getFleetReport({ staffToken, scope, ...range }));
    if (request !== this.#requestNumber) return;
    this.loading = false;
    this.answer = answer;
  }

  choose(scope: ReportScope, range: DateRange | null): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.answer = null;
    // A pending answer for the scope left behind is not shown.
    this.#requestNumber++;
    this.#lastAsked = '';
    this.loading = false;
    void this.load(range);
  }
}

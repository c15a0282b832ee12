import type { CentralMigration } from './central-migration';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';
import { staffDirectory } from './003-staff-directory';
import { contentPacks } from './004-content-packs';
import { sessionEventCounts } from './005-session-event-counts';
import { eventDetailText } from './006-event-detail-text';
import { helpCalls } from './007-help-calls';
import { roomStates } from './008-room-states';
import { publishedSettings } from './009-published-settings';
import { fleetBadgeKey } from './010-fleet-badge-key';
import { stationKiosks } from './011-station-kiosks';

/** Every step of the central schema, oldest first. Append only: a shipped step is never edited. */
export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [
  fleetSchema,
  dailyTotals,
  staffDirectory,
  contentPacks,
  sessionEventCounts,
  eventDetailText,
  helpCalls,
  roomStates,
  publishedSettings,
  fleetBadgeKey,
  stationKiosks,
];

import type { Migration } from './migration';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';
import { timerKindsAndSides } from './003-timer-kinds-and-sides';
import { reportIndexes } from './004-report-indexes';
import { staffBadges } from './005-staff-badges';
import { sessionRollups } from './006-session-rollups';
import { fleetOutbox } from './007-fleet-outbox';
import { fleetStaff } from './008-fleet-staff';
import { fleetBadges } from './009-fleet-badges';
import { helpCalls } from './010-help-calls';

/** Every schema step, oldest first. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  kioskState,
  timerKindsAndSides,
  reportIndexes,
  staffBadges,
  sessionRollups,
  fleetOutbox,
  fleetStaff,
  fleetBadges,
  helpCalls,
];

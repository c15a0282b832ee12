import type { CentralMigration } from './central-migration';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';
import { staffDirectory } from './003-staff-directory';
import { contentPacks } from './004-content-packs';
import { helpCalls } from './007-help-calls';

/** Every step of the central schema, oldest first. Append only: a shipped step is never edited. */
export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [
  fleetSchema,
  dailyTotals,
  staffDirectory,
  contentPacks,
  helpCalls,
];

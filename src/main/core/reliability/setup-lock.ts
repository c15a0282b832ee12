import type { KioskDatabase } from '../db/open-database';
import { readKioskState } from '../repositories/kiosk-state-repository';

/**
 * Set when a folder that held a kiosk had to be recovered: first-run setup (which needs no sign-in) stays closed even
 * if the restored database has no admin; the staff command adds one.
 */
export const SETUP_LOCKED_KEY = 'setupLocked';

export function isSetupLocked(db: KioskDatabase): boolean {
  return readKioskState(db, SETUP_LOCKED_KEY) === true;
}

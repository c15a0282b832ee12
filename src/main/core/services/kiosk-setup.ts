import type { Language, NurseCallWay, SetupResult } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { insertRoom } from '../repositories/rooms-repository';
import { countActiveAdmins, insertStaff, nextStaffNumber } from '../repositories/staff-repository';
import { isSetupLocked } from '../reliability/setup-lock';
import { hashPin } from './pin-hashing';
import { saveSettings } from './settings-service';

export interface SetupRequest {
  kioskName: string;
  rooms: string[];
  admin: { displayName: string; pin: string; staffNumber?: string | undefined };
  language?: Language | undefined;
  nurseCall?: NurseCallWay | undefined;
  phoneExtension?: string | undefined;
}

/** Only a folder that never held a kiosk offers first-run setup (see reliability/setup-lock.ts). */
export function isSetupRequired(db: KioskDatabase): boolean {
  return countActiveAdmins(db) === 0 && !isSetupLocked(db);
}

/**
 * First run: the kiosk name and language, how parents reach a nurse, its rooms and the first admin, all in one
 * transaction, and only while no admin exists
 * (so the setup screen cannot be used later to create a second way in).
 */
export async function completeSetup(db: KioskDatabase, clock: Clock, request: SetupRequest): Promise<SetupResult> {
  if (!isSetupRequired(db)) throw new KioskError('conflict', 'This kiosk is already set up.');
  const credentials = await hashPin(request.admin.pin);
  return db
    .transaction(() => {
      if (!isSetupRequired(db)) throw new KioskError('conflict', 'This kiosk is already set up.');
      const staffNumber = request.admin.staffNumber ?? nextStaffNumber(db);
      saveSettings(db, {
        kioskName: request.kioskName,
        ...(request.language ? { defaultLanguage: request.language } : {}),
        ...(request.nurseCall ? { nurseCall: request.nurseCall } : {}),
        ...(request.phoneExtension !== undefined ? { phoneExtension: request.phoneExtension } : {}),
      });
      request.rooms.forEach((name, index) => insertRoom(db, { name, sortOrder: index + 1 }));
      const adminId = insertStaff(db, {
        staffNumber,
        displayName: request.admin.displayName,
        role: 'admin',
        ...credentials,
        createdAt: clock.now(),
      });
      insertAuditEntry(db, {
        at: clock.now(),
        staffId: adminId,
        action: 'settings-changed',
        detail: { change: 'first-run setup', rooms: request.rooms.length },
      });
      return { staffNumber };
    })
    .immediate();
}

import type { ApiMethodName } from '../../../shared/api-methods';
import type { CallerContext } from './caller-context';
import type { ApiResults, ParsedInput } from '../../../shared/contract';
import type { StorageAlert } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { ContentLibrary } from '../content/content-library';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { completeSetup, isSetupRequired } from '../services/kiosk-setup';
import type { RoomAdmin } from '../services/room-admin';
import { roomBoard } from '../services/room-board';
import type { RoomSessions } from '../services/room-sessions';
import { nurseCallProblem } from '../../../shared/settings';
import { loadSettings, saveSettings } from '../services/settings-service';
import type { StaffAdmin } from '../services/staff-admin';
import type { StaffAuth } from '../services/staff-auth';
// Timers (issue 5).
import type { Timers } from '../services/timers';
// Reports and usage export (issue 6).
import type { UsageExports } from '../export/usage-exports';
import type { ChooseExportFile } from '../export/export-file-chooser';
import { saveReportPdf } from '../reports/report-pdf';
import { buildUsageReport } from '../reports/usage-report';
// Storage health (reliability helper).
import { dismissStorageAlert } from '../reliability/storage-alert';

export interface HandlerContext {
  db: KioskDatabase;
  content: ContentLibrary;
  clock: Clock;
  staffAuth: StaffAuth;
  staffAdmin: StaffAdmin;
  roomAdmin: RoomAdmin;
  roomSessions: RoomSessions;
  /** The parent's timers (timers helper). */
  timers: Timers;
  /** Storage health (reliability helper): what getKioskStatus reports to staff; none when absent. */
  storageAlert?: () => StorageAlert | null;
  /** Usage exports (reports helper): streams to a file staff choose; see export/usage-exports.ts. */
  usageExports: UsageExports;
  /** Where files staff save go: the shell's save dialog, or the data folder's exports/. */
  chooseFile: ChooseExportFile;
}

/** One function per contract method; each receives input already validated by the method's schema. */
export type HandlerTable = {
  [M in ApiMethodName]: (input: ParsedInput<M>, caller: CallerContext) => ApiResults[M] | Promise<ApiResults[M]>;
};

/**
 * The one handler table. The Electron IPC shell and the loopback bridge both call exactly this, through dispatch.
 * Staff methods take the sign-in token first; admin methods require the admin role.
 */
export function createHandlers(context: HandlerContext): HandlerTable {
  const { db, clock, content, staffAuth, staffAdmin, roomAdmin, roomSessions } = context;
  const admin = (staffToken: string) => staffAuth.require(staffToken, 'admin');

  return {
    getKioskStatus(_input, caller) {
      const settings = loadSettings(db);
      return {
        kioskName: settings.kioskName,
        setupRequired: isSetupRequired(db),
        languages: settings.languages,
        defaultLanguage: settings.defaultLanguage,
        now: clock.now(),
        helpText: settings.helpText,
        nurseCall: settings.nurseCall,
        phoneExtension: settings.phoneExtension,
        signOutAfterSeconds: settings.signOutAfterSeconds,
        cleaningStepEnabled: settings.cleaningStepEnabled,
        // The room board's attract loop (parent hub helper).
        attractAfterIdleSeconds: settings.attractAfterIdleSeconds,
        attractIntervalSeconds: settings.attractIntervalSeconds,
        // Night theme and chime (timers helper).
        nightSchedule: settings.nightSchedule,
        chimeVolume: settings.chimeVolume,
        nightChimeVolume: settings.nightChimeVolume,
        // Storage health (reliability helper).
        storageAlert: context.storageAlert?.() ?? null,
        canSavePdf: caller.printToPdf !== undefined,
      };
    },

    listRooms: () => roomBoard(db),

    completeSetup: (input) => completeSetup(db, clock, input),

    signIn: ({ staffNumber, pin }) => staffAuth.signIn(staffNumber, pin),

    signOut({ staffToken }) {
      staffAuth.signOut(staffToken);
      return { signedOut: true };
    },

    keepSignedIn({ staffToken }) {
      return { expiresAt: staffAuth.keepAlive(staffToken) };
    },

    startSession({ staffToken, roomId, kind, language }) {
      const staff = staffAuth.require(staffToken);
      const started = roomSessions.start({ roomId, kind, language, startedBy: staff.staffId });
      // The screen now belongs to the parent: the nurse's sign-in ends with the hand-over.
      staffAuth.signOut(staffToken);
      return started;
    },

    endSession(input) {
      if (input.reason === 'completed') return roomSessions.end(input.sessionId, 'completed', null);
      const staff = staffAuth.require(input.staffToken);
      return roomSessions.end(input.sessionId, 'staff-ended', staff.staffId);
    },

    markRoomCleaned({ staffToken, roomId }) {
      return roomAdmin.markCleaned(roomId, staffAuth.require(staffToken).staffId);
    },

    recordSessionEvent({ sessionId, type, detail }) {
      roomSessions.recordEvent(sessionId, type, detail);
      return { recorded: true };
    },

    getContent: ({ language }) => content.pack(language),

    getIllustrations: () => content.illustrations(),

    // The parent's timers (timers helper): services/timers.ts.
    listTimers: ({ sessionId }) => context.timers.list(sessionId),
    startTimer: (request) => context.timers.start(request),
    pauseTimer: ({ timerId }) => context.timers.pause(timerId),
    resumeTimer: ({ timerId }) => context.timers.resume(timerId),
    addMinute: ({ timerId }) => context.timers.addMinute(timerId),
    cancelTimer: ({ timerId }) => context.timers.cancel(timerId),
    acknowledgeTimer: ({ timerId }) => context.timers.acknowledge(timerId),
    switchSide: ({ timerId }) => context.timers.switchSide(timerId),

    listStaff({ staffToken }) {
      admin(staffToken);
      return staffAdmin.list();
    },

    addStaff({ staffToken, ...request }) {
      return staffAdmin.add(request, admin(staffToken).staffId);
    },

    updateStaff({ staffToken, staffId, ...change }) {
      return staffAdmin.update(staffId, change, admin(staffToken).staffId);
    },

    resetStaffPin({ staffToken, staffId, pin }) {
      return staffAdmin.resetPin(staffId, pin, admin(staffToken).staffId);
    },

    listAllRooms({ staffToken }) {
      admin(staffToken);
      return roomAdmin.list();
    },

    addRoom: ({ staffToken, name }) => roomAdmin.add(name, admin(staffToken).staffId),

    renameRoom: ({ staffToken, roomId, name }) => roomAdmin.rename(roomId, name, admin(staffToken).staffId),

    reorderRooms: ({ staffToken, order }) => roomAdmin.reorder(order, admin(staffToken).staffId),

    setRoomActive: ({ staffToken, roomId, active }) => roomAdmin.setActive(roomId, active, admin(staffToken).staffId),

    getSettings({ staffToken }) {
      admin(staffToken);
      return loadSettings(db);
    },

    updateSettings({ staffToken, changes }) {
      const staff = admin(staffToken);
      if (changes.defaultLanguage || changes.languages) {
        const next = { ...loadSettings(db), ...changes };
        if (!next.languages.includes(next.defaultLanguage)) {
          throw new KioskError('invalid-input', 'The default language must be one of the languages offered.');
        }
      }
      if (changes.nurseCall !== undefined || changes.phoneExtension !== undefined) {
        const problem = nurseCallProblem({ ...loadSettings(db), ...changes });
        if (problem) throw new KioskError('invalid-input', `Settings not saved: ${problem}.`);
      }
      db.transaction(() => {
        const keys = saveSettings(db, changes);
        insertAuditEntry(db, {
          at: clock.now(),
          staffId: staff.staffId,
          action: 'settings-changed',
          detail: { keys: keys.join(',') },
        });
      })();
      return loadSettings(db);
    },

    getContentProblems({ staffToken }) {
      admin(staffToken);
      return content.problems();
    },

    // Reports and usage export (reports helper): reports/usage-report.ts, export/usage-exports.ts.
    getUsageReport({ staffToken, from, to, roomId }) {
      admin(staffToken);
      return buildUsageReport(db, { from, to, roomId, timeZone: loadSettings(db).timeZone, now: clock.now() });
    },

    exportUsage({ staffToken, ...request }) {
      const staff = admin(staffToken);
      return context.usageExports.exportWithChooser(request, { staffId: staff.staffId, via: 'kiosk' });
    },

    getUsageExportProgress({ staffToken }) {
      admin(staffToken);
      return context.usageExports.progress();
    },

    cancelUsageExport({ staffToken }) {
      admin(staffToken);
      return { cancelled: context.usageExports.cancel() };
    },

    saveReportPdf({ staffToken, month, language }, caller) {
      const { staffId } = admin(staffToken);
      return saveReportPdf({ db, clock, chooseFile: context.chooseFile }, { staffId, month, language }, caller);
    },

    // Storage health (reliability helper): reliability/storage-alert.ts.
    dismissStorageAlert({ staffToken }) {
      dismissStorageAlert(db, clock, admin(staffToken).staffId);
      return { storageAlert: context.storageAlert?.() ?? null };
    },
  };
}

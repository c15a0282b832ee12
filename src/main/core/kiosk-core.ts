import { resolve } from 'node:path';
import { systemClock, type Clock } from './clock';
import { openContentLibrary } from './content/content-library';
import { createDispatch, type Dispatch, type DispatchLogger } from './api/dispatch';
import { createHandlers, type HandlerTable } from './api/handlers';
import { databasePath } from './data-folder';
import { openDatabase, type KioskDatabase } from './db/open-database';
import { closeOverdueSessions } from './services/auto-close';
import { RoomAdmin } from './services/room-admin';
import { RoomSessions } from './services/room-sessions';
import { loadSettings } from './services/settings-service';
import { StaffAdmin } from './services/staff-admin';
import { StaffAuth } from './services/staff-auth';

export interface KioskCoreOptions {
  dataFolder: string;
  clock?: Clock;
  /** Electron-ABI better-sqlite3 build, passed by the app only. */
  nativeBinding?: string;
  logger?: DispatchLogger;
  /** The folder holding content/ and illustrations/ (the app's resources). Default: ./resources from the working folder. */
  resourcesFolder?: string;
  /** Run housekeeping (auto-close) every minute. Off for tests and one-shot command-line tools. */
  housekeepingEveryMinute?: boolean;
}

export interface KioskCore {
  readonly db: KioskDatabase;
  readonly clock: Clock;
  readonly handlers: HandlerTable;
  readonly staffAdmin: StaffAdmin;
  /** Validate and run one API call: the single entry point for IPC and the browser bridge. */
  readonly dispatch: Dispatch;
  /** Close sessions past the auto-close limit; runs at open and (optionally) every minute. Answers how many. */
  runHousekeeping(): number;
  close(): void;
}

/** Opens the kiosk's database in a data folder and wires the services. No Electron here: runs under plain Node. */
export function openKioskCore(options: KioskCoreOptions): KioskCore {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? console;
  const content = openContentLibrary(options.resourcesFolder ?? resolve('resources'), options.dataFolder);
  const db = openDatabase(databasePath(options.dataFolder), { nativeBinding: options.nativeBinding });
  const staffAuth = new StaffAuth(db, clock, () => loadSettings(db).signOutAfterSeconds * 1000);
  const staffAdmin = new StaffAdmin(db, clock);
  const roomAdmin = new RoomAdmin(db, clock);
  const roomSessions = new RoomSessions(db, clock, () => loadSettings(db).cleaningStepEnabled);
  const handlers = createHandlers({ db, clock, content, staffAuth, staffAdmin, roomAdmin, roomSessions });

  const runHousekeeping = () => closeOverdueSessions(db, clock, roomSessions, loadSettings(db).autoCloseAfterMinutes);
  // Sessions found open after a crash or restart stay open (their room shows them) unless past the limit.
  runHousekeeping();
  const timer = options.housekeepingEveryMinute
    ? setInterval(() => {
        try {
          runHousekeeping();
        } catch (error) {
          logger.error('housekeeping failed', error);
        }
      }, 60_000)
    : undefined;
  timer?.unref();

  let closed = false;
  return {
    db,
    clock,
    handlers,
    staffAdmin,
    dispatch: createDispatch(handlers, logger),
    runHousekeeping,
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      db.close();
    },
  };
}

import { systemClock, type Clock } from './clock';
import { createDispatch, type Dispatch, type DispatchLogger } from './api/dispatch';
import { createHandlers, type HandlerTable } from './api/handlers';
import { databasePath } from './data-folder';
import { openDatabase, type KioskDatabase } from './db/open-database';
import { RoomSessions } from './services/room-sessions';
import { loadSettings } from './services/settings-service';
import { StaffAuth } from './services/staff-auth';

export interface KioskCoreOptions {
  dataFolder: string;
  clock?: Clock;
  /** Electron-ABI better-sqlite3 build, passed by the app only. */
  nativeBinding?: string;
  logger?: DispatchLogger;
}

export interface KioskCore {
  readonly db: KioskDatabase;
  readonly handlers: HandlerTable;
  /** Validate and run one API call: the single entry point for IPC and the browser bridge. */
  readonly dispatch: Dispatch;
  close(): void;
}

/** Opens the kiosk's database in a data folder and wires the services. No Electron here: runs under plain Node. */
export function openKioskCore(options: KioskCoreOptions): KioskCore {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(databasePath(options.dataFolder), { nativeBinding: options.nativeBinding });
  const staffAuth = new StaffAuth(db, clock, () => loadSettings(db).signOutAfterSeconds * 1000);
  const roomSessions = new RoomSessions(db, clock, () => loadSettings(db).cleaningStepEnabled);
  const handlers = createHandlers({ db, clock, staffAuth, roomSessions });
  let closed = false;
  return {
    db,
    handlers,
    dispatch: createDispatch(handlers, options.logger),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

import type { FleetBadgeKey } from './services/badge-hashing';
import { resolve } from 'node:path';
import { systemClock, type Clock } from './clock';
import {
  offerPublishedPack,
  storedPublishedVersion,
  type PackOffer,
  type PackOfferAnswer,
  type PublishedPackTarget,
} from './content/accept-published-pack';
import { openContentLibrary, type ContentLibrary } from './content/content-library';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers, type HandlerTable } from './api/handlers';
import type { WriteFleetExport } from './api/fleet-export-port';
import type { ReadFleetReport } from './api/fleet-report-port';
import type { ReadRemoteRooms } from './api/remote-rooms-port';
import type { KioskDatabase } from './db/open-database';
// Reliability: start-up check and recovery, backups, storage alerts.
import { createHousekeepingGuard } from './reliability/housekeeping-guard';
import { openKioskStorage, type KioskStorage } from './reliability/kiosk-storage';
import { closeOverdueSessions } from './services/auto-close';
import { RoomAdmin } from './services/room-admin';
import { RoomSessions } from './services/room-sessions';
import { HelpCalls } from './services/help-calls';
import { finishInterruptedBulkLoad } from './services/session-rollups';
import { offerCentreSettings, type CentreSettingsAnswer, type CentreSettingsOffer } from './services/centre-settings';
import { loadSettings } from './services/settings-service';
import { StaffAdmin } from './services/staff-admin';
import { StaffAuth } from './services/staff-auth';
// Timers.
import { Timers } from './services/timers';
// Reports, usage export and retention.
import { join } from 'node:path';
import { openDatabase } from './db/open-database';
import { exportFileChooser, type ChooseExportFile } from './export/export-file-chooser';
import { UsageExports } from './export/usage-exports';
import { createStreamUsageExport, type StreamUsageExport } from './export/stream-export';
import { purgeIfDue, type PurgeResult } from './reports/retention';
// The kiosk's log.
import { createFileLogger, LOG_FOLDER } from './logging/file-logger';
import type { KioskLogger } from './logging/kiosk-logger';
import type { LogLevel } from './logging/log-levels';
import { createRendererProblems } from './logging/renderer-problems';

export interface KioskCoreOptions {
  dataFolder: string;
  clock?: Clock;
  /** Electron-ABI better-sqlite3 build, passed by the app only. */
  nativeBinding?: string;
  /** Where failures and notable calls are written. Default: rotated files in <dataFolder>/logs at `logLevel`. */
  logger?: KioskLogger;
  /** The default logger's level (`--log-level`); ignored when a logger is passed. */
  logLevel?: LogLevel;
  /** The folder holding content/ and illustrations/ (the app's resources). Default: ./resources from the working folder. */
  resourcesFolder?: string;
  /** Run housekeeping (auto-close) every minute. Off for tests and one-shot command-line tools. */
  housekeepingEveryMinute?: boolean;
  /**
   * Reliability: an online backup every hour when anything changed (with housekeeping) and one at close(), kept by age
   * in <dataFolder>/backups (see reliability/backup-retention.ts). Default on; the restore at start-up needs them.
   */
  backups?: boolean;
  /**
   * Reliability: start-up checks only the tables that do not grow with history; the whole file is checked on a worker
   * thread this many milliseconds after start-up (see KioskStorage.checkInBackground). Default: 5 s when housekeeping
   * runs every minute (the app), else never (tests and one-shot tools call it themselves when they want it).
   */
  checkAfterStartMs?: number | null;
  /** The check after start-up found the database damaged: the shell restarts the kiosk, whose start-up recovers. */
  onDatabaseDamaged?: (reason: string) => void;
  /**
   * Usage export: where an export from the admin screen is saved (the Electron shell shows a save dialog).
   * Default: <dataFolder>/exports/.
   */
  chooseExportFile?: ChooseExportFile;
  /**
   * The fleet's reader of unit and hospital figures for this database, logging to the kiosk's log (the shell's and the
   * browser preview's; see api/fleet-report-port.ts).
   */
  fleetReports?: (db: KioskDatabase, logger: KioskLogger) => ReadFleetReport;
  /** The fleet's writer of unit and hospital exports for this database (the shell's; see api/fleet-export-port.ts). */
  fleetExports?: (db: KioskDatabase, logger: KioskLogger) => WriteFleetExport;
  /** The room board's other rooms of the unit, kept in memory by the fleet's listener (see api/remote-rooms-port.ts). */
  remoteRooms?: ReadRemoteRooms;
  /** The fleet's badge key while the kiosk is in a fleet (see services/badge-hashing.ts); absent: never. */
  fleetBadgeKey?: FleetBadgeKey;
}

export interface KioskCore {
  readonly db: KioskDatabase;
  readonly clock: Clock;
  /** The kiosk's log, for the layers above core that run beside it (the fleet's delivery). */
  readonly logger: KioskLogger;
  readonly handlers: HandlerTable;
  readonly staffAdmin: StaffAdmin;
  /** "Call a nurse": this kiosk's calls, and the unit's from the other kiosks once the fleet attaches them. */
  readonly helpCalls: HelpCalls;
  /** Validate and run one API call: the single entry point for IPC and the browser bridge. */
  readonly dispatch: Dispatch;
  /** Close sessions past the auto-close limit; runs at open and (optionally) every minute. Answers how many. */
  runHousekeeping(): number;
  /** Timers: finishes countdowns that ran out; runs at open and (with housekeeping) every second. */
  sweepTimers(): number;
  /** Reliability: the start-up recovery (if any) and the storage alert; see reliability/kiosk-storage.ts. */
  readonly storage: KioskStorage;
  /** Takes the hourly online backup when one is due (housekeeping calls it); answers the file or null. */
  backUpIfDue(): Promise<string | null>;
  /** Usage exports: the same code path for the admin screen, the command line and a download endpoint. */
  readonly usageExports: UsageExports;
  /** An admin's export straight into a stream (the bridge's download endpoint): exportUsage's input and audit. */
  readonly exportUsageToStream: StreamUsageExport;
  /** Retention: deletes sessions past the retention setting when a daily run is due (housekeeping calls it). */
  runRetention(): PurgeResult | null;
  /**
   * A content pack published from the fleet's centre (the fleet's puller offers it): checked as the shipped content
   * is, stored and audited, and shown from the next start; a refused one is audited and changes nothing.
   */
  offerContentPack(offer: PackOffer): PackOfferAnswer;
  /** The published pack's version shown now, and the one stored for the next start (null: none). */
  publishedContent(): { inUse: number | null; stored: number | null };
  /**
   * The settings the fleet's centre published for the hospital and this kiosk's unit (the fleet's puller offers
   * them): checked with the settings' own schema, then stored, audited and in use at once; a refused offer is
   * audited and changes nothing.
   */
  offerCentreSettings(offer: CentreSettingsOffer): CentreSettingsAnswer;
  /** Takes a last backup (when anything changed) and closes the database. */
  close(): void;
}

/** Says in the log how many old sessions a retention run deleted, if any. */
function logPurge(logger: KioskLogger, result: PurgeResult | null): PurgeResult | null {
  if (result && result.sessions > 0) {
    logger.info?.(
      `retention: ${result.sessions} session(s) older than ${new Date(result.cutoff).toISOString()} deleted` +
        (result.complete ? '' : ', more to delete in the next run'),
    );
  }
  return result;
}

/** The services on one database, and the handler table over them. */
function openServices(
  options: KioskCoreOptions,
  {
    db,
    clock,
    logger,
    content,
    storageAlert,
  }: {
    db: KioskDatabase;
    clock: Clock;
    logger: KioskLogger;
    content: ContentLibrary;
    storageAlert: KioskStorage['alert'];
  },
) {
  const staffAuth = new StaffAuth(
    db,
    clock,
    () => loadSettings(db).signOutAfterSeconds * 1000,
    () => loadSettings(db).badgeNeedsPin,
    options.fleetBadgeKey,
  );
  const staffAdmin = new StaffAdmin(db, clock, options.fleetBadgeKey);
  const roomAdmin = new RoomAdmin(db, clock);
  // Timers: ending a session stops its timers in the same transaction.
  const timers = new Timers(db, clock, content);
  const roomSessions = new RoomSessions(
    db,
    clock,
    () => loadSettings(db).cleaningStepEnabled,
    (session, endedAt) => timers.cancelForSession(session.id, endedAt),
  );
  // Usage export: each export streams from its own read-only connection (WAL: a consistent snapshot).
  // Files staff save (exports, the monthly PDF): the shell's save dialog, else the data folder's exports/.
  const chooseFile = exportFileChooser(options.chooseExportFile, join(options.dataFolder, 'exports'));
  const usageExports = new UsageExports({
    db,
    clock,
    openReader: () => openDatabase(db.name, { readonly: true, nativeBinding: options.nativeBinding }),
    chooseFile,
  });
  const helpCalls = new HelpCalls(db, clock);
  const handlers = createHandlers({
    helpCalls,
    db,
    clock,
    content,
    staffAuth,
    staffAdmin,
    roomAdmin,
    roomSessions,
    timers,
    storageAlert,
    usageExports,
    chooseFile,
    rendererProblems: createRendererProblems(logger, clock),
    readFleetReport: options.fleetReports?.(db, logger),
    writeFleetExport: options.fleetExports?.(db, logger),
    readRemoteRooms: options.remoteRooms,
  });
  return { staffAuth, staffAdmin, roomSessions, timers, usageExports, helpCalls, handlers };
}

/** Once first-run setup succeeds, the folder is marked as holding a kiosk: a lost database never offers setup. */
function markAfterSetup(storage: KioskStorage, dispatch: Dispatch): Dispatch {
  return async (method, rawInput, caller) => {
    const result = await dispatch(method, rawInput, caller);
    if (method === 'completeSetup' && result.ok) storage.markHeldKiosk();
    return result;
  };
}

/** Opens the kiosk's database in a data folder and wires the services. No Electron here: runs under plain Node. */
/** What the fleet's pullers hand to core: content packs and settings published at the centre. */
function fromTheCentre(
  target: PublishedPackTarget & { content: ContentLibrary },
): Pick<KioskCore, 'offerContentPack' | 'offerCentreSettings' | 'publishedContent'> {
  return {
    offerContentPack: (offer) => offerPublishedPack(target, offer),
    offerCentreSettings: (offer) => offerCentreSettings(target, offer),
    publishedContent: () => ({
      inUse: target.content.publishedVersionInUse(),
      stored: storedPublishedVersion(target.dataFolder),
    }),
  };
}

export function openKioskCore(options: KioskCoreOptions): KioskCore {
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ?? createFileLogger({ folder: join(options.dataFolder, LOG_FOLDER), level: options.logLevel });
  const content = openContentLibrary(options.resourcesFolder ?? resolve('resources'), options.dataFolder);
  // Throws a typed storage-unavailable error for a data folder that cannot be used; recovers a damaged database.
  const storage = openKioskStorage({
    dataFolder: options.dataFolder,
    clock,
    logger,
    nativeBinding: options.nativeBinding,
    backups: options.backups ?? true,
    onDamage: options.onDatabaseDamaged,
  });
  const db = storage.db;
  // A bulk load of history cut short left the per-day totals and event counts idle: recount them before use.
  finishInterruptedBulkLoad(db);
  const { staffAuth, staffAdmin, roomSessions, timers, usageExports, helpCalls, handlers } = openServices(options, {
    db,
    clock,
    logger,
    content,
    storageAlert: storage.alert,
  });
  logger.info?.(
    `kiosk core open: data folder ${options.dataFolder}` +
      (storage.recovery ? `, database recovered at start (${storage.recovery.reason})` : ', database checked'),
  );

  const guard = createHousekeepingGuard(logger, storage.noteStorageFailure);
  const runHousekeeping = () => {
    const closed = closeOverdueSessions(db, clock, roomSessions, loadSettings(db).autoCloseAfterMinutes);
    if (closed > 0) logger.info?.(`housekeeping: ${closed} session(s) past the auto-close limit were closed`);
    return closed;
  };
  // Sessions found open after a crash or restart stay open (their room shows them) unless past the limit.
  runHousekeeping();
  const timer = options.housekeepingEveryMinute
    ? setInterval(() => {
        // A deleted or replaced database file is noticed within a minute even when no one presses anything.
        storage.checkFile();
        guard('checkpoint', () => storage.checkpoint());
        guard('housekeeping', runHousekeeping);
        // Retention: a daily purge in batches, when the setting is on.
        guard('retention purge', () => logPurge(logger, purgeIfDue(db, clock)));
        void storage.backUpIfDue();
      }, 60_000)
    : undefined;
  timer?.unref();
  if (options.housekeepingEveryMinute) void storage.backUpIfDue();
  // Timers: settle timers found after a restart now, then finish countdowns within a second of running out
  // even when no screen is asking (the renderer also reads them lazily through listTimers).
  timers.sweep();
  const timerSweep = options.housekeepingEveryMinute
    ? setInterval(() => guard('timer sweep', () => timers.sweep()), 1_000)
    : undefined;
  timerSweep?.unref();
  // After the board is up, so the check's reads do not compete with start-up.
  const checkAfterStartMs = options.checkAfterStartMs ?? (options.housekeepingEveryMinute ? 5_000 : null);
  const startCheck =
    checkAfterStartMs === null ? undefined : setTimeout(() => void storage.checkInBackground(), checkAfterStartMs);
  startCheck?.unref();

  let closed = false;
  return {
    db,
    clock,
    logger,
    handlers,
    staffAdmin,
    helpCalls,
    // Reliability: a save failure noted by dispatch clears itself once a call commits a write again.
    dispatch: storage.clearFailureOnWrite(
      markAfterSetup(
        storage,
        createDispatch({
          handlers,
          authorize: (staffToken, role) => staffAuth.require(staffToken, role),
          logger,
          onStorageFailure: storage.noteStorageFailure,
        }),
      ),
    ),
    runHousekeeping,
    sweepTimers: () => timers.sweep(),
    usageExports,
    exportUsageToStream: createStreamUsageExport(staffAuth, usageExports, logger),
    runRetention: () => logPurge(logger, purgeIfDue(db, clock)),
    storage,
    backUpIfDue: () => storage.backUpIfDue(),
    ...fromTheCentre({ db, dataFolder: options.dataFolder, clock, logger, content }),
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      if (timerSweep) clearInterval(timerSweep);
      if (startCheck) clearTimeout(startCheck);
      storage.close();
    },
  };
}

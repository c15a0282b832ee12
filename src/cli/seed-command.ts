import { statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { databasePath, resolveDataFolder } from '../main/core/data-folder';
import { openDatabase } from '../main/core/db/open-database';
import { formatCalendarDate, parseCalendarDate } from '../main/core/reports/local-days';
import { countSessions } from '../main/core/repositories/history-writer-repository';
import { insertRoom, listActiveRooms } from '../main/core/repositories/rooms-repository';
import { insertStaff, listStaff, nextStaffNumber } from '../main/core/repositories/staff-repository';
import { hashPin } from '../main/core/services/pin-hashing';
import { withBulkLoad } from '../main/core/services/session-rollups';
import { loadSettings, saveSettings } from '../main/core/services/settings-service';
import { isValidTimeZone } from '../shared/settings';
import { dataFolderProblem } from '../main/core/data-folder-check';
import { checkKnownFlags, flag, integerFlag, UsageError } from '../commands/cli-args';
import { defaultDays, MAX_SESSIONS_PER_ROOM_DAY, writeSyntheticHistory } from './seed-history';
import { randomBytes } from 'node:crypto';

export const SEED_USAGE = `Usage: npm run seed -- --data-dir DIR --sessions N [--rooms R] [--days D] [--seed S]
                        [--until YYYY-MM-DD] [--time-zone ZONE]

Writes synthetic usage history (for benchmarks, demos and report checks; never into a real kiosk's database):
N ended sessions with guide, slide, timer and help events, spread over the D days up to --until (default today,
in the kiosk's time zone), at busy and quiet hours, in R rooms. The same --seed gives the same history.
Creates the database, the rooms ("Room 1", …) and a few nurses when missing; refuses a database that already has
sessions.

  --sessions N   1 to 10,000,000
  --rooms R      1 to 500 (default: the active rooms, or 4)
  --days D       1 to 3,650 (default: enough days for about 10 sessions per room per day)
  --seed S       0 to 4,294,967,295 (default 1)
  --time-zone Z  an IANA zone such as America/New_York: stored as the kiosk's time zone setting before writing`;

export interface SeedIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Today's date for the default --until; injected by tests. */
  now?: () => number;
}

const KNOWN_FLAGS = new Set(['--data-dir', '--sessions', '--rooms', '--days', '--seed', '--until', '--time-zone']);
const SEED_NURSES = 6;

/** Answers the process exit code: 0 done, 1 refused (history already present), 2 bad usage. */
export async function runSeedCommand(argv: string[], io: SeedIo): Promise<number> {
  try {
    if (argv.includes('--help') || argv.length === 0) {
      io.stdout.write(`${SEED_USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    checkKnownFlags(argv, KNOWN_FLAGS);
    if (flag(argv, '--data-dir') === undefined && !io.env.KIOSK_DATA_DIR) {
      throw new UsageError('--data-dir is required: the folder for kiosk.db.');
    }
    const sessions = integerFlag(argv, '--sessions', 1, 10_000_000);
    if (sessions === undefined) throw new UsageError('--sessions is required: how many sessions to write.');
    const roomsFlag = integerFlag(argv, '--rooms', 1, 500);
    const daysFlag = integerFlag(argv, '--days', 1, 3650);
    const seed = integerFlag(argv, '--seed', 0, 4_294_967_295) ?? 1;
    const untilFlag = flag(argv, '--until');
    if (untilFlag !== undefined && parseCalendarDate(untilFlag) === undefined) {
      throw new UsageError(`--until must be a date like 2026-03-31 (got "${untilFlag}").`);
    }
    const zoneFlag = flag(argv, '--time-zone');
    if (zoneFlag !== undefined && !isValidTimeZone(zoneFlag)) {
      throw new UsageError(`--time-zone must be an IANA time zone such as America/New_York (got "${zoneFlag}").`);
    }
    const dataFolder = resolveDataFolder(argv, io.env, '');
    const folderProblem = dataFolderProblem(dataFolder);
    if (folderProblem !== null) throw new UsageError(folderProblem);

    const started = performance.now();
    const db = openDatabase(databasePath(dataFolder));
    // A large page cache for this bulk job only: index pages of a million sessions stay in memory while writing.
    db.pragma('cache_size = -262144');
    try {
      const existing = countSessions(db);
      if (existing > 0) {
        io.stderr.write(
          `The database at ${databasePath(dataFolder)} already has ${existing} sessions. ` +
            'Synthetic history goes only into an empty one (use a new --data-dir).\n',
        );
        return 1;
      }
      if (zoneFlag !== undefined) saveSettings(db, { timeZone: zoneFlag });
      const settings = loadSettings(db);
      const activeRooms = listActiveRooms(db);
      const roomCount = roomsFlag ?? (activeRooms.length || 4);
      const days = daysFlag ?? defaultDays(sessions, roomCount);
      if (sessions > roomCount * days * MAX_SESSIONS_PER_ROOM_DAY) {
        throw new UsageError(
          `${sessions} sessions do not fit in ${roomCount} rooms over ${days} days ` +
            `(at most ${MAX_SESSIONS_PER_ROOM_DAY} per room per day): add --rooms or --days.`,
        );
      }
      const now = io.now?.() ?? Date.now();
      const until = untilFlag ?? todayIn(settings.timeZone, now);
      const from = formatCalendarDate(parseCalendarDate(until)! - (days - 1) * 86_400_000);

      const roomIds = activeRooms.slice(0, roomCount).map((room) => room.id);
      const staffIds = listStaff(db)
        .filter((member) => !member.disabled)
        .map((member) => member.id);
      // Seed nurses get a random PIN nobody knows: they exist to have started sessions, not to sign in.
      const newNurses = staffIds.length === 0 ? SEED_NURSES : 0;
      const pins = await Promise.all(
        Array.from({ length: newNurses }, () => hashPin(String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0'))),
      );
      db.transaction(() => {
        for (let room = roomIds.length; room < roomCount; room++) {
          roomIds.push(insertRoom(db, { name: `Room ${room + 1}` }));
        }
        for (let nurse = 0; nurse < newNurses; nurse++) {
          const staffNumber = nextStaffNumber(db);
          staffIds.push(
            insertStaff(db, {
              staffNumber,
              displayName: `Seed nurse ${nurse + 1}`,
              role: 'nurse',
              ...pins[nurse]!,
              createdAt: now,
            }),
          );
        }
      })();

      // Rollups and event summaries are counted once after the load rather than by a trigger per row during it.
      const { events } = withBulkLoad(db, () =>
        writeSyntheticHistory(db, {
          sessions,
          roomIds,
          staffIds,
          from,
          to: until,
          timeZone: settings.timeZone,
          seed,
          autoCloseMinutes: settings.autoCloseAfterMinutes,
        }),
      );
      db.pragma('wal_checkpoint(TRUNCATE)');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const megabytes = (statSync(databasePath(dataFolder)).size / 1e6).toFixed(0);
      io.stdout.write(
        `Wrote ${sessions} sessions and ${events} events in ${roomCount} rooms, ${from} to ${until} ` +
          `(${settings.timeZone}, seed ${seed}) in ${seconds} s: ${databasePath(dataFolder)} (${megabytes} MB)\n`,
      );
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${SEED_USAGE}\n`);
      return 2;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Today's local date in a time zone. */
export function todayIn(timeZone: string, now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

import { statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { databasePath, resolveDataFolder } from '../main/core/data-folder';
import { openDatabase, type KioskDatabase } from '../main/core/db/open-database';
import { formatCalendarDate, parseCalendarDate } from '../main/core/reports/local-days';
import { countSessions } from '../main/core/repositories/history-writer-repository';
import { insertRoom, listActiveRooms } from '../main/core/repositories/rooms-repository';
import { insertStaff, listStaff, nextStaffNumber } from '../main/core/repositories/staff-repository';
import { hashPin } from '../main/core/services/pin-hashing';
import { readFleetLink } from '../main/core/repositories/fleet-outbox-repository';
import { withBulkLoad } from '../main/core/services/session-rollups';
import { loadSettings, saveSettings } from '../main/core/services/settings-service';
import { isValidTimeZone } from '../shared/settings';
import { dataFolderProblem } from '../main/core/data-folder-check';
import { checkKnownFlags, flag, integerFlag, reportFailure, UsageError } from '../commands/cli-args';
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

/** What the command line asks for, checked before the database is opened. */
interface SeedRequest {
  dataFolder: string;
  sessions: number;
  rooms: number | undefined;
  days: number | undefined;
  seed: number;
  until: string | undefined;
  timeZone: string | undefined;
}

/** Answers the process exit code: 0 done, 1 refused (history already present, or a kiosk in a fleet), 2 bad usage. */
export async function runSeedCommand(argv: string[], io: SeedIo): Promise<number> {
  if (argv.includes('--help') || argv.length === 0) {
    io.stdout.write(`${SEED_USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    return await seedDatabase(readSeedRequest(argv, io.env), io);
  } catch (error) {
    return reportFailure(error, SEED_USAGE, io.stderr);
  }
}

function readSeedRequest(argv: string[], env: NodeJS.ProcessEnv): SeedRequest {
  checkKnownFlags(argv, KNOWN_FLAGS);
  if (flag(argv, '--data-dir') === undefined && !env.KIOSK_DATA_DIR) {
    throw new UsageError('--data-dir is required: the folder for kiosk.db.');
  }
  const sessions = integerFlag(argv, '--sessions', 1, 10_000_000);
  if (sessions === undefined) throw new UsageError('--sessions is required: how many sessions to write.');
  const rooms = integerFlag(argv, '--rooms', 1, 500);
  const days = integerFlag(argv, '--days', 1, 3650);
  const seed = integerFlag(argv, '--seed', 0, 4_294_967_295) ?? 1;
  const until = flag(argv, '--until');
  if (until !== undefined && parseCalendarDate(until) === undefined) {
    throw new UsageError(`--until must be a date like 2026-03-31 (got "${until}").`);
  }
  const timeZone = flag(argv, '--time-zone');
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new UsageError(`--time-zone must be an IANA time zone such as America/New_York (got "${timeZone}").`);
  }
  const dataFolder = resolveDataFolder(argv, env, '');
  const folderProblem = dataFolderProblem(dataFolder);
  if (folderProblem !== null) throw new UsageError(folderProblem);
  return { dataFolder, sessions, rooms, days, seed, until, timeZone };
}

/** Writes the history into an empty database (answering 0), or refuses one that has sessions (answering 1). */
async function seedDatabase(request: SeedRequest, io: SeedIo): Promise<number> {
  const started = performance.now();
  const file = databasePath(request.dataFolder);
  const db = openDatabase(file);
  // A large page cache for this bulk job only: index pages of a million sessions stay in memory while writing.
  db.pragma('cache_size = -262144');
  try {
    const existing = countSessions(db);
    if (existing > 0) {
      io.stderr.write(
        `The database at ${file} already has ${existing} sessions. ` +
          'Synthetic history goes only into an empty one (use a new --data-dir).\n',
      );
      return 1;
    }
    if (readFleetLink(db) !== undefined) {
      io.stderr.write(
        `The kiosk at ${file} belongs to a fleet: synthetic history goes only into a kiosk outside one ` +
          '(use a new --data-dir).\n',
      );
      return 1;
    }
    const now = io.now?.() ?? Date.now();
    // Every refusal comes before the first write: a request that does not fit changes no setting.
    const span = seedSpan(request, listActiveRooms(db).length, request.timeZone ?? loadSettings(db).timeZone, now);
    if (request.timeZone !== undefined) saveSettings(db, { timeZone: request.timeZone });
    const settings = loadSettings(db);
    const { roomIds, staffIds } = await addRoomsAndNurses(db, span.roomCount, now);
    // Rollups and event summaries are counted once after the load rather than by a trigger per row during it.
    const { events } = withBulkLoad(db, () =>
      writeSyntheticHistory(db, {
        sessions: request.sessions,
        roomIds,
        staffIds,
        from: span.from,
        to: span.until,
        timeZone: settings.timeZone,
        seed: request.seed,
        autoCloseMinutes: settings.autoCloseAfterMinutes,
      }),
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const megabytes = (statSync(file).size / 1e6).toFixed(0);
    io.stdout.write(
      `Wrote ${request.sessions} sessions and ${events} events in ${span.roomCount} rooms, ${span.from} to ` +
        `${span.until} (${settings.timeZone}, seed ${request.seed}) in ${seconds} s: ${file} (${megabytes} MB)\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/** How many rooms, and which local dates: refused when the sessions cannot fit in them. */
function seedSpan(request: SeedRequest, activeRooms: number, timeZone: string, now: number) {
  const roomCount = request.rooms ?? (activeRooms || 4);
  const days = request.days ?? defaultDays(request.sessions, roomCount);
  if (request.sessions > roomCount * days * MAX_SESSIONS_PER_ROOM_DAY) {
    throw new UsageError(
      `${request.sessions} sessions do not fit in ${roomCount} rooms over ${days} days ` +
        `(at most ${MAX_SESSIONS_PER_ROOM_DAY} per room per day): add --rooms or --days.`,
    );
  }
  const until = request.until ?? todayIn(timeZone, now);
  const from = formatCalendarDate(parseCalendarDate(until)! - (days - 1) * 86_400_000);
  return { roomCount, from, until };
}

/**
 * The rooms the history is spread over (the active ones first, then new "Room N" up to roomCount), and the staff who
 * start its sessions: the active staff, or a few new nurses when there are none.
 */
async function addRoomsAndNurses(db: KioskDatabase, roomCount: number, now: number) {
  const roomIds = listActiveRooms(db)
    .slice(0, roomCount)
    .map((room) => room.id);
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
    pins.forEach((pin, nurse) => {
      const staffNumber = nextStaffNumber(db);
      staffIds.push(
        insertStaff(db, { staffNumber, displayName: `Seed nurse ${nurse + 1}`, role: 'nurse', ...pin, createdAt: now }),
      );
    });
  })();
  return { roomIds, staffIds };
}

/** Today's local date in a time zone. */
export function todayIn(timeZone: string, now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

import type { Clock } from '../../core/clock';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import type { HomeRoomState } from '../../core/services/room-board';
import type { RemoteKiosk, RemoteRoomsAnswer } from '../../../shared/remote-rooms';
import type { CentralConnection } from '../central/central-connection';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import { ROOM_STATES_CHANNEL } from '../central/migrations/008-room-states';
import { publishRoomStates, readUnitRoomStates, type UnitRoomState } from '../central/room-states';
import { backoffDelay, type BackoffPolicy } from './delivery-backoff';
import { describeDeliveryError } from './delivery-errors';
import { wakeableSleep } from './wakeable-sleep';

export interface RoomBoardSyncOptions {
  connection: ConnectionSettings;
  kioskId: string;
  /** host:port/database, for messages. */
  server: string;
  clock: Clock;
  logger: KioskLogger;
  /** This kiosk's rooms now: a short synchronous SQLite read (core's homeRoomStates). */
  readHomeRooms: () => HomeRoomState[];
  /** How often the home rooms are compared with what was last published. */
  checkMs?: number;
  /**
   * How often the unit's rooms are read again without a notification: a pooler that drops notifications, and the
   * check that the centre still answers (a network cut without a word is noticed within this plus the query timeout).
   */
  refreshMs?: number;
  /** How often unchanged home rooms are published again, so other kiosks' "as of" says this kiosk is still there. */
  republishMs?: number;
  /** Connecting and each statement; the board never waits on either, but a stalled network is noticed by them. */
  connectTimeoutSeconds?: number;
  queryTimeoutMs?: number;
  backoff?: BackoffPolicy;
}

export interface RoomBoardSync {
  /** The unit's other rooms as last heard, answered from memory at once. */
  view(): RemoteRoomsAnswer;
  /** Stops; never touches the connection or the database afterwards. */
  stop(): Promise<void>;
}

/** Retries sooner than delivery's backoff: this is a live view, and each try is one small statement. */
export const ROOM_BOARD_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000 };

/** What another kiosk's board would show of the home rooms; when it changes, they are published at once. */
const fingerprint = (rooms: readonly HomeRoomState[]) =>
  JSON.stringify(rooms.map((room) => [room.id, room.name, room.state, room.since]));

/** The centre's rows grouped under their home kiosk's name, with its ages turned into this kiosk's times. */
function groupByKiosk(rows: readonly UnitRoomState[], readAt: number): RemoteKiosk[] {
  const kiosks = new Map<string, RemoteKiosk>();
  for (const row of rows) {
    let kiosk = kiosks.get(row.kioskId);
    if (!kiosk) kiosks.set(row.kioskId, (kiosk = { kioskName: row.kioskName, rooms: [] }));
    kiosk.rooms.push({
      roomId: row.roomId,
      name: row.name,
      state: row.state,
      since: row.sinceAgoMs === null ? null : readAt - row.sinceAgoMs,
      asOf: readAt - row.updatedAgoMs,
    });
  }
  return [...kiosks.values()];
}

/** The home rooms as the centre takes them: how long ago each state began, so ages are on the centre's clock. */
function statesToPublish(home: ReturnType<RoomBoardSyncOptions['readHomeRooms']>, at: number) {
  return home.map((room) => ({
    roomId: room.id,
    name: room.name,
    state: room.state,
    sinceAgoMs: room.since === null ? null : at - room.since,
  }));
}

/**
 * The live room board across the kiosks of a unit, in the kiosk's main process beside delivery, over its own
 * connection (a LISTEN needs one that stays open; delivery's may be busy with a backlog for minutes).
 *
 * Home rooms go to the centre as their latest state, not through the outbox: a board needs only the newest state of
 * each room, so after an outage one write replaces whatever changed meanwhile instead of a backlog of old states. They
 * are compared with the last publish every `checkMs` (a short SQLite read), published on start, on each change, and
 * again every `republishMs`. Other kiosks' rooms are read on a notification naming another kiosk, and every
 * `refreshMs`. Nothing here is on a nurse's path: the board reads `view()` from memory, and a failure only marks since
 * when the view is old, logs once per run of failures, and retries with a short backoff.
 */
export function startRoomBoardSync(options: RoomBoardSyncOptions): RoomBoardSync {
  const checkMs = options.checkMs ?? 500;
  const refreshMs = options.refreshMs ?? 15_000;
  const republishMs = options.republishMs ?? 60_000;
  const policy = options.backoff ?? ROOM_BOARD_BACKOFF;
  let sql: CentralConnection | null = null;
  let stopped = false;
  let failures = 0;
  let published: string | null = null;
  let lastPublish = -Infinity;
  let lastRead = -Infinity;
  let readRequested = true;
  let kiosks: RemoteKiosk[] = [];
  let readAt: number | null = null;
  let centreLostSince: number | null = null;
  const sleeper = wakeableSleep();

  const drop = async () => {
    const old = sql;
    sql = null;
    await old?.end();
  };
  const connection = async (): Promise<CentralConnection> => {
    if (sql?.failure) await drop();
    if (sql) return sql;
    const opened = openCentral(options.connection, {
      connectTimeoutSeconds: options.connectTimeoutSeconds ?? 5,
      queryTimeoutMs: options.queryTimeoutMs ?? 5_000,
    });
    sql = opened;
    // Each new connection listens again; anything missed meanwhile is caught by the read that follows.
    await opened.listen(ROOM_STATES_CHANNEL, (kioskId) => {
      if (kioskId === options.kioskId) return;
      readRequested = true;
      sleeper.wake();
    });
    readRequested = true;
    return opened;
  };

  const step = async () => {
    const central = await connection();
    const home = options.readHomeRooms();
    const shown = fingerprint(home);
    const now = performance.now();
    if (shown !== published || now - lastPublish >= republishMs) {
      await publishRoomStates(central, statesToPublish(home, options.clock.now()));
      published = shown;
      lastPublish = now;
    }
    if (readRequested || now - lastRead >= refreshMs) {
      readRequested = false;
      const rows = await readUnitRoomStates(central);
      if (stopped) return;
      readAt = options.clock.now();
      kiosks = groupByKiosk(rows, readAt);
      lastRead = performance.now();
    }
    if (failures > 0) options.logger.info?.(`fleet: the room board reaches ${options.server} again`);
    failures = 0;
    centreLostSince = null;
  };

  const loop = async () => {
    while (!stopped) {
      let wait = checkMs;
      try {
        await step();
        // A notification that came during the step: read again almost at once, not after a whole check's wait.
        if (readRequested) wait = Math.min(wait, 50);
      } catch (error) {
        if (stopped) break;
        await drop();
        failures += 1;
        centreLostSince ??= options.clock.now();
        // Published again whole on return: whatever changed meanwhile, only the newest state matters.
        published = null;
        if (failures === 1) {
          options.logger.warn?.(
            `fleet: room board: ${describeDeliveryError(error, options.server, 'the board will try again')}`,
          );
        }
        wait = backoffDelay(failures, policy);
      }
      if (!stopped) await sleeper.sleep(wait);
    }
  };
  const running = loop().catch((error: unknown) => options.logger.error('fleet: room board stopped', error));

  return {
    view: () => ({ status: 'shown', kiosks, readAt, centreLostSince }),
    async stop() {
      stopped = true;
      sleeper.wake();
      await drop();
      await running;
    },
  };
}

/**
 * `npx tsx bench/fleet-client-choice.ts`: the measurement behind the fleet's PostgreSQL client. node-postgres (with
 * pg-copy-streams for COPY) and postgres.js do the same two jobs against one throwaway cluster, interleaved round by
 * round so both see the same machine load: a kiosk's batched idempotent upsert, and a COPY out for fleet exports.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import postgres from 'postgres';
import { startThrowawayCluster } from '../src/main/fleet/testing/throwaway-cluster';
import { median } from './statistics';

const ROWS = 20_000;
const BATCH = 500;
const COPY_ROWS = 300_000;
const ROUNDS = 5;

const UPSERT = `
  INSERT INTO t (kiosk_id, local_id, room, kind, started_at, ended_at)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
  ON CONFLICT (kiosk_id, local_id) DO UPDATE SET ended_at = excluded.ended_at`;
const COPY_OUT = `COPY (SELECT * FROM t_big ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)`;

function batchColumns(round: number, from: number): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], []];
  for (let id = from; id < from + BATCH; id++) {
    const row = [`k${round}`, id, `Room ${id % 31}`, 'pumping', 1_700_000_000_000 + id, 1_700_000_900_000 + id];
    row.forEach((value, index) => columns[index]!.push(value));
  }
  return columns;
}

const nullSink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

const cluster = await startThrowawayCluster();
const connection = {
  host: cluster.host,
  port: cluster.port,
  user: cluster.user,
  password: cluster.password,
  database: 'postgres',
};
const nodePg = new pg.Client(connection);
await nodePg.connect();
const js = postgres({ ...connection, username: cluster.user, max: 1, onnotice: () => {} });
await nodePg.query(`CREATE TABLE t (kiosk_id text, local_id bigint, room text, kind text, started_at bigint,
  ended_at bigint, PRIMARY KEY (kiosk_id, local_id))`);
await nodePg.query(`CREATE TABLE t_big AS SELECT g AS id, 'k' || (g % 100) AS kiosk_id, 'Room ' || (g % 31) AS room,
  'pumping' AS kind, 1700000000000 + g AS started_at, 1700000900000 + g AS ended_at FROM generate_series(1, ${COPY_ROWS}) g`);

const times = { pgUpsert: [] as number[], jsUpsert: [] as number[], pgCopy: [] as number[], jsCopy: [] as number[] };
const timed = async (into: number[], work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  into.push(performance.now() - started);
};

for (let round = 0; round < ROUNDS; round++) {
  await timed(times.pgUpsert, async () => {
    for (let from = 0; from < ROWS; from += BATCH) await nodePg.query(UPSERT, batchColumns(round * 2, from));
  });
  await timed(times.jsUpsert, async () => {
    for (let from = 0; from < ROWS; from += BATCH)
      await js.unsafe(UPSERT, batchColumns(round * 2 + 1, from) as never[]);
  });
  await timed(times.pgCopy, () => pipeline(nodePg.query(copyTo(COPY_OUT)), nullSink()));
  await timed(times.jsCopy, async () => pipeline(await js.unsafe(COPY_OUT).readable(), nullSink()));
}
const counted = await nodePg.query('SELECT count(*)::int AS n FROM t');
await nodePg.end();
await js.end();
cluster.stop();

const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
console.log(`rows upserted: ${counted.rows[0].n} (${ROUNDS * 2} × ${ROWS})`);
console.log(`batched upsert, ${ROWS} rows in batches of ${BATCH}, median of ${ROUNDS}:`);
console.log(`  node-postgres ${ms(times.pgUpsert)}   postgres.js ${ms(times.jsUpsert)}`);
console.log(`COPY out of ${COPY_ROWS} rows as CSV, median of ${ROUNDS}:`);
console.log(`  node-postgres + pg-copy-streams ${ms(times.pgCopy)}   postgres.js ${ms(times.jsCopy)}`);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { migrateCentral } from './central-migrate';
import { openCentral } from './connection-settings';
import { fleetRolePrefix, quoteIdentifier } from './fleet-roles';
import { addKiosk, listKiosks } from './kiosk-registry';

let fleet: FleetTestDatabase;
beforeAll(async () => {
  fleet = await createFleetTestDatabase();
});
afterAll(async () => {
  await fleet.drop();
});

async function waitFor(check: () => boolean, ms = 10_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('a connection the server ends while it is idle is reported, never thrown; later queries are refused with why', async () => {
  // Without a listener, the client's 'error' event would be thrown from the socket's callback and stop the process.
  const escaped: unknown[] = [];
  const note = (error: unknown) => void escaped.push(error);
  process.on('uncaughtException', note);
  const idle = openCentral(fleet.owner);
  const admin = openCentral(fleet.superuser);
  try {
    const [{ pid }] = (await idle.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    expect(idle.failure).toBeUndefined();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitFor(() => idle.failure !== undefined);
    expect(idle.failure?.message).toMatch(/terminat/i);
    await expect(idle.query('SELECT 1')).rejects.toBe(idle.failure);
    await idle.end();
    const fresh = openCentral(fleet.owner);
    expect(await fresh.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await fresh.end();
  } finally {
    await admin.end();
    process.off('uncaughtException', note);
  }
  expect(escaped).toEqual([]);
});

it('a connection the server ends mid-transaction rejects the work, and nothing of it lands', async () => {
  const owner = openCentral(fleet.owner);
  const admin = openCentral(fleet.superuser);
  try {
    await owner.query('CREATE TABLE public.cut (id int)');
    const worker = openCentral(fleet.owner);
    const [{ pid }] = (await worker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const work = worker.transaction(async (tx) => {
      await tx.query('INSERT INTO public.cut VALUES (1)');
      await tx.query('SELECT pg_sleep(30)');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(work).rejects.toThrow(/terminat/i);
    await worker.end();
    expect(await owner.query('SELECT * FROM public.cut')).toEqual([]);
  } finally {
    await owner.end();
    await admin.end();
  }
});

it('values travel as parameters, so quotes and backslashes in them are only data', async () => {
  const owner = openCentral(fleet.owner);
  try {
    await migrateCentral(owner);
    const name = `O'Brien's "4" West \\ '); DROP TABLE fleet.kiosks; --`;
    await addKiosk(owner, { name, unit: "Mother's & Baby" });
    expect(await listKiosks(owner)).toEqual([expect.objectContaining({ name, unit: "Mother's & Baby" })]);
  } finally {
    await owner.end();
  }
});

it('quotes identifiers by doubling their quotes, so a role with any name is created as named', async () => {
  expect(quoteIdentifier('fleet_kiosk')).toBe('"fleet_kiosk"');
  expect(quoteIdentifier('a"b')).toBe('"a""b"');
  const odd = `${fleetRolePrefix(fleet.owner.database)}_odd "role"; DROP ROLE x`;
  const owner = openCentral(fleet.owner);
  try {
    await owner.query(`CREATE ROLE ${quoteIdentifier(odd)} NOLOGIN`);
    expect(await owner.query('SELECT rolname FROM pg_roles WHERE rolname = $1', [odd])).toEqual([{ rolname: odd }]);
  } finally {
    await owner.end();
  }
});

it('a COPY its reader abandons closes the connection instead of leaving it stuck mid-COPY; a finished one counts its rows', async () => {
  const sql = openCentral(fleet.owner);
  try {
    const copy = sql.copyOut("COPY (SELECT repeat('x', 100) FROM generate_series(1, 2000000)) TO STDOUT");
    await new Promise<void>((resolve, reject) => {
      copy.once('data', () => resolve());
      copy.once('error', reject);
    });
    copy.destroy();
    await waitFor(() => sql.failure !== undefined);
    expect(sql.failure?.message).toMatch(/COPY was abandoned/);
    const started = Date.now();
    await expect(sql.query('SELECT 1')).rejects.toBe(sql.failure);
    expect(Date.now() - started).toBeLessThan(1_000);
  } finally {
    await sql.end();
  }
  const whole = openCentral(fleet.owner);
  try {
    const copy = whole.copyOut('COPY (SELECT n FROM generate_series(1, 1234) n) TO STDOUT');
    let text = '';
    for await (const chunk of copy) text += String(chunk);
    await whole.query('SELECT 1');
    expect(text.split('\n')).toHaveLength(1235);
    expect(copy.rowCount).toBe(1234);
  } finally {
    await whole.end();
  }
});

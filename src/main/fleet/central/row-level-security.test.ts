import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { migrateCentral } from './central-migrate';
import type { CentralConnection } from './central-connection';
import { openCentral } from './connection-settings';
import { fleetRoles, quoteIdentifier } from './fleet-roles';
import { addKiosk } from './kiosk-registry';

/** Each kiosk's own credentials, tried against another kiosk's rows: every attempt is refused by PostgreSQL itself. */
let fleet: FleetTestDatabase;
let owner: CentralConnection;
let west: CentralConnection;
let east: CentralConnection;
let reporter: CentralConnection;
let westId: string;
let eastId: string;

const session = (kioskId: string, localId: number) => ({
  kiosk_id: kioskId,
  local_id: localId,
  uuid: randomUUID(),
  room_local_id: 1,
  room_name: 'Room 1',
  kind: 'pumping',
  language: 'en',
  started_at: new Date('2026-12-01T10:00:00Z'),
  started_by: '104',
  outbox_seq: localId,
});

/** Inserts one row as `as`; the column names are this file's own, every value a bind parameter. */
function insert(as: CentralConnection, table: string, row: Record<string, unknown>): Promise<number> {
  const names = Object.keys(row);
  const placeholders = names.map((_, index) => `$${index + 1}`);
  return as.execute(`INSERT INTO fleet.${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')})`, [
    ...Object.values(row),
  ]);
}

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  await migrateCentral(owner);
  const w = await addKiosk(owner, { name: '4 West', unit: 'Maternity' });
  const e = await addKiosk(owner, { name: '5 East', unit: null });
  westId = w.kioskId;
  eastId = e.kioskId;
  west = openCentral({ ...fleet.owner, user: w.kioskId, password: w.password });
  east = openCentral({ ...fleet.owner, user: e.kioskId, password: e.password });
  const reportingLogin = `${fleetRoles(fleet.owner.database).reporting}_cli`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
  await insert(west, 'sessions', session(westId, 1));
  await insert(east, 'sessions', session(eastId, 1));
});
afterAll(async () => {
  await Promise.all([owner, west, east, reporter].map((sql) => sql?.end()));
  await fleet.drop();
});

describe('a kiosk', () => {
  it('writes and reads its own rows, and sees only its own registration', async () => {
    await insert(west, 'session_events', {
      kiosk_id: westId,
      local_id: 1,
      session_local_id: 1,
      at: new Date(),
      type: 'guide-opened',
      outbox_seq: 2,
    });
    expect(await west.query('SELECT kiosk_id, local_id FROM fleet.sessions')).toEqual([
      { kiosk_id: westId, local_id: '1' },
    ]);
    expect(await west.query('SELECT name, unit FROM fleet.kiosks')).toEqual([{ name: '4 West', unit: 'Maternity' }]);
    const ended = await west.execute(
      "UPDATE fleet.sessions SET ended_at = now(), end_reason = 'completed' WHERE local_id = 1",
    );
    expect(ended).toBe(1);
  });

  it('cannot insert a row in another kiosk’s name', async () => {
    await expect(insert(west, 'sessions', session(eastId, 2))).rejects.toThrow(/violates row-level security policy/);
    await expect(
      insert(west, 'audit_log', { kiosk_id: eastId, local_id: 9, at: new Date(), action: 'forged', outbox_seq: 1 }),
    ).rejects.toThrow(/violates row-level security policy/);
  });

  it('cannot read, update or take over another kiosk’s rows', async () => {
    expect(await west.query('SELECT * FROM fleet.sessions WHERE kiosk_id = $1', [eastId])).toHaveLength(0);
    expect(await west.query('SELECT * FROM fleet.kiosks WHERE kiosk_id = $1', [eastId])).toHaveLength(0);
    const updated = await west.execute("UPDATE fleet.sessions SET room_name = 'hijacked' WHERE kiosk_id = $1", [
      eastId,
    ]);
    expect(updated).toBe(0);
    await expect(west.query('UPDATE fleet.sessions SET kiosk_id = $1 WHERE local_id = 1', [eastId])).rejects.toThrow(
      /violates row-level security policy/,
    );
    expect(await owner.query('SELECT room_name FROM fleet.sessions WHERE kiosk_id = $1', [eastId])).toEqual([
      { room_name: 'Room 1' },
    ]);
  });

  it('cannot delete any row, not even its own, nor change written-once history', async () => {
    await expect(west.query('DELETE FROM fleet.sessions WHERE kiosk_id = $1', [eastId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(west.query('DELETE FROM fleet.sessions')).rejects.toThrow(/permission denied/);
    await expect(west.query("UPDATE fleet.session_events SET type = 'x'")).rejects.toThrow(/permission denied/);
    await expect(west.query('TRUNCATE fleet.sessions')).rejects.toThrow(/permission denied/);
  });

  it('cannot change the schema, register kiosks or raise its own privileges', async () => {
    await expect(west.query('CREATE TABLE fleet.mine (id int)')).rejects.toThrow(/permission denied/);
    await expect(west.query('ALTER TABLE fleet.sessions DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    await expect(west.query("INSERT INTO fleet.kiosks (kiosk_id, name) VALUES ('x', 'x')")).rejects.toThrow(
      /permission denied/,
    );
    await expect(west.query('SELECT * FROM fleet.schema_migrations')).rejects.toThrow(/permission denied/);
    await expect(west.query('CREATE ROLE another LOGIN')).rejects.toThrow(/permission denied/);
    await expect(
      west.query(`GRANT ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)} TO ${quoteIdentifier(westId)}`),
    ).rejects.toThrow(/permission denied|must have admin option/);
  });
});

describe('the reporting role', () => {
  it('reads every kiosk’s rows and writes none', async () => {
    const rows = await reporter.query<{ kiosk_id: string }>('SELECT kiosk_id FROM fleet.sessions ORDER BY kiosk_id');
    expect(rows.map((r) => r.kiosk_id).sort()).toEqual([westId, eastId].sort());
    expect(await reporter.query('SELECT name FROM fleet.kiosks ORDER BY name')).toEqual([
      { name: '4 West' },
      { name: '5 East' },
    ]);
    await expect(insert(reporter, 'sessions', session(westId, 7))).rejects.toThrow(/permission denied/);
    await expect(reporter.query('DELETE FROM fleet.sessions')).rejects.toThrow(/permission denied/);
  });
});

describe('add-kiosk', () => {
  it('refuses a name already registered, and makes no role for it', async () => {
    const before = await owner.query('SELECT count(*)::int AS n FROM pg_roles');
    await expect(addKiosk(owner, { name: '4 West', unit: null })).rejects.toThrow(/already registered/);
    expect(await owner.query('SELECT count(*)::int AS n FROM pg_roles')).toEqual(before);
  });

  it('keeps only a SCRAM verifier of the password on the server', async () => {
    const admin = openCentral(fleet.superuser);
    const rows = await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [westId]);
    await admin.end();
    expect(rows[0]?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  });
});

import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { migrateCentral } from './central-migrate';
import { openCentral } from './connection-settings';
import { fleetRoles, quoteIdentifier } from './fleet-roles';
import { addKiosk } from './kiosk-registry';

/** Each kiosk's own credentials, tried against another kiosk's rows: every attempt is refused by PostgreSQL itself. */
let fleet: FleetTestDatabase;
let owner: postgres.Sql;
let west: postgres.Sql;
let east: postgres.Sql;
let reporter: postgres.Sql;
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
  await owner.unsafe(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
  await west`INSERT INTO fleet.sessions ${west(session(westId, 1))}`;
  await east`INSERT INTO fleet.sessions ${east(session(eastId, 1))}`;
});
afterAll(async () => {
  await Promise.all([owner, west, east, reporter].map((sql) => sql?.end()));
  await fleet.drop();
});

describe('a kiosk', () => {
  it('writes and reads its own rows, and sees only its own registration', async () => {
    await west`INSERT INTO fleet.session_events ${west({ kiosk_id: westId, local_id: 1, session_local_id: 1, at: new Date(), type: 'guide-opened', outbox_seq: 2 })}`;
    expect(await west`SELECT kiosk_id, local_id FROM fleet.sessions`).toEqual([{ kiosk_id: westId, local_id: '1' }]);
    expect(await west`SELECT name, unit FROM fleet.kiosks`).toEqual([{ name: '4 West', unit: 'Maternity' }]);
    const ended = await west`UPDATE fleet.sessions SET ended_at = now(), end_reason = 'completed' WHERE local_id = 1`;
    expect(ended.count).toBe(1);
  });

  it('cannot insert a row in another kiosk’s name', async () => {
    await expect(west`INSERT INTO fleet.sessions ${west(session(eastId, 2))}`).rejects.toThrow(
      /violates row-level security policy/,
    );
    await expect(
      west`INSERT INTO fleet.audit_log ${west({ kiosk_id: eastId, local_id: 9, at: new Date(), action: 'forged', outbox_seq: 1 })}`,
    ).rejects.toThrow(/violates row-level security policy/);
  });

  it('cannot read, update or take over another kiosk’s rows', async () => {
    expect(await west`SELECT * FROM fleet.sessions WHERE kiosk_id = ${eastId}`).toHaveLength(0);
    expect(await west`SELECT * FROM fleet.kiosks WHERE kiosk_id = ${eastId}`).toHaveLength(0);
    const updated = await west`UPDATE fleet.sessions SET room_name = 'hijacked' WHERE kiosk_id = ${eastId}`;
    expect(updated.count).toBe(0);
    await expect(west`UPDATE fleet.sessions SET kiosk_id = ${eastId} WHERE local_id = 1`).rejects.toThrow(
      /violates row-level security policy/,
    );
    expect(await owner`SELECT room_name FROM fleet.sessions WHERE kiosk_id = ${eastId}`).toEqual([
      { room_name: 'Room 1' },
    ]);
  });

  it('cannot delete any row, not even its own, nor change written-once history', async () => {
    await expect(west`DELETE FROM fleet.sessions WHERE kiosk_id = ${eastId}`).rejects.toThrow(/permission denied/);
    await expect(west`DELETE FROM fleet.sessions`).rejects.toThrow(/permission denied/);
    await expect(west`UPDATE fleet.session_events SET type = 'x'`).rejects.toThrow(/permission denied/);
    await expect(west`TRUNCATE fleet.sessions`).rejects.toThrow(/permission denied/);
  });

  it('cannot change the schema, register kiosks or raise its own privileges', async () => {
    await expect(west`CREATE TABLE fleet.mine (id int)`).rejects.toThrow(/permission denied/);
    await expect(west`ALTER TABLE fleet.sessions DISABLE ROW LEVEL SECURITY`).rejects.toThrow(/must be owner/);
    await expect(west`INSERT INTO fleet.kiosks (kiosk_id, name) VALUES ('x', 'x')`).rejects.toThrow(
      /permission denied/,
    );
    await expect(west`SELECT * FROM fleet.schema_migrations`).rejects.toThrow(/permission denied/);
    await expect(west.unsafe(`CREATE ROLE another LOGIN`)).rejects.toThrow(/permission denied/);
    await expect(
      west.unsafe(`GRANT ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)} TO ${quoteIdentifier(westId)}`),
    ).rejects.toThrow(/permission denied|must have admin option/);
  });
});

describe('the reporting role', () => {
  it('reads every kiosk’s rows and writes none', async () => {
    const rows = await reporter`SELECT kiosk_id FROM fleet.sessions ORDER BY kiosk_id`;
    expect(rows.map((r) => r.kiosk_id).sort()).toEqual([westId, eastId].sort());
    expect(await reporter`SELECT name FROM fleet.kiosks ORDER BY name`).toEqual([
      { name: '4 West' },
      { name: '5 East' },
    ]);
    await expect(reporter`INSERT INTO fleet.sessions ${reporter(session(westId, 7))}`).rejects.toThrow(
      /permission denied/,
    );
    await expect(reporter`DELETE FROM fleet.sessions`).rejects.toThrow(/permission denied/);
  });
});

describe('add-kiosk', () => {
  it('refuses a name already registered, and makes no role for it', async () => {
    const before = await owner`SELECT count(*)::int AS n FROM pg_roles`;
    await expect(addKiosk(owner, { name: '4 West', unit: null })).rejects.toThrow(/already registered/);
    expect(await owner`SELECT count(*)::int AS n FROM pg_roles`).toEqual(before);
  });

  it('keeps only a SCRAM verifier of the password on the server', async () => {
    const admin = postgres({ ...fleet.superuser, username: fleet.superuser.user, max: 1 });
    const rows = await admin`SELECT rolpassword FROM pg_authid WHERE rolname = ${westId}`;
    await admin.end();
    expect(rows[0]?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { openCentral } from '../central/connection-settings';
import { findServerBinaries } from './throwaway-cluster';

it('says exactly what is missing when the server programs are not where it was told to look', () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-postgres-'));
  try {
    expect(findServerBinaries({ FLEET_PG_BIN: empty })).toEqual({
      missing: `FLEET_PG_BIN is ${empty}, but initdb and pg_ctl are not both there.`,
    });
  } finally {
    rmSync(empty, { recursive: true });
  }
});

it('runs a real server on loopback that asks for a password', async () => {
  const cluster = inject('fleetCluster');
  const base = {
    host: cluster.host,
    port: cluster.port,
    database: 'postgres',
    user: cluster.user,
    tls: 'disable' as const,
  };
  const sql = openCentral({ ...base, password: cluster.password });
  const [row] = await sql.query("SELECT current_setting('listen_addresses') AS listen, version() AS version");
  await sql.end();
  expect(row).toMatchObject({ listen: '127.0.0.1', version: expect.stringMatching(/^PostgreSQL \d+/) });
  const wrong = openCentral({ ...base, password: 'wrong' });
  await expect(wrong.query('SELECT 1')).rejects.toThrow(/password authentication failed/);
  await wrong.end();
});

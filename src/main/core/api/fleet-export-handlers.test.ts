import { afterEach, expect, it } from 'vitest';
import type { FleetExportResult } from '../../../shared/fleet-export';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { saveSettings } from '../services/settings-service';
import { callCore, setUpWard, signInToken } from '../testing/core-calls';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { makeTempFolder } from '../testing/temp-folder';
import type { FleetExportAnswer, FleetExportRequest, WriteFleetExport } from './fleet-export-port';

const PASSWORD = 'Sesame-42-correct-horse';
const opened: { core: KioskCore; folder: ReturnType<typeof makeTempFolder> }[] = [];
afterEach(() => {
  for (const { core, folder } of opened.splice(0)) {
    core.close();
    folder.cleanup();
  }
});

/** A writer that records what it was asked and answers `answer`. */
function recordingWriter(answer: FleetExportAnswer | Error) {
  const asked: FleetExportRequest[] = [];
  const write: WriteFleetExport = (request) => {
    asked.push(request);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { asked, write };
}

async function kiosk(options: { joined: boolean; writer?: WriteFleetExport; chosen?: string | null }) {
  const folder = makeTempFolder();
  const core = openKioskCore({
    dataFolder: folder.path,
    clock: new ManualClock(Date.UTC(2026, 3, 1, 9)),
    logger: { error: () => undefined },
    chooseExportFile: () => Promise.resolve(options.chosen === undefined ? `${folder.path}/out.csv` : options.chosen),
    ...(options.writer ? { fleetExports: () => options.writer! } : {}),
  });
  opened.push({ core, folder });
  await setUpWard(core, 'Ward 2');
  saveSettings(core.db, { timeZone: 'America/New_York' });
  if (options.joined) {
    insertFleetLink(core.db, { kioskId: 'k1', kioskName: '4 West', unit: 'Maternity', server: 's', joinedAt: 1 });
  }
  const staffToken = await signInToken(core, '100', '1234');
  const request = (changes: Record<string, unknown> = {}) => ({
    staffToken,
    scope: 'unit',
    from: '2026-03-01',
    to: '2026-03-31',
    separator: ';',
    reportingRole: 'kiosk_fleet_r_quality',
    reportingPassword: PASSWORD,
    ...changes,
  });
  const fleetExports = () => listAuditEntries(core.db).filter((entry) => entry.action === 'fleet-export');
  return { core, folder, staffToken, request, fleetExports };
}

it("resolves the kiosk's local dates, asks where to save, writes through the port and audits it without the password", async () => {
  const writer = recordingWriter({ status: 'written', rows: 12 });
  const { core, folder, request, fleetExports } = await kiosk({ joined: true, writer: writer.write });
  const result = await callCore<FleetExportResult>(core, 'exportFleetUsage', request());
  expect(result).toEqual({ outcome: 'written', scope: 'unit', fileName: `${folder.path}/out.csv`, rows: 12 });
  // March in New York: from midnight EST (05:00 UTC) to midnight EDT on 1 April (04:00 UTC).
  expect(writer.asked).toEqual([
    {
      scope: 'unit',
      start: Date.UTC(2026, 2, 1, 5),
      end: Date.UTC(2026, 3, 1, 4),
      timeZone: 'America/New_York',
      separator: ';',
      reporter: { role: 'kiosk_fleet_r_quality', password: PASSWORD },
      path: `${folder.path}/out.csv`,
    },
  ]);
  const [entry] = fleetExports();
  expect(entry).toMatchObject({
    staffId: 1,
    detail: {
      scope: 'unit',
      reportingRole: 'kiosk_fleet_r_quality',
      from: '2026-03-01',
      to: '2026-03-31',
      rows: 12,
      outcome: 'written',
    },
  });
  expect(JSON.stringify(listAuditEntries(core.db))).not.toContain(PASSWORD);
});

it('audits a refused attempt and answers its reason, with no file', async () => {
  const writer = recordingWriter({ status: 'refused' });
  const { core, request, fleetExports } = await kiosk({ joined: true, writer: writer.write });
  expect(await callCore(core, 'exportFleetUsage', request({ scope: 'hospital' }))).toEqual({
    outcome: 'not-written',
    reason: 'refused',
  });
  expect(fleetExports().map((entry) => entry.detail)).toEqual([
    expect.objectContaining({ scope: 'hospital', reportingRole: 'kiosk_fleet_r_quality', rows: 0, outcome: 'refused' }),
  ]);
  expect(JSON.stringify(listAuditEntries(core.db))).not.toContain(PASSWORD);
});

it('audits an export that failed unexpectedly as failed, and answers internal', async () => {
  const writer = recordingWriter(new Error('disk on fire'));
  const { core, request, fleetExports } = await kiosk({ joined: true, writer: writer.write });
  expect(await core.dispatch('exportFleetUsage', request())).toMatchObject({ ok: false, error: { code: 'internal' } });
  expect(fleetExports().map((entry) => entry.detail?.outcome)).toEqual(['failed']);
});

it('answers without asking where to save, nor the port, outside a fleet or where no writer was given', async () => {
  const writer = recordingWriter({ status: 'written', rows: 1 });
  const alone = await kiosk({ joined: false, writer: writer.write, chosen: null });
  expect(await callCore(alone.core, 'exportFleetUsage', alone.request())).toEqual({
    outcome: 'not-written',
    reason: 'not-in-fleet',
  });
  const preview = await kiosk({ joined: true });
  expect(await callCore(preview.core, 'exportFleetUsage', preview.request())).toEqual({
    outcome: 'not-written',
    reason: 'unavailable',
  });
  expect(writer.asked).toEqual([]);
  expect(alone.fleetExports()).toEqual([]);
});

it('does nothing when staff close the save dialog', async () => {
  const writer = recordingWriter({ status: 'written', rows: 1 });
  const { core, request, fleetExports } = await kiosk({ joined: true, writer: writer.write, chosen: null });
  expect(await callCore(core, 'exportFleetUsage', request())).toEqual({ outcome: 'cancelled' });
  expect(writer.asked).toEqual([]);
  expect(fleetExports()).toEqual([]);
});

it('is for admins only', async () => {
  const writer = recordingWriter({ status: 'written', rows: 1 });
  const { core, staffToken, request } = await kiosk({ joined: true, writer: writer.write });
  await callCore(core, 'addStaff', { staffToken, displayName: 'Bea', role: 'nurse', pin: '5678' });
  const nurse = await signInToken(core, '101', '5678');
  const before = databaseFingerprint(core.db);
  expect(await core.dispatch('exportFleetUsage', request({ staffToken: nurse }))).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect(writer.asked).toEqual([]);
  expect(databaseFingerprint(core.db)).toBe(before);
});

it('refuses bad input with a clear error that never repeats the password, and changes nothing', async () => {
  const writer = recordingWriter({ status: 'written', rows: 1 });
  const { core, request } = await kiosk({ joined: true, writer: writer.write });
  const before = databaseFingerprint(core.db);
  for (const bad of [
    { from: '2026-04-02', to: '2026-04-01' },
    { scope: 'kiosk' },
    { reportingRole: '' },
    { reportingPassword: '' },
    { reportingPassword: `${PASSWORD}\n` },
    { reportingPassword: PASSWORD.repeat(10) },
    { format: 'json' },
  ]) {
    const result = await core.dispatch('exportFleetUsage', request(bad));
    expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  }
  expect(writer.asked).toEqual([]);
  expect(databaseFingerprint(core.db)).toBe(before);
});

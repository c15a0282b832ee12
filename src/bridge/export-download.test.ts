import { randomUUID } from 'node:crypto';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../main/core/testing/csv-parser';
import { createHistoryWriter } from '../main/core/repositories/history-writer-repository';
import { insertRoom } from '../main/core/repositories/rooms-repository';
import { seedStaff } from '../main/core/testing/seed-staff';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { KIOSK_CSP } from '../shared/content-security-policy';
import { attachmentHeader } from './export-download';
import { startBridge, type RunningBridge } from './bridge-server';

const TOKEN = 'test-token-test-token-test-token-0123456789a';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POSTs to the download endpoint as the kiosk page would (unless headers say otherwise) and reads the whole answer. */
function post(
  port: number,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
  path = '/__kiosk/export',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${port}`,
          'Content-Type': 'application/json',
          'X-Kiosk-Token': TOKEN,
          Origin: `http://127.0.0.1:${port}`,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify(body) : undefined);
  });
}

/** A download the browser saves: answered 200 with its content type, as an attachment named `fileName`. */
function expectAttachment(answer: Answer, contentType: string, fileName: string): void {
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe(contentType);
  expect(answer.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
}

const auditedExports = (bridge: RunningBridge) =>
  bridge.core.db
    .prepare<[], { staff_id: number | null; detail: string }>(
      "SELECT staff_id, detail FROM audit_log WHERE action = 'export' ORDER BY id",
    )
    .all()
    .map((row) => ({ staffId: row.staff_id, ...(JSON.parse(row.detail) as Record<string, unknown>) }));

const FEBRUARY = { from: '2026-02-01', to: '2026-02-28' } as const;
const DAY = 86_400_000;

/**
 * Ended sessions spread evenly from `first` over `days` (kept a day inside the export range on both sides, so the
 * kiosk's time zone cannot move one out of it), each with five events.
 */
function seedHistory(
  db: RunningBridge['core']['db'],
  plan: { first: string; days: number; sessions: number; roomIds: number[]; staffId: number },
): void {
  const writer = createHistoryWriter(db);
  const start = Date.parse(`${plan.first}T00:00:00Z`);
  const gap = (plan.days * DAY) / plan.sessions;
  db.transaction(() => {
    for (let index = 0; index < plan.sessions; index++) {
      const startedAt = Math.round(start + index * gap);
      const sessionId = writer.insertSession({
        uuid: randomUUID(),
        roomId: plan.roomIds[index % plan.roomIds.length]!,
        kind: index % 3 === 0 ? 'breastfeeding' : 'pumping',
        language: index % 4 === 0 ? 'es' : 'en',
        startedAt,
        startedBy: plan.staffId,
        endedAt: startedAt + 20 * 60_000,
        endedBy: null,
        endReason: index % 20 === 0 ? 'auto-closed' : 'completed',
      });
      for (let event = 0; event < 5; event++) {
        writer.insertEvent(sessionId, startedAt + event * 60_000, 'guide-viewed', JSON.stringify({ guide: 'cradle' }));
      }
    }
  })();
}

describe('the bridge download endpoint for usage exports', () => {
  let data: { path: string; cleanup(): void };
  let bridge: RunningBridge;
  let adminToken: string;
  let nurseToken: string;
  let adminId: number;
  let sessions: number;

  async function signIn(staffNumber: string, pin: string): Promise<string> {
    const result = await bridge.core.dispatch('signIn', { staffNumber, pin });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { staffToken: string }).staffToken;
  }

  beforeEach(async () => {
    data = makeTempFolder('kiosk-bridge-export-');
    bridge = await startBridge({ dataFolder: data.path, rendererDir: data.path, token: TOKEN });
    const db = bridge.core.db;
    adminId = await seedStaff(db, { staffNumber: '100', pin: '9876', role: 'admin' });
    const nurseId = await seedStaff(db, { staffNumber: '42', pin: '2468', role: 'nurse' });
    const rooms = [insertRoom(db, { name: 'Room 1' }), insertRoom(db, { name: '=HYPERLINK("x"), 2' })];
    seedHistory(db, { first: '2026-02-02', days: 25, sessions: 500, roomIds: rooms, staffId: nurseId });
    sessions = (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    adminToken = await signIn('100', '9876');
    nurseToken = await signIn('42', '2468');
  });

  afterEach(async () => {
    await bridge.close();
    data.cleanup();
  });

  it('streams a CSV as an attachment with its row count, and audits it', async () => {
    const answer = await post(bridge.port, { staffToken: adminToken, what: 'sessions', format: 'csv', ...FEBRUARY });
    expectAttachment(answer, 'text/csv; charset=utf-8', 'lactation-sessions-2026-02-01-to-2026-02-28.csv');
    expect(answer.headers['x-kiosk-export-rows']).toBe(String(sessions));
    expect(answer.headers['content-security-policy']).toBe(KIOSK_CSP);
    const records = parseCsv(answer.body.toString('utf8').replace(/^\uFEFF/, ''));
    expect(records[0]![0]).toBe('id');
    expect(records.length - 1).toBe(sessions);
    expect(records.some((record) => record[1] === `'=HYPERLINK("x"), 2`)).toBe(true);
    expect(auditedExports(bridge)).toEqual([
      expect.objectContaining({
        staffId: adminId,
        what: 'sessions',
        format: 'csv',
        rows: sessions,
        outcome: 'completed',
      }),
    ]);
  });

  it('streams JSON events for one room as application/json', async () => {
    const answer = await post(bridge.port, {
      staffToken: adminToken,
      what: 'events',
      format: 'json',
      roomId: 1,
      ...FEBRUARY,
    });
    expectAttachment(
      answer,
      'application/json; charset=utf-8',
      'lactation-events-2026-02-01-to-2026-02-28-room-1.json',
    );
    const events = JSON.parse(answer.body.toString('utf8')) as { room: string }[];
    const expected = bridge.core.db
      .prepare('SELECT count(*) AS n FROM session_events e JOIN sessions s ON s.id = e.session_id WHERE s.room_id = 1')
      .get() as { n: number };
    expect(events).toHaveLength(expected.n);
    expect(answer.headers['x-kiosk-export-rows']).toBe(String(expected.n));
    expect(new Set(events.map((event) => event.room))).toEqual(new Set(['Room 1']));
  });

  it('streams an Excel workbook with its own content type', async () => {
    const answer = await post(bridge.port, { staffToken: adminToken, what: 'sessions', format: 'xlsx', ...FEBRUARY });
    expectAttachment(
      answer,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'lactation-sessions-2026-02-01-to-2026-02-28.xlsx',
    );
    const book = XLSX.read(answer.body, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.sessions!);
    expect(rows).toHaveLength(sessions);
    expect(answer.headers['x-kiosk-export-rows']).toBe(String(sessions));
    expect(new Set(rows.map((row) => row.room))).toEqual(new Set(['Room 1', '=HYPERLINK("x"), 2']));
  });

  it.each([
    [
      'dates in the wrong order',
      { what: 'sessions', format: 'csv', from: '2026-02-28', to: '2026-02-01' },
      400,
      'invalid-input',
    ],
    [
      'a date that does not exist',
      { what: 'sessions', format: 'csv', from: '2026-02-30', to: '2026-03-01' },
      400,
      'invalid-input',
    ],
    ['an unknown format', { what: 'sessions', format: 'xls', ...FEBRUARY }, 400, 'invalid-input'],
    ['an extra key', { what: 'sessions', format: 'csv', ...FEBRUARY, path: '/etc/passwd' }, 400, 'invalid-input'],
    ['an unknown room', { what: 'sessions', format: 'csv', ...FEBRUARY, roomId: 99 }, 404, 'not-found'],
  ])('refuses %s with a typed error, streams nothing and audits nothing', async (_label, input, status, code) => {
    const answer = await post(bridge.port, { staffToken: adminToken, ...input });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ ok: false, error: { code } });
    expect(auditedExports(bridge)).toEqual([]);
  });

  it('exports for admins only', async () => {
    const asNurse = await post(bridge.port, { staffToken: nurseToken, what: 'sessions', format: 'csv', ...FEBRUARY });
    expect(asNurse.status).toBe(403);
    expect(JSON.parse(asNurse.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stranger = await post(bridge.port, {
      staffToken: 'x'.repeat(43),
      what: 'sessions',
      format: 'csv',
      ...FEBRUARY,
    });
    expect(stranger.status).toBe(401);
    expect(JSON.parse(stranger.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(auditedExports(bridge)).toEqual([]);
  });

  it.each([
    ['no bridge token', { 'X-Kiosk-Token': '' }, 401],
    ['a foreign Origin', { Origin: 'http://evil.example' }, 403],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }, 403],
    ['a rebinding Host', { Host: 'evil.example' }, 403],
  ])('guards the endpoint like the API: refuses %s', async (_label, headers, status) => {
    const answer = await post(
      bridge.port,
      { staffToken: adminToken, what: 'sessions', format: 'csv', ...FEBRUARY },
      headers,
    );
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(auditedExports(bridge)).toEqual([]);
  });

  it('takes POST only', async () => {
    const answer = await post(bridge.port, null, {}, 'GET');
    expect(answer.status).toBe(405);
    expect(auditedExports(bridge)).toEqual([]);
  });

  /** About 8 MB of events CSV, more than loopback socket buffers hold: an export to a slow reader keeps running. */
  function seedAYear() {
    const db = bridge.core.db;
    const roomIds = (db.prepare('SELECT id FROM rooms').all() as { id: number }[]).map((room) => room.id);
    seedHistory(db, { first: '2025-01-02', days: 362, sessions: 14_000, roomIds, staffId: adminId });
    return { staffToken: adminToken, what: 'events', format: 'csv', from: '2025-01-01', to: '2025-12-31' };
  }

  /** Starts a download whose answer is not read: `onAnswer` gets the paused response once its headers arrive. */
  function downloadWithoutReading(input: unknown, onAnswer: (res: IncomingMessage, req: ClientRequest) => void) {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/__kiosk/export',
        headers: { Host: `127.0.0.1:${bridge.port}`, 'Content-Type': 'application/json', 'X-Kiosk-Token': TOKEN },
      },
      (res) => {
        res.pause();
        onAnswer(res, req);
      },
    );
    req.end(JSON.stringify(input));
    return req;
  }

  it('cancels the export when the browser goes away mid-download', async () => {
    const input = seedAYear();
    await new Promise<void>((resolve) => {
      const req = downloadWithoutReading(input, (res) => {
        res.on('error', () => undefined);
        req.destroy();
        resolve();
      });
      req.on('error', () => undefined);
    });
    await expect.poll(() => auditedExports(bridge)).toEqual([expect.objectContaining({ outcome: 'cancelled' })]);
  });

  it('cuts the download short when staff cancel, and audits the cancellation', async () => {
    // A year of events to a client that does not read: the export waits on the full socket, so it is still running
    // when Cancel arrives.
    const input = seedAYear();
    const ending = new Promise<string>((resolve) => {
      downloadWithoutReading(input, (res) => {
        res.on('error', (error) => resolve(error.message));
        res.on('aborted', () => resolve('aborted'));
        res.on('end', () => resolve('complete'));
        void stillRunningAfterAWhile().then(async () => {
          const cancel = await bridge.core.dispatch('cancelUsageExport', { staffToken: adminToken });
          expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
          res.resume();
        });
      });
    });
    async function stillRunningAfterAWhile(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const progress = bridge.core.usageExports.progress();
      expect(progress.running).toBe(true);
    }
    expect(await ending).not.toBe('complete');
    await expect.poll(() => auditedExports(bridge)).toEqual([expect.objectContaining({ outcome: 'cancelled' })]);
    expect(bridge.core.usageExports.progress().running).toBe(false);
  });

  it('keeps header-unsafe characters out of the file name', () => {
    expect(attachmentHeader('report "x"\r\nSet-Cookie: a.csv')).toBe(
      'attachment; filename="report__x___Set-Cookie__a.csv"',
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethodName } from '../../../shared/api-methods';
import { contract } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/errors';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';

const A_UUID = '3f2b8c1e-8a4d-4c2e-9b7a-1d2e3f4a5b6c';
const A_TOKEN = 'A'.repeat(43);

/** Timers: a timer is named by a positive integer id and nothing else. */
const TIMER_ID_BAD_INPUTS: unknown[] = [
  {},
  { timerId: 0 },
  { timerId: -1 },
  { timerId: 1.5 },
  { timerId: '1' },
  { timerId: Number.NaN },
  { timerId: 2 ** 53 },
  { timerId: 1, sessionId: A_UUID },
];

/** Inputs every method must refuse with `invalid-input`, leaving the database untouched. */
const COMMON_BAD_INPUTS: unknown[] = [
  null,
  42,
  'listRooms',
  [],
  [{}],
  { unexpected: true },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
];

const METHOD_BAD_INPUTS: Record<ApiMethodName, unknown[]> = {
  // Timers.
  listTimers: [{}, { sessionId: 'not-a-uuid' }, { sessionId: A_UUID, all: true }, { sessionId: 7 }],
  startTimer: [
    { sessionId: A_UUID },
    { presetId: 'warm-compress-5' },
    { sessionId: 'nope', presetId: 'warm-compress-5' },
    { sessionId: A_UUID, presetId: 'Warm Compress' },
    { sessionId: A_UUID, presetId: 'x'.repeat(61) },
    { sessionId: A_UUID, presetId: '../warm' },
    { sessionId: A_UUID, presetId: 'warm-compress-5', safetyConfirmed: 'yes' },
    { sessionId: A_UUID, presetId: 'warm-compress-5', minutes: 30 },
    { sessionId: A_UUID, presetId: 'warm-compress-5', durationMs: 60_000 },
    { sessionId: A_UUID, presetId: 'left-right', side: 'middle' },
  ],
  pauseTimer: TIMER_ID_BAD_INPUTS,
  resumeTimer: TIMER_ID_BAD_INPUTS,
  addMinute: [...TIMER_ID_BAD_INPUTS, { timerId: 1, minutes: 5 }],
  cancelTimer: TIMER_ID_BAD_INPUTS,
  acknowledgeTimer: TIMER_ID_BAD_INPUTS,
  switchSide: [...TIMER_ID_BAD_INPUTS, { timerId: 1, side: 'left' }],
  getKioskStatus: [],
  reportProblem: [
    {},
    { kind: 'error' },
    { kind: 'warning', message: 'x' },
    { kind: 'error', message: '' },
    { kind: 'error', message: 'x'.repeat(501) },
    { kind: 'error', message: 'x', stack: 'y'.repeat(4_001) },
    { kind: 'error', message: 'lone \ud800 surrogate' },
    { kind: 'error', message: 'x', screen: 'Parent Hub' },
    { kind: 'error', message: 'x', pin: '1234' },
  ],
  listRooms: [],
  // Read-only and whole: no unit or kiosk may be named (the centre decides which rooms this kiosk sees).
  getRemoteRooms: [{ unit: 'NICU' }, { kioskId: 'k_0123456789' }],
  signIn: [
    {},
    { staffNumber: '12', pin: 1234 },
    { staffNumber: '12', pin: '12' },
    { staffNumber: '12', pin: '123456789' },
    { staffNumber: 'nurse', pin: '1234' },
    { staffNumber: '12', pin: '12a4' },
    { staffNumber: '12', pin: '1234', remember: true },
    { staffNumber: '1'.repeat(100_000), pin: '1234' },
  ],
  signInWithBadge: [
    {},
    { pin: '1234' },
    { badge: '12' },
    { badge: '1'.repeat(65) },
    { badge: '12 34 56' },
    { badge: 'ABC-123' },
    { badge: 123456 },
    { badge: '123456', pin: '12' },
    { badge: '123456', staffNumber: '12' },
  ],
  signOut: [{}, { staffToken: 'short' }, { staffToken: A_TOKEN, extra: 1 }],
  keepSignedIn: [{}, { staffToken: 42 }, { staffToken: A_TOKEN, minutes: 60 }],
  startSession: [
    {},
    { staffToken: A_TOKEN, roomId: 1, kind: 'nap', language: 'en' },
    { staffToken: A_TOKEN, roomId: -1, kind: 'pumping', language: 'en' },
    { staffToken: A_TOKEN, roomId: 1.5, kind: 'pumping', language: 'en' },
    { staffToken: A_TOKEN, roomId: Number.NaN, kind: 'pumping', language: 'en' },
    { staffToken: A_TOKEN, roomId: '1', kind: 'pumping', language: 'en' },
    { staffToken: A_TOKEN, roomId: 1, kind: 'pumping', language: 'fr' },
    { staffToken: A_TOKEN, roomId: 1, kind: 'pumping', language: 'en', patientName: 'Ana' },
  ],
  recordSessionEvent: [
    { sessionId: 'not-a-uuid', type: 'help-requested' },
    { sessionId: A_UUID, type: 'drop-table' },
    { sessionId: A_UUID, type: 'guide-viewed', detail: 'cradle' },
    { sessionId: A_UUID, type: 'guide-viewed', detail: { guide: 'x'.repeat(201) } },
    { sessionId: A_UUID, type: 'guide-viewed', detail: { nested: { deep: true } } },
    { sessionId: A_UUID, type: 'guide-viewed', detail: { duration: Number.POSITIVE_INFINITY } },
    { sessionId: A_UUID, type: 'guide-viewed', detail: Object.fromEntries([...'abcdefghi'].map((key) => [key, 1])) },
    // Timer events come from main only.
    { sessionId: A_UUID, type: 'timer-started', detail: { preset: 'warm-compress-5' } },
    { sessionId: A_UUID, type: 'timer-finished' },
  ],
  completeSetup: [
    {},
    { kioskName: 'Ward', rooms: [], admin: { displayName: 'Ana', pin: '1234' } },
    { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '12' } },
    { kioskName: ' ', rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '1234' } },
    { kioskName: 'Ward', rooms: ['x'.repeat(61)], admin: { displayName: 'Ana', pin: '1234' } },
    { kioskName: 'Ward', rooms: ['Room\u0000'], admin: { displayName: 'Ana', pin: '1234' } },
    { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '1234', role: 'admin' } },
    {
      kioskName: 'Ward',
      rooms: Array.from({ length: 21 }, (_, index) => `Room ${index}`),
      admin: { displayName: 'A', pin: '1234' },
    },
    { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'A', pin: '1234' }, language: 'fr' },
    { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'A', pin: '1234' }, nurseCall: 'extension' },
    { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'A', pin: '1234' }, nurseCall: 'pager' },
  ],
  markRoomCleaned: [{ staffToken: A_TOKEN }, { staffToken: A_TOKEN, roomId: 0 }, { roomId: 1 }],
  getContent: [{}, { language: 'fr' }, { language: 'en', section: 'guides' }],
  getIllustrations: [],
  getContentProblems: [{}],
  getCentreSettings: [{}, { staffToken: A_TOKEN, extra: 1 }],
  listStaff: [{}, { staffToken: 'x' }],
  addStaff: [
    { staffToken: A_TOKEN, displayName: 'Ana', role: 'superuser', pin: '1234' },
    { staffToken: A_TOKEN, displayName: '', role: 'nurse', pin: '1234' },
    { staffToken: A_TOKEN, displayName: 'Ana', role: 'nurse', pin: '1234', staffNumber: 'A1' },
    { staffToken: A_TOKEN, displayName: 'Ana', role: 'nurse' },
  ],
  updateStaff: [
    { staffToken: A_TOKEN },
    { staffToken: A_TOKEN, staffId: 1, disabled: 'yes' },
    { staffToken: A_TOKEN, staffId: 1, pin: '1234' },
  ],
  resetStaffPin: [
    { staffToken: A_TOKEN, staffId: 1 },
    { staffToken: A_TOKEN, staffId: 1, pin: 'abcd' },
  ],
  setStaffBadge: [
    { staffToken: A_TOKEN, staffId: 1 },
    { staffToken: A_TOKEN, staffId: 1, badge: '' },
    { staffToken: A_TOKEN, staffId: 1, badge: 'ab' },
    { staffToken: A_TOKEN, staffId: 1, badge: 'bad badge!' },
    { staffToken: A_TOKEN, staffId: 0, badge: '123456' },
    { staffToken: A_TOKEN, badge: '123456' },
  ],
  listAllRooms: [{}, { staffToken: A_TOKEN, all: true }],
  addRoom: [{ staffToken: A_TOKEN }, { staffToken: A_TOKEN, name: '' }, { staffToken: A_TOKEN, name: 5 }],
  renameRoom: [
    { staffToken: A_TOKEN, roomId: 1 },
    { staffToken: A_TOKEN, roomId: 1, name: 'x'.repeat(61) },
  ],
  reorderRooms: [
    { staffToken: A_TOKEN, order: [] },
    { staffToken: A_TOKEN, order: [1, 'two'] },
  ],
  setRoomActive: [
    { staffToken: A_TOKEN, roomId: 1 },
    { staffToken: A_TOKEN, roomId: 1, active: 1 },
  ],
  getSettings: [{}],
  updateSettings: [
    { staffToken: A_TOKEN, changes: {} },
    // Time zone and retention.
    { staffToken: A_TOKEN, changes: { timeZone: 'Mars/Olympus_Mons' } },
    { staffToken: A_TOKEN, changes: { timeZone: '../../etc/passwd' } },
    { staffToken: A_TOKEN, changes: { timeZone: 5 } },
    { staffToken: A_TOKEN, changes: { retentionMonths: 0 } },
    { staffToken: A_TOKEN, changes: { retentionMonths: 121 } },
    { staffToken: A_TOKEN, changes: { retentionMonths: 1.5 } },
    { staffToken: A_TOKEN, changes: { autoCloseAfterMinutes: 5 } },
    { staffToken: A_TOKEN, changes: { signOutAfterSeconds: Number.NaN } },
    { staffToken: A_TOKEN, changes: { languages: ['en', 'en'] } },
    { staffToken: A_TOKEN, changes: { kioskName: 'Ward', theme: 'dark' } },
    { staffToken: A_TOKEN, changes: { phoneExtension: 'call me' } },
    { staffToken: A_TOKEN, changes: { helpText: { en: 'Hi' } } },
    // Night theme and chime.
    { staffToken: A_TOKEN, changes: { nightSchedule: { start: '25:00', end: '07:00' } } },
    { staffToken: A_TOKEN, changes: { nightSchedule: { start: '9pm', end: '07:00' } } },
    { staffToken: A_TOKEN, changes: { nightSchedule: { start: '21:00', end: '21:00' } } },
    { staffToken: A_TOKEN, changes: { nightSchedule: { start: '21:00' } } },
    { staffToken: A_TOKEN, changes: { chimeVolume: 101 } },
    { staffToken: A_TOKEN, changes: { nightChimeVolume: -1 } },
    { staffToken: A_TOKEN, changes: { chimeVolume: 50.5 } },
  ],
  endSession: [
    { sessionId: A_UUID },
    { sessionId: A_UUID, reason: 'auto-closed' },
    { sessionId: A_UUID, reason: 'staff-ended' },
    { sessionId: A_UUID, reason: 'completed', staffToken: A_TOKEN },
  ],
  // Reports and usage export.
  getUsageReport: [
    { staffToken: A_TOKEN },
    { staffToken: A_TOKEN, from: '2026-03-01' },
    { staffToken: A_TOKEN, from: '2026-03-02', to: '2026-03-01' },
    { staffToken: A_TOKEN, from: '2026-02-30', to: '2026-03-01' },
    { staffToken: A_TOKEN, from: '2026-3-1', to: '2026-03-01' },
    { staffToken: A_TOKEN, from: '2025-01-01', to: '2026-01-02' },
    { staffToken: A_TOKEN, from: '2026-03-01', to: '2026-03-31', roomId: 0 },
    { staffToken: A_TOKEN, from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' },
    { staffToken: A_TOKEN, from: 20260301, to: '2026-03-31' },
  ],
  getUsageHistory: [
    {},
    { staffToken: A_TOKEN, roomId: 0 },
    { staffToken: A_TOKEN, roomId: '1' },
    { staffToken: A_TOKEN, from: '2020-01-01' },
  ],
  exportUsage: [
    { staffToken: A_TOKEN, what: 'sessions', format: 'csv', from: '2026-03-01' },
    { staffToken: A_TOKEN, what: 'patients', format: 'csv', from: '2026-03-01', to: '2026-03-31' },
    { staffToken: A_TOKEN, what: 'sessions', format: 'xls', from: '2026-03-01', to: '2026-03-31' },
    { staffToken: A_TOKEN, what: 'events', format: 'json', from: '2026-04-01', to: '2026-03-31' },
    { staffToken: A_TOKEN, what: 'events', format: 'json', from: '2026-03-01', to: '2026-03-31', path: '/etc' },
    { staffToken: A_TOKEN, what: 'events', format: 'json', from: '2026-03-01', to: '2026-03-31', roomId: 'all' },
    { staffToken: A_TOKEN, what: 'events', format: 'json', from: '2026-03-01', to: '2026-03-31', language: 'fr' },
  ],
  getUsageExportProgress: [{}, { staffToken: 'x' }],
  cancelUsageExport: [{}, { staffToken: A_TOKEN, force: true }],
  saveReportPdf: [
    { staffToken: A_TOKEN },
    { staffToken: A_TOKEN, month: '2026-13' },
    { staffToken: A_TOKEN, month: '2026-3' },
    { staffToken: A_TOKEN, month: '1999-12' },
    { staffToken: A_TOKEN, month: '2026-03', path: '/etc/report.pdf' },
    { staffToken: A_TOKEN, month: '2026-03', language: 'fr' },
  ],
  getFleetReport: [
    { staffToken: A_TOKEN, from: '2026-03-01', to: '2026-03-31' },
    { staffToken: A_TOKEN, scope: 'kiosk', from: '2026-03-01', to: '2026-03-31' },
    { staffToken: A_TOKEN, scope: 'unit', from: '2026-03-01' },
    { staffToken: A_TOKEN, scope: 'unit', from: '2026-03-02', to: '2026-03-01' },
    { staffToken: A_TOKEN, scope: 'hospital', from: '2025-01-01', to: '2026-01-02' },
    { staffToken: A_TOKEN, scope: 'hospital', from: '2026-02-30', to: '2026-03-01' },
    { staffToken: A_TOKEN, scope: 'hospital', from: '2026-03-01', to: '2026-03-31', unit: 'Surgery' },
    { scope: 'hospital', from: '2026-03-01', to: '2026-03-31' },
  ],
  exportFleetUsage: [
    { staffToken: A_TOKEN, scope: 'unit', from: '2026-03-01', to: '2026-03-31', reportingRole: 'r' },
    { staffToken: A_TOKEN, scope: 'unit', from: '2026-03-01', to: '2026-03-31', reportingPassword: 'p' },
    {
      staffToken: A_TOKEN,
      scope: 'kiosk',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r',
      reportingPassword: 'p',
    },
    {
      staffToken: A_TOKEN,
      scope: 'unit',
      from: '2026-03-02',
      to: '2026-03-01',
      reportingRole: 'r',
      reportingPassword: 'p',
    },
    {
      staffToken: A_TOKEN,
      scope: 'unit',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: ' ',
      reportingPassword: 'p',
    },
    {
      staffToken: A_TOKEN,
      scope: 'unit',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r',
      reportingPassword: '',
    },
    {
      staffToken: A_TOKEN,
      scope: 'unit',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r',
      reportingPassword: 'a\nb',
    },
    {
      staffToken: A_TOKEN,
      scope: 'unit',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r'.repeat(64),
      reportingPassword: 'p',
    },
    {
      staffToken: A_TOKEN,
      scope: 'hospital',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r',
      reportingPassword: 'p',
      separator: '|',
    },
    {
      staffToken: A_TOKEN,
      scope: 'hospital',
      from: '2026-03-01',
      to: '2026-03-31',
      reportingRole: 'r',
      reportingPassword: 'p',
      format: 'xlsx',
    },
    { scope: 'hospital', from: '2026-03-01', to: '2026-03-31', reportingRole: 'r', reportingPassword: 'p' },
  ],
  // Storage health.
  dismissStorageAlert: [{}, { staffToken: 'x' }, { staffToken: A_TOKEN, kind: 'started-empty' }],
  raiseHelpCall: [
    {},
    { sessionId: A_UUID },
    { sessionId: 'nope', screen: 'help' },
    { sessionId: A_UUID, screen: 'kitchen' },
    { sessionId: A_UUID, screen: 'help', room: 'Room 1' },
  ],
  getHelpCall: [{}, { callId: 0 }, { callId: 1.5 }, { callId: '1' }],
  listUnitHelpCalls: [],
  answerUnitHelpCall: [
    { staffToken: A_TOKEN },
    { staffToken: A_TOKEN, kioskId: 'kiosk_fleet_k_1', localId: 0 },
    { staffToken: A_TOKEN, kioskId: "k'; DROP TABLE x", localId: 1 },
    { staffToken: A_TOKEN, kioskId: 'K', localId: 1, staffNumber: '101' },
  ],
};

describe('dispatch: the handler table behind IPC and the bridge', () => {
  let folder: ReturnType<typeof makeTempFolder>;
  let core: KioskCore;
  let roomId: number;

  beforeEach(async () => {
    folder = makeTempFolder();
    core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(Date.UTC(2026, 0, 5, 8)),
      logger: { error: () => undefined },
    });
    roomId = insertRoom(core.db, { name: 'Room 1' });
    await seedStaff(core.db, { staffNumber: '12', pin: '2468' });
  });
  afterEach(() => {
    core.close();
    folder.cleanup();
  });

  it('has a schema and a handler for exactly the listed methods', () => {
    expect(Object.keys(contract).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(core.handlers).sort()).toEqual([...API_METHODS].sort());
  });

  for (const method of API_METHODS) {
    it(`${method}: refuses bad input with a typed error and changes nothing`, async () => {
      const before = databaseFingerprint(core.db);
      const inputs = [...COMMON_BAD_INPUTS, ...METHOD_BAD_INPUTS[method]];
      for (const input of inputs) {
        const result = await core.dispatch(method, input);
        expect(result, JSON.stringify(input)?.slice(0, 80)).toMatchObject({
          ok: false,
          error: { code: 'invalid-input' },
        });
        if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${method}`));
      }
      expect(databaseFingerprint(core.db)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses unknown and inherited method names', async () => {
    for (const method of ['dropDatabase', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await core.dispatch(method, {})).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: 'Unknown kiosk method.' },
      });
    }
  });

  it('runs a whole session round trip through the table', async () => {
    const signIn = await core.dispatch('signIn', { staffNumber: '12', pin: '2468' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const { staffToken } = signIn.value as { staffToken: string };
    const started = await core.dispatch('startSession', { staffToken, roomId, kind: 'pumping', language: 'es' });
    expect(started).toMatchObject({ ok: true, value: { roomId, kind: 'pumping', language: 'es' } });
    const sessionId = (started as { value: { id: string } }).value.id;
    for (let event = 0; event < 5; event++) {
      expect(
        await core.dispatch('recordSessionEvent', { sessionId, type: 'slide-viewed', detail: { slide: event } }),
      ).toEqual({
        ok: true,
        value: { recorded: true },
      });
    }
    expect(await core.dispatch('endSession', { sessionId, reason: 'completed' })).toMatchObject({
      ok: true,
      value: { id: sessionId, endReason: 'completed' },
    });
    expect(await core.dispatch('listRooms', undefined)).toMatchObject({
      ok: true,
      value: [{ state: 'needs-cleaning' }],
    });
  });

  it('ends the nurse sign-in when the session is handed to the parent', async () => {
    const signIn = await core.dispatch('signIn', { staffNumber: '12', pin: '2468' });
    const { staffToken } = (signIn as { value: { staffToken: string } }).value;
    await core.dispatch('startSession', { staffToken, roomId, kind: 'pumping', language: 'en' });
    const again = await core.dispatch('startSession', { staffToken, roomId, kind: 'pumping', language: 'en' });
    expect(again).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers expected failures with their code and hides internals', async () => {
    const wrongPin = await core.dispatch('signIn', { staffNumber: '12', pin: '0000' });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(JSON.stringify(wrongPin)).not.toContain('0000');
    const noToken = await core.dispatch('startSession', {
      staffToken: A_TOKEN,
      roomId,
      kind: 'pumping',
      language: 'en',
    });
    expect(noToken).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    core.db.exec('DROP TABLE settings');
    const broken = await core.dispatch('getKioskStatus', {});
    expect(broken).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong. Please try again.' },
    });
  });

  it('only ever answers codes from the closed list', async () => {
    const result = await core.dispatch('endSession', { sessionId: A_UUID, reason: 'completed' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
  });
});

/**
 * A stand-in for `window.kiosk` in component tests: every method answers what the test says, or `not-found`.
 * Component tests stub the API; the real bridge is covered end to end.
 */
import { vi, type Mock } from 'vitest';
import { API_METHODS } from '../../shared/api-methods';
import type { ApiResults, KioskApi } from '../../shared/contract';
import type { KioskStatus, RoomBoardEntry } from '../../shared/domain';
import type { ApiResult, ErrorCode } from '../../shared/errors';

export type StubKiosk = { [M in keyof KioskApi]: Mock<KioskApi[M]> };

function notStubbed(): Promise<ApiResult<never>> {
  return Promise.resolve({ ok: false, error: { code: 'not-found', message: 'not stubbed' } });
}

export function stubKiosk(answers: Partial<{ [M in keyof ApiResults]: () => Promise<ApiResult<ApiResults[M]>> }>) {
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, vi.fn(answers[method] ?? notStubbed)]),
  ) as unknown as StubKiosk;
  window.kiosk = api as unknown as KioskApi;
  return api;
}

export const ok = <T>(value: T): Promise<ApiResult<T>> => Promise.resolve({ ok: true, value });

export const fails = (code: ErrorCode): Promise<ApiResult<never>> =>
  Promise.resolve({ ok: false, error: { code, message: `test ${code}` } });

/** 2024-05-01 14:28 UTC: the tests' "now". */
export const NOW = Date.UTC(2024, 4, 1, 14, 28);
export function kioskStatus(overrides: Partial<KioskStatus> = {}): KioskStatus {
  const defaults: KioskStatus = {
    kioskName: 'Maternity, 3rd floor',
    setupRequired: false,
    languages: ['en', 'es'],
    defaultLanguage: 'en',
    now: NOW,
    helpText: { en: 'Press the call button.', es: 'Oprima el botón de llamada.' },
    nurseCall: 'call-button',
    phoneExtension: '',
    signOutAfterSeconds: 120,
    cleaningStepEnabled: true,
    attractAfterIdleSeconds: 60,
    attractIntervalSeconds: 12,
    // Night theme and chime.
    nightSchedule: { start: '21:00', end: '07:00' },
    chimeVolume: 60,
    nightChimeVolume: 25,
    // Storage health.
    storageAlert: null,
    fleetDeliveryLate: null,
    inFleet: false,
    canSavePdf: false,
    badgeNeedsPin: true,
  };
  return Object.assign(defaults, overrides);
}

/** 23 minutes before NOW. */
export const STARTED_AT = Date.UTC(2024, 4, 1, 14, 5);

export const threeRooms: RoomBoardEntry[] = [
  { id: 1, name: 'Room 1', state: 'free', session: null },
  {
    id: 2,
    name: 'Room 2',
    state: 'occupied',
    session: { id: '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10', kind: 'pumping', language: 'es', startedAt: STARTED_AT },
  },
  { id: 3, name: 'Room 3', state: 'needs-cleaning', session: null },
];

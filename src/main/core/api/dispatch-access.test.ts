import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethodName } from '../../../shared/api-methods';
import { KioskError } from '../errors';
import { createDispatch, type Authorize } from './dispatch';
import type { HandlerTable } from './handler-types';

const TOKEN = 'n'.repeat(43);

/** A table whose handlers only record that they ran: this tests dispatch's gate, not the services behind it. */
function recordingTable(ran: ApiMethodName[]): HandlerTable {
  return Object.fromEntries(
    API_METHODS.map((method) => [method, (_input: unknown, call: { staff: unknown }) => (ran.push(method), call)]),
  ) as unknown as HandlerTable;
}

/** A nurse's sign-in: fine for staff methods, refused for admin ones. */
const nurseOnly: Authorize = (staffToken, role) => {
  if (staffToken !== TOKEN) throw new KioskError('unauthorized', 'Staff sign-in has ended.');
  if (role === 'admin') throw new KioskError('forbidden', 'Only an admin can do this.');
  return { staffId: 7, staffNumber: '107', role: 'nurse' };
};

/** Dispatch over the recording table, signed in as the nurse: `ran` lists the handlers that ran. */
function nurseDispatch() {
  const ran: ApiMethodName[] = [];
  const dispatch = createDispatch({ handlers: recordingTable(ran), authorize: nurseOnly, logger: { error: () => {} } });
  return { dispatch, ran };
}

describe('dispatch enforces each method access level once', () => {
  it('refuses an admin method to a nurse before its handler runs', async () => {
    const { dispatch, ran } = nurseDispatch();
    const result = await dispatch('listStaff', { staffToken: TOKEN });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toEqual([]);
  });

  it('hands a staff method the signed-in staff member, and a public one nobody', async () => {
    const { dispatch, ran } = nurseDispatch();
    const cleaned = await dispatch('markRoomCleaned', { staffToken: TOKEN, roomId: 1 });
    expect(cleaned).toMatchObject({ ok: true, value: { staff: { staffId: 7, role: 'nurse' } } });
    const board = await dispatch('listRooms', {});
    expect(board).toMatchObject({ ok: true, value: { staff: null } });
    expect(ran).toEqual(['markRoomCleaned', 'listRooms']);
  });

  it('asks for a sign-in only when a session is ended by staff', async () => {
    const { dispatch, ran } = nurseDispatch();
    const sessionId = '0b7c3c1e-9f3a-4e0e-9a3c-3f1f2f1d2c3b';
    expect(await dispatch('endSession', { sessionId, reason: 'completed' })).toMatchObject({ ok: true });
    const forged = await dispatch('endSession', { sessionId, reason: 'staff-ended', staffToken: 'x'.repeat(43) });
    expect(forged).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(ran).toEqual(['endSession']);
  });
});

import { expect } from 'vitest';
import type { HelpCallView, UnitHelpCall } from '../../../shared/domain';
import type { KioskCore } from '../kiosk-core';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { countHelpCallOutbox, markHelpCallDelivered, readHelpCallOutbox } from '../repositories/help-calls-repository';
import { callCore, setUpWard, signInToken } from '../testing/core-calls';
import { coreTest } from '../testing/temp-database';

const audits = (core: KioskCore, action: string) =>
  (core.db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[]).map(
    (detail) => JSON.parse(detail) as Record<string, unknown>,
  );

async function openSession(core: KioskCore): Promise<string> {
  await setUpWard(core);
  const staffToken = await signInToken(core, '100', '1234');
  const [room] = await callCore<{ id: number }[]>(core, 'listRooms');
  const session = await callCore<{ id: string }>(core, 'startSession', {
    staffToken,
    roomId: room!.id,
    kind: 'pumping',
    language: 'en',
  });
  return session.id;
}

coreTest(
  'records a call for the session’s room with its queue entry and audit, and tells listeners',
  async ({ core, clock }) => {
    const sessionId = await openSession(core);
    insertFleetLink(core.db, { kioskId: 'fleet_k_me', kioskName: 'Ward', unit: 'Maternity', server: 's', joinedAt: 0 });
    let told = 0;
    core.helpCalls.onRaised(() => told++);

    const call = await callCore<HelpCallView>(core, 'raiseHelpCall', { sessionId, screen: 'help' });
    expect(call).toEqual({
      callId: call.callId,
      roomName: 'Room 1',
      raisedAt: clock.now(),
      toldAt: null,
      answeredAt: null,
    });
    expect(told).toBe(1);
    expect(readHelpCallOutbox(core.db, 10)).toMatchObject([
      { localId: call.callId, roomName: 'Room 1', screen: 'help' },
    ]);
    expect(audits(core, 'help-call-raised')).toEqual([
      { callId: call.callId, roomId: expect.any(Number), room: 'Room 1', screen: 'help' },
    ]);

    // "Told" only once the centre's receipt is recorded, with the centre's own time.
    const [queued] = readHelpCallOutbox(core.db, 1);
    markHelpCallDelivered(core.db, queued!.outboxId, call.callId, clock.now() + 1_500);
    expect(await callCore<HelpCallView>(core, 'getHelpCall', { callId: call.callId })).toMatchObject({
      toldAt: clock.now() + 1_500,
    });
    expect(countHelpCallOutbox(core.db)).toBe(0);
  },
);

coreTest('an answer given on another kiosk is kept and audited once', async ({ core }) => {
  const sessionId = await openSession(core);
  const call = await callCore<HelpCallView>(core, 'raiseHelpCall', { sessionId, screen: 'guide' });
  expect(core.helpCalls.noteAnsweredElsewhere(call.callId, 1_000, '204', 'fleet_k_b')).toBe(true);
  expect(core.helpCalls.noteAnsweredElsewhere(call.callId, 2_000, '205', 'fleet_k_c')).toBe(false);
  expect(await callCore<HelpCallView>(core, 'getHelpCall', { callId: call.callId })).toMatchObject({
    answeredAt: 1_000,
  });
  expect(audits(core, 'help-call-answered')).toEqual([
    { callId: call.callId, answeredAt: 1_000, staffNumber: '204', kioskId: 'fleet_k_b' },
  ]);
});

coreTest('refuses a call for an unknown session and records nothing', async ({ core }) => {
  await openSession(core);
  const result = await core.dispatch('raiseHelpCall', {
    sessionId: '00000000-0000-4000-8000-000000000000',
    screen: 'help',
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect(core.db.prepare('SELECT count(*) FROM help_calls').pluck().get()).toBe(0);
  expect(audits(core, 'help-call-raised')).toEqual([]);
});

coreTest('without a fleet there are no unit calls to show, and answering one is refused', async ({ core }) => {
  await setUpWard(core);
  const staffToken = await signInToken(core, '100', '1234');
  expect(await callCore(core, 'listUnitHelpCalls')).toEqual([]);
  expect(await core.dispatch('answerUnitHelpCall', { staffToken, kioskId: 'fleet_k_b', localId: 1 })).toMatchObject({
    ok: false,
    error: { code: 'conflict' },
  });
});

coreTest('a nurse answers a unit call through the attached source, audited with her sign-in', async ({ core }) => {
  await setUpWard(core);
  const staffToken = await signInToken(core, '100', '1234');
  const open: UnitHelpCall = {
    kioskId: 'fleet_k_b',
    localId: 7,
    kioskName: '4 West',
    unit: 'Maternity',
    roomName: 'Room 3',
    raisedAt: 1,
    receivedAt: 2,
    late: false,
  };
  const answers: unknown[] = [];
  core.helpCalls.attachUnitSource({
    list: () => [open],
    acknowledge: async (call, staffNumber) => {
      answers.push({ ...call, staffNumber });
      return 5_000;
    },
  });
  expect(await callCore(core, 'listUnitHelpCalls')).toEqual([open]);
  expect(await callCore(core, 'answerUnitHelpCall', { staffToken, kioskId: 'fleet_k_b', localId: 7 })).toEqual({
    answeredAt: 5_000,
  });
  expect(answers).toEqual([{ kioskId: 'fleet_k_b', localId: 7, staffNumber: '100' }]);
  expect(audits(core, 'help-call-answered')).toEqual([
    { kioskId: 'fleet_k_b', localId: 7, answeredAt: 5_000, room: 'Room 3' },
  ]);
  // Without a sign-in, no answer.
  expect(
    await core.dispatch('answerUnitHelpCall', { staffToken: 'x'.repeat(43), kioskId: 'k', localId: 7 }),
  ).toMatchObject({
    ok: false,
    error: { code: 'unauthorized' },
  });
});

coreTest('the usage report counts the calls and times their answers on the centre’s clock', async ({ core, clock }) => {
  const sessionId = await openSession(core);
  insertFleetLink(core.db, { kioskId: 'fleet_k_me', kioskName: 'Ward', unit: 'Maternity', server: 's', joinedAt: 0 });
  const waits = [30, 90, 600];
  for (const [index, wait] of waits.entries()) {
    const call = await callCore<HelpCallView>(core, 'raiseHelpCall', { sessionId, screen: 'help' });
    const [queued] = readHelpCallOutbox(core.db, 1);
    // The centre's clock is a minute off the kiosk's: the answer time uses the centre's two stamps only.
    const received = clock.now() + 60_000 + index;
    markHelpCallDelivered(core.db, queued!.outboxId, call.callId, received);
    core.helpCalls.noteAnsweredElsewhere(call.callId, received + wait * 1000, '204', null);
  }
  // Never delivered, never answered: counted, not timed.
  await callCore(core, 'raiseHelpCall', { sessionId, screen: 'help' });
  const staffToken = await signInToken(core, '100', '1234');
  const report = await callCore<{ helpCalls: unknown }>(core, 'getUsageReport', {
    staffToken,
    from: '2026-03-31',
    to: '2026-04-02',
  });
  expect(report.helpCalls).toEqual({ calls: 4, answered: 3, medianAnswerSeconds: 90, p90AnswerSeconds: 600 });
});

/**
 * The fixture's checker: a call that core answers with `internal`, or an error the screen reports, fails the test even
 * when the screen looks fine, unless the test declares it.
 */
import { callKiosk } from './kiosk-page';
import { expect, test } from './fixtures';

test.skip(({ transport }) => transport !== 'browser', 'breaks the database behind the bridge');

async function breakListRooms(kiosk: { bridge: { core: { db: { exec(sql: string): void } } } | undefined }) {
  kiosk.bridge!.core.db.exec('ALTER TABLE rooms RENAME TO rooms_gone');
}

test('an undeclared internal answer fails the test', async ({ kiosk, page }) => {
  test.fail(true, 'the checker must turn this into a failure');
  await breakListRooms(kiosk);
  expect(await callKiosk(page, 'listRooms', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
});

test('a declared one does not', async ({ kiosk, page }) => {
  kiosk.allowUnexpectedFailure(/^listRooms: unexpected failure: SqliteError: no such table: rooms/);
  await breakListRooms(kiosk);
  expect(await callKiosk(page, 'listRooms', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
});

test('an error the screen reports fails the test', async ({ page }) => {
  test.fail(true, 'the checker must turn this into a failure');
  const problem = { kind: 'unhandled-rejection', message: 'TypeError: x is undefined', screen: 'parent-hub' };
  expect(await callKiosk(page, 'reportProblem', problem)).toMatchObject({ ok: true, value: { logged: true } });
});

test('a declared screen error does not', async ({ kiosk, page }) => {
  kiosk.allowUnexpectedFailure(/^renderer problem \(unhandled-rejection on parent-hub\): TypeError: x is undefined/);
  const problem = { kind: 'unhandled-rejection', message: 'TypeError: x is undefined', screen: 'parent-hub' };
  expect(await callKiosk(page, 'reportProblem', problem)).toMatchObject({ ok: true, value: { logged: true } });
});

import { describe, expect, it } from 'vitest';
import type { RoomBoardEntry } from '../../shared/domain';
import { Navigation, needsStaff, returnsToBoardWhenIdle, type SessionRef } from './navigation.svelte';

const STARTED = Date.UTC(2024, 4, 1, 14, 5);
const free: RoomBoardEntry = { id: 1, name: 'Room 1', state: 'free', session: null };
const occupied: RoomBoardEntry = {
  id: 2,
  name: 'Room 2',
  state: 'occupied',
  session: { id: '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10', kind: 'pumping', language: 'es', startedAt: STARTED },
};
const cleaning: RoomBoardEntry = { id: 3, name: 'Room 3', state: 'needs-cleaning', session: null };
const session2: SessionRef = { ...occupied.session!, roomId: 2, roomName: 'Room 2' };

describe('Navigation', () => {
  it('free room: sign-in first, then the start screen, then the parent hub', () => {
    const nav = new Navigation();
    nav.tapRoom(free);
    expect(nav.screen).toEqual({ name: 'sign-in', task: { kind: 'start-session', room: { id: 1, name: 'Room 1' } } });
    nav.signedIn('nurse');
    expect(nav.screen).toEqual({ name: 'start-session', room: { id: 1, name: 'Room 1' } });
    const started = {
      id: 'new',
      roomId: 1,
      roomName: 'Room 1',
      kind: 'breastfeeding',
      language: 'en',
      startedAt: 1,
    } as const;
    nav.sessionStarted(started);
    expect(nav.screen).toEqual({ name: 'parent-hub', session: started });
  });

  it('occupied room: its choices, then either the hub without a PIN or a staff sign-in to end it', () => {
    const nav = new Navigation();
    nav.tapRoom(occupied);
    expect(nav.screen).toEqual({ name: 'room-actions', room: occupied });
    nav.continueSession();
    expect(nav.screen).toEqual({ name: 'parent-hub', session: session2 });

    nav.backToBoard();
    nav.tapRoom(occupied);
    nav.askStaffFor({ kind: 'end-session', session: session2 });
    expect(nav.screen).toEqual({ name: 'sign-in', task: { kind: 'end-session', session: session2 } });
    nav.signedIn('nurse');
    expect(nav.screen).toEqual({ name: 'confirm-end', session: session2 });
  });

  it('needs-cleaning room: sign-in, then the cleaning confirmation; "continue" does nothing there', () => {
    const nav = new Navigation();
    nav.tapRoom(cleaning);
    nav.continueSession();
    expect(nav.screen.name).toBe('room-actions');
    nav.askStaffFor({ kind: 'mark-cleaned', room: { id: 3, name: 'Room 3' } });
    nav.signedIn('admin');
    expect(nav.screen).toEqual({ name: 'confirm-cleaned', room: { id: 3, name: 'Room 3' } });
  });

  it('the Staff button leads admins to the admin area and nurses to the staff menu', () => {
    const admin = new Navigation();
    admin.openStaff();
    admin.signedIn('admin');
    expect(admin.screen).toEqual({ name: 'admin' });
    admin.showStaffMenu();
    expect(admin.screen).toEqual({ name: 'staff-menu' });
    admin.showAdmin('admin');
    expect(admin.screen).toEqual({ name: 'admin' });

    const nurse = new Navigation();
    nurse.openStaff();
    nurse.signedIn('nurse');
    expect(nurse.screen).toEqual({ name: 'staff-menu' });
    nurse.showAdmin('nurse');
    expect(nurse.screen).toEqual({ name: 'staff-menu' });
    nurse.doTask({ kind: 'mark-cleaned', room: { id: 3, name: 'Room 3' } });
    expect(nurse.screen).toEqual({ name: 'confirm-cleaned', room: { id: 3, name: 'Room 3' } });
  });

  it('ignores moves that do not fit the screen (a late tap, a slow answer)', () => {
    const nav = new Navigation();
    nav.signedIn('admin');
    nav.continueSession();
    nav.sessionStarted(session2);
    nav.doTask({ kind: 'start-session', room: { id: 1, name: 'Room 1' } });
    expect(nav.screen).toEqual({ name: 'board' });

    nav.tapRoom(free);
    nav.tapRoom(occupied);
    nav.openStaff();
    expect(nav.screen).toEqual({ name: 'sign-in', task: { kind: 'start-session', room: { id: 1, name: 'Room 1' } } });
  });

  it('a quiet staff screen goes back to the board saying why; the parent hub and the board never time out', () => {
    const nav = new Navigation();
    nav.tapRoom(free);
    nav.timedOut();
    expect(nav.screen).toEqual({ name: 'board' });
    expect(nav.notice).toBeNull();

    nav.openStaff();
    nav.signedIn('admin');
    nav.timedOut();
    expect(nav.screen).toEqual({ name: 'board' });
    expect(nav.notice).toEqual({ kind: 'signed-out' });

    nav.tapRoom(occupied);
    expect(nav.notice).toBeNull();
    nav.continueSession();
    nav.timedOut();
    expect(nav.screen.name).toBe('parent-hub');
  });

  it('knows which screens need a staff sign-in and which return to the board when idle', () => {
    expect(needsStaff({ name: 'admin' })).toBe(true);
    expect(needsStaff({ name: 'confirm-end', session: session2 })).toBe(true);
    expect(needsStaff({ name: 'sign-in', task: { kind: 'staff-menu' } })).toBe(false);
    expect(needsStaff({ name: 'parent-hub', session: session2 })).toBe(false);
    expect(returnsToBoardWhenIdle({ name: 'room-actions', room: occupied })).toBe(true);
    expect(returnsToBoardWhenIdle({ name: 'board' })).toBe(false);
    expect(returnsToBoardWhenIdle({ name: 'parent-hub', session: session2 })).toBe(false);
  });
});

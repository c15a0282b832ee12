import type { Language, RoomBoardEntry, SessionKind, StaffRole } from '../../shared/domain';

/** A room as the staff screens need it. */
export interface RoomRef {
  id: number;
  name: string;
}

/** An open session as the parent hub and the end-session screen need it; no parent is ever part of it. */
export interface SessionRef {
  id: string;
  roomId: number;
  roomName: string;
  kind: SessionKind;
  language: Language;
  startedAt: number;
}

/** Another kiosk's help call, as the screens that answer it need it. */
export interface HelpCallRef {
  kioskId: string;
  localId: number;
  roomName: string;
  kioskName: string;
}

/** What a staff member signs in for. */
export type StaffTask =
  | { kind: 'start-session'; room: RoomRef }
  | { kind: 'end-session'; session: SessionRef }
  | { kind: 'mark-cleaned'; room: RoomRef }
  | { kind: 'answer-call'; call: HelpCallRef }
  | { kind: 'staff-menu' };

export type Screen =
  | { name: 'board' }
  /** An occupied or needs-cleaning room was tapped: what now? (No sign-in yet.) */
  | { name: 'room-actions'; room: RoomBoardEntry }
  | { name: 'sign-in'; task: StaffTask }
  | { name: 'start-session'; room: RoomRef }
  | { name: 'confirm-end'; session: SessionRef }
  | { name: 'confirm-cleaned'; room: RoomRef }
  | { name: 'confirm-answer'; call: HelpCallRef }
  | { name: 'staff-menu' }
  | { name: 'admin' }
  | { name: 'parent-hub'; session: SessionRef };

export type ScreenName = Screen['name'];

/** What the board says after a staff action, in the current language (the board renders it). */
export type BoardNotice =
  | { kind: 'session-ended'; roomName: string }
  | { kind: 'room-cleaned'; roomName: string }
  | { kind: 'call-answered'; roomName: string }
  | { kind: 'signed-out' }
  | { kind: 'sign-in-ended' };

/** Screens that only make sense with a staff member signed in. Anywhere else the sign-in is ended. */
const STAFF_SCREENS: ReadonlySet<ScreenName> = new Set([
  'start-session',
  'confirm-end',
  'confirm-cleaned',
  'confirm-answer',
  'staff-menu',
  'admin',
]);

export function needsStaff(screen: Screen): boolean {
  return STAFF_SCREENS.has(screen.name);
}

/** Every screen but the board and the parent's hub returns to the board when nobody uses it for a while. */
export function returnsToBoardWhenIdle(screen: Screen): boolean {
  return screen.name !== 'board' && screen.name !== 'parent-hub';
}

export function sessionOf(room: RoomBoardEntry): SessionRef | null {
  if (room.state !== 'occupied' || !room.session) return null;
  return { ...room.session, roomId: room.id, roomName: room.name };
}

/**
 * The kiosk's screens as a small state machine: every move is a named method, and a move that does not fit the
 * current screen is ignored (a late tap or a slow answer can never land the kiosk on a screen it should not show).
 */
export class Navigation {
  #screen = $state<Screen>({ name: 'board' });
  #notice = $state<BoardNotice | null>(null);

  get screen(): Screen {
    return this.#screen;
  }

  /** The message the board shows after returning to it, if any. */
  get notice(): BoardNotice | null {
    return this.#notice;
  }

  clearNotice(): void {
    this.#notice = null;
  }

  /** A tile on the board: a free room needs a nurse to start; the others offer their choices first. */
  tapRoom(room: RoomBoardEntry): void {
    if (this.#screen.name !== 'board') return;
    if (room.state === 'free') this.#go({ name: 'sign-in', task: { kind: 'start-session', room: refOf(room) } });
    else this.#go({ name: 'room-actions', room });
  }

  /** "Answer" on another kiosk's help call, shown on the board: a nurse signs in (or is signed in) first. */
  answerCall(call: HelpCallRef, signedIn: boolean): void {
    if (this.#screen.name !== 'board') return;
    this.#go(signedIn ? { name: 'confirm-answer', call } : { name: 'sign-in', task: { kind: 'answer-call', call } });
  }

  /** The header's discreet "Staff" button. */
  openStaff(): void {
    if (this.#screen.name === 'board') this.#go({ name: 'sign-in', task: { kind: 'staff-menu' } });
  }

  /** "Continue this session": no PIN, the hub shows nothing personal. */
  continueSession(): void {
    const session = this.#screen.name === 'room-actions' ? sessionOf(this.#screen.room) : null;
    if (session) this.#go({ name: 'parent-hub', session });
  }

  /** "End session (staff)" or "Mark as cleaned" on the room's choices: a sign-in comes first. */
  askStaffFor(task: Exclude<StaffTask, { kind: 'staff-menu' }>): void {
    if (this.#screen.name === 'room-actions') this.#go({ name: 'sign-in', task });
  }

  /** The keypad accepted a staff number and PIN. */
  signedIn(role: StaffRole): void {
    if (this.#screen.name !== 'sign-in') return;
    const task = this.#screen.task;
    this.#go(task.kind === 'staff-menu' ? { name: role === 'admin' ? 'admin' : 'staff-menu' } : screenFor(task));
  }

  /** A room action chosen from the staff menu or the admin area, by someone already signed in. */
  doTask(task: Exclude<StaffTask, { kind: 'staff-menu' }>): void {
    if (this.#screen.name === 'staff-menu' || this.#screen.name === 'admin') this.#go(screenFor(task));
  }

  /** From the admin area to the room actions every nurse has, and back. */
  showStaffMenu(): void {
    if (this.#screen.name === 'admin') this.#go({ name: 'staff-menu' });
  }

  showAdmin(role: StaffRole | null): void {
    if (this.#screen.name === 'staff-menu' && role === 'admin') this.#go({ name: 'admin' });
  }

  /** The session is handed over: the screen now belongs to the parent. */
  sessionStarted(session: SessionRef): void {
    if (this.#screen.name === 'start-session') this.#go({ name: 'parent-hub', session });
  }

  /** After a reload: the hub the parent had open, for a session main says is still open (screen-memory.ts). */
  resumeSession(session: SessionRef): void {
    if (this.#screen.name === 'board') this.#go({ name: 'parent-hub', session });
  }

  /** Back to the board, with an optional word about what just happened. */
  backToBoard(notice: BoardNotice | null = null): void {
    this.#go({ name: 'board' });
    this.#notice = notice;
  }

  /** Nobody touched a staff screen for the sign-out time. */
  timedOut(): void {
    if (returnsToBoardWhenIdle(this.#screen))
      this.backToBoard(needsStaff(this.#screen) ? { kind: 'signed-out' } : null);
  }

  reset(): void {
    this.#screen = { name: 'board' };
    this.#notice = null;
  }

  #go(screen: Screen): void {
    this.#notice = null;
    this.#screen = screen;
  }
}

function refOf(room: RoomBoardEntry): RoomRef {
  return { id: room.id, name: room.name };
}

function screenFor(task: Exclude<StaffTask, { kind: 'staff-menu' }>): Screen {
  switch (task.kind) {
    case 'start-session':
      return { name: 'start-session', room: task.room };
    case 'end-session':
      return { name: 'confirm-end', session: task.session };
    case 'mark-cleaned':
      return { name: 'confirm-cleaned', room: task.room };
    case 'answer-call':
      return { name: 'confirm-answer', call: task.call };
  }
}

export const navigation = new Navigation();

/** Words of the hospital, shared by main and renderer. Plain constants and types only. */

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SESSION_KINDS = ['breastfeeding', 'pumping', 'hand-expression'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const END_REASONS = ['completed', 'staff-ended', 'auto-closed', 'recovered'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Events the parent's use of the kiosk produces; staff reports count them. */
export const SESSION_EVENT_TYPES = [
  'guide-viewed',
  'slide-viewed',
  'timer-started',
  'timer-finished',
  'timer-cancelled',
  'help-requested',
  'language-changed',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export const STAFF_ROLES = ['nurse', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type RoomState = 'free' | 'occupied' | 'needs-cleaning';

/** One tile of the room board. No parent is ever named: a session is a room, a kind, a language and times. */
export interface RoomBoardEntry {
  id: number;
  name: string;
  state: RoomState;
  /** Present when the room is occupied. */
  session: OpenSessionSummary | null;
}

export interface OpenSessionSummary {
  id: string;
  kind: SessionKind;
  language: Language;
  /** UTC epoch milliseconds. */
  startedAt: number;
}

export interface KioskStatus {
  kioskName: string;
  /** True until the first admin exists: the kiosk must show first-run setup. */
  setupRequired: boolean;
  languages: Language[];
  defaultLanguage: Language;
  /** The kiosk's clock (UTC epoch ms) so the renderer can show times consistent with main. */
  now: number;
  /** How a parent reaches a nurse here, per language, and the nursing station's extension ('' when none). */
  helpText: Record<Language, string>;
  phoneExtension: string;
  /** Staff screens return to the board after this much inactivity. */
  signOutAfterSeconds: number;
  cleaningStepEnabled: boolean;
}

export interface StaffSignIn {
  /** An opaque, short-lived token held only in renderer memory; never stored. */
  staffToken: string;
  staffNumber: string;
  role: StaffRole;
  /** UTC epoch ms after which the token stops working unless used again. */
  expiresAt: number;
}

export interface StartedSession {
  id: string;
  roomId: number;
  kind: SessionKind;
  language: Language;
  startedAt: number;
}

export interface EndedSession {
  id: string;
  endedAt: number;
  endReason: EndReason;
}

/** A staff member as admins see them in the admin area (never on parent screens). */
export interface StaffMember {
  id: number;
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  lockedOut: boolean;
}

/** A room as admins manage it. */
export interface RoomSummary {
  id: number;
  name: string;
  sortOrder: number;
  active: boolean;
  needsCleaning: boolean;
}

export interface SetupResult {
  /** The first admin's staff number, to be shown once so they can write it down. */
  staffNumber: string;
}

/** The settings staff can change in the admin area. */
export interface KioskSettingsView {
  kioskName: string;
  languages: Language[];
  defaultLanguage: Language;
  signOutAfterSeconds: number;
  autoCloseAfterMinutes: number;
  cleaningStepEnabled: boolean;
  helpText: Record<Language, string>;
  phoneExtension: string;
}

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

/** The kinds of timer a content pack's presets may use. */
export type TimerKind = 'warm-compress' | 'cool-pack' | 'warm-up' | 'left-right';

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

/** How a parent reaches a nurse from the room: the call button by the chair, or the nurses' station's extension. */
export const NURSE_CALL_WAYS = ['call-button', 'extension'] as const;
export type NurseCallWay = (typeof NURSE_CALL_WAYS)[number];

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
  nurseCall: NurseCallWay;
  phoneExtension: string;
  /** Staff screens return to the board after this much inactivity. */
  signOutAfterSeconds: number;
  cleaningStepEnabled: boolean;
  // The room board's attract loop.
  attractAfterIdleSeconds: number;
  attractIntervalSeconds: number;
  // Night theme and chime: the renderer switches to the night theme and the quieter chime inside
  // the schedule.
  nightSchedule: NightSchedule;
  chimeVolume: number;
  nightChimeVolume: number;
  // Storage health: something staff must know about the data, or null.
  storageAlert: StorageAlert | null;
  /** In a fleet, changes have waited longer than the setting to reach the hospital's database; null otherwise. */
  fleetDeliveryLate: FleetDeliveryLate | null;
  /** This kiosk has joined a hospital fleet: the Reports tab offers its unit and the whole hospital. */
  inFleet: boolean;
  /** The caller's page can be saved as a PDF by the kiosk itself (the Electron app; not a browser). */
  canSavePdf: boolean;
  /** A badge tapped on the keypad screen still asks for the PIN. */
  badgeNeedsPin: boolean;
}

// ---- Storage health ----

/**
 * recovered-from-backup: the database was damaged, moved aside and the newest good backup restored;
 * started-empty: the same with no good backup, so the kiosk started with an empty database;
 * read-only / disk-full / write-failed: a save failed since start-up (the data folder needs IT).
 */
export const STORAGE_ALERT_KINDS = [
  'recovered-from-backup',
  'started-empty',
  'read-only',
  'disk-full',
  'write-failed',
] as const;
export type StorageAlertKind = (typeof STORAGE_ALERT_KINDS)[number];

export interface StorageAlert {
  kind: StorageAlertKind;
  /** When it happened (UTC epoch ms). */
  at: number;
  /** When the restored backup was taken (recovered-from-backup only): anything after it may be missing. */
  backupTakenAt: number | null;
  /** Plain English for IT (file names, the error); the banner translates the kind instead. */
  detail: string;
}

/** The kiosk belongs to a fleet and its oldest undelivered change has waited longer than the setting allows. */
export interface FleetDeliveryLate {
  /** When that change was queued (system clock, UTC epoch ms): what happened since has not reached the centre. */
  since: number;
  /** The last batch the centre took, or null if none yet. */
  lastDeliveredAt: number | null;
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
  /** A badge is set for this staff member (the badge itself is never shown: only its keyed hash is kept). */
  hasBadge: boolean;
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
  nurseCall: NurseCallWay;
  phoneExtension: string;
  // The room board's attract loop.
  attractAfterIdleSeconds: number;
  attractIntervalSeconds: number;
  // Night theme and chime.
  nightSchedule: NightSchedule;
  chimeVolume: number;
  nightChimeVolume: number;
  // Reports, export and retention.
  /** IANA time zone for report days and hours and export times. */
  timeZone: string;
  /** Months after a session ended before it is deleted; null keeps everything. */
  retentionMonths: number | null;
  /** A badge tapped on the keypad screen still asks for the PIN (two factors); off, the badge alone signs in. */
  badgeNeedsPin: boolean;
  /** In a fleet, staff are warned once a change has waited this long to reach the hospital's database. */
  fleetWarningAfterMinutes: number;
}

// ---- Timers ----

/** Local wall-clock times 'HH:MM' (24 h); the night runs from start to end, across midnight when end < start. */
export interface NightSchedule {
  start: string;
  end: string;
}

export const TIMER_STATES = ['running', 'paused', 'finished', 'cancelled', 'acknowledged'] as const;
export type TimerState = (typeof TIMER_STATES)[number];

export const TIMER_SIDES = ['left', 'right'] as const;
export type TimerSide = (typeof TIMER_SIDES)[number];

/**
 * A timer as main sees it at `serverNow`. Main owns the time: the renderer shows `remainingMs` (or the side totals)
 * and may count on locally from the moment it received this, but asks again after a reload or a chime.
 */
export interface TimerView {
  id: number;
  presetId: string;
  kind: TimerKind;
  state: TimerState;
  /** Wall-clock UTC ms when the timer was started. */
  startedAt: number;
  /** Planned length including added minutes; null for the left/right timer, which counts up. */
  durationMs: number | null;
  /** The longest this timer may run in total ("+1 minute" stops there); null for the left/right timer. */
  maxDurationMs: number | null;
  /** Countdowns: time left (0 once finished); null for the left/right timer. */
  remainingMs: number | null;
  /** Time counted so far, pauses excluded (left/right: both sides together). */
  elapsedMs: number;
  /** When a running countdown ends, as serverNow + remainingMs; null unless running. */
  endsAt: number | null;
  /** Left/right timer only (null otherwise): the side now counting and each side's total. */
  side: TimerSide | null;
  leftMs: number | null;
  rightMs: number | null;
  /** Main's wall clock when this view was made. */
  serverNow: number;
}

// ---- Reports and usage export ----

/** How long ended sessions lasted, in whole seconds; mean and median are null when no session has ended. */
export interface DurationSummary {
  totalSeconds: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
}

export interface RoomUsage {
  roomId: number;
  name: string;
  active: boolean;
  /** Sessions that started in the range. */
  sessions: number;
  /** Time any session occupied the room within the range (an open session counts up to now). */
  occupiedSeconds: number;
  /**
   * occupiedSeconds ÷ the range's open hours so far: a room is open 24 hours a day, and hours still to come are not
   * counted. 0 to 1; null when the range has not begun.
   */
  utilization: number | null;
}

/** A staff report over local dates `from`…`to` (inclusive) in the kiosk's time zone. No patient data: counts only. */
export interface UsageReport {
  from: string;
  to: string;
  timeZone: string;
  roomId: number | null;
  /** UTC epoch ms bounding the range: the first instant of `from` and the first after `to`. */
  rangeStart: number;
  rangeEnd: number;
  generatedAt: number;
  /** Sessions that started in the range, ended or not. */
  sessions: number;
  endedSessions: number;
  duration: DurationSummary;
  /** Every day of the range, days without sessions included. */
  sessionsPerDay: { date: string; sessions: number }[];
  /** Sessions started by local weekday (0 = Sunday) and hour: heatMap[weekday][hour]. */
  heatMap: number[][];
  rooms: RoomUsage[];
  kinds: Record<SessionKind, number>;
  endReasons: Record<EndReason, number>;
  /** Share of ended sessions the kiosk closed on its own (auto-closed), 0 to 1; null when none ended. */
  autoClosedShare: number | null;
  languages: Record<Language, number>;
  helpRequests: number;
  /** "Call a nurse" raised in the range (a fleet kiosk), and how fast a nurse answered. */
  helpCalls: HelpCallFigures;
  /** Guides by views in the range, most viewed first. */
  guides: { guide: string; views: number }[];
  /** Timers started in the range, by preset, most used first. */
  timerPresets: { preset: string; starts: number }[];
}

/**
 * Help calls raised in a report's range. Time to answer runs from the centre's receipt to the nurse's answer, both
 * on the centre's clock (the kiosk's clock may be off); calls the centre never received are counted but not timed.
 */
export interface HelpCallFigures {
  calls: number;
  answered: number;
  medianAnswerSeconds: number | null;
  p90AnswerSeconds: number | null;
}

/** One local calendar year of a usage history, or the whole history. */
export interface UsageYear {
  /** Sessions that started in the year, ended or not. */
  sessions: number;
  endedSessions: number;
  totalSeconds: number;
  /** Mean length of the ended sessions; null when none ended. */
  meanSeconds: number | null;
}

/**
 * Every year the kiosk has sessions for, first to current, answered from the per-day totals kept as sessions end, so
 * it costs the same for ten years as for one (a report's day-by-day detail is limited to MAX_REPORT_DAYS).
 */
export interface UsageHistory {
  timeZone: string;
  roomId: number | null;
  generatedAt: number;
  /** Oldest first; empty when there are no sessions. Years without sessions between two with some are listed. */
  years: (UsageYear & { year: number })[];
  allYears: UsageYear;
}

export const EXPORT_SUBJECTS = ['sessions', 'events'] as const;
export type ExportSubject = (typeof EXPORT_SUBJECTS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** A CSV's separator: a comma, or a semicolon for spreadsheets whose list separator is ";" (Spanish, German…). */
export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export type UsageExportResult =
  | { outcome: 'written'; fileName: string; rows: number }
  /** Staff closed the save dialog, or cancelled while it ran: no file is left behind. */
  | { outcome: 'cancelled' };

export type ReportPdfResult =
  | { outcome: 'written'; fileName: string }
  /** Staff closed the save dialog: nothing was written. */
  | { outcome: 'cancelled' };

export interface UsageExportProgress {
  running: boolean;
  what: ExportSubject | null;
  rowsDone: number;
  rowsTotal: number;
}

// ---- Help calls: "Call a nurse" from the parent's help screen, through the fleet ----

/** Which parent screen a help call came from. */
export const HELP_CALL_SCREENS = ['help', 'guide', 'tips', 'timers', 'slides', 'hub'] as const;
export type HelpCallScreen = (typeof HELP_CALL_SCREENS)[number];

/** A call raised on this kiosk, as the parent's screen follows it. Times are UTC epoch ms. */
export interface HelpCallView {
  callId: number;
  roomName: string;
  raisedAt: number;
  /**
   * When the nurses' station (the fleet's centre) received the call, on the centre's clock; null until the centre has
   * committed it (the parent then sees the call button or extension instead).
   */
  toldAt: number | null;
  /** A nurse answered it (here or on another kiosk of the unit). */
  answeredAt: number | null;
}

/** How often a fleet kiosk's screen reads the unit's open calls from main (which holds the centre's list). */
export const UNIT_HELP_CALLS_POLL_MS = 500;

/** A call from another kiosk of the unit (or of any unit, in nurses' station mode), not yet answered. */
export interface UnitHelpCall {
  kioskId: string;
  localId: number;
  kioskName: string;
  unit: string | null;
  roomName: string;
  raisedAt: number;
  /** The centre's clock. */
  receivedAt: number;
  /** Reached the centre long after it was raised (the kiosk's network was down). */
  late: boolean;
}

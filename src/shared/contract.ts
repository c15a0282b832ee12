/**
 * The kiosk API contract: for every method, a strict zod schema of its input and the type of its result.
 * Main validates every input with these schemas before core sees it; the renderer gets the types only.
 */
import { z } from 'zod';
import type { ApiMethodName } from './api-methods';
import type { CentreSettingsView } from './centre-settings';
import type { ContentPack, ContentProblem } from './content-types';
import type { ApiResult } from './errors';
import { REPORTING_PASSWORD_MAX, REPORTING_ROLE_MAX, type FleetExportResult } from './fleet-export';
import { FLEET_SCOPES, type FleetReportAnswer } from './fleet-report';
import {
  DISPLAY_NAME_MAX,
  MAX_REPORT_DAYS,
  MAX_SETUP_ROOMS,
  PIN_MAX,
  PIN_MIN,
  ROOM_NAME_MAX,
  STAFF_NUMBER_MAX,
} from './input-limits';
import { MAX_PROBLEM_MESSAGE, MAX_PROBLEM_STACK, MAX_PROBLEM_WHERE, PROBLEM_KINDS } from './problem-limits';
import type { RemoteRoomsAnswer } from './remote-rooms';
import {
  hasNoLoneSurrogate,
  LONE_SURROGATE_MESSAGE,
  nurseCallProblem,
  settingsChangesSchema,
  settingsFields,
} from './settings';
import {
  LANGUAGES,
  SESSION_EVENT_TYPES,
  SESSION_KINDS,
  STAFF_ROLES,
  TIMER_SIDES,
  type EndedSession,
  type KioskSettingsView,
  type KioskStatus,
  type RoomBoardEntry,
  type RoomSummary,
  type SetupResult,
  type StaffMember,
  type StaffSignIn,
  type StartedSession,
  type TimerView,
  // Reports and usage export.
  CSV_SEPARATORS,
  EXPORT_FORMATS,
  EXPORT_SUBJECTS,
  type UsageExportProgress,
  type UsageExportResult,
  type ReportPdfResult,
  type UsageHistory,
  type UsageReport,
  // Storage health.
  type StorageAlert,
  // Help calls.
  HELP_CALL_SCREENS,
  type HelpCallView,
  type UnitHelpCall,
} from './domain';

const noInput = z.object({}).strict();

/** Text from a failing page: bounded and well-formed; the log hides digit runs and secrets in it. */
const problemText = (max: number) => z.string().max(max).refine(hasNoLoneSurrogate, LONE_SURROGATE_MESSAGE);
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sessionId = z.uuid();
const staffToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a staff token');
/** A staff number is what a nurse types on the keypad: digits only, so no name ever shows on the shared screen. */
export const staffNumberSchema = z
  .string()
  .regex(new RegExp(`^\\d{1,${STAFF_NUMBER_MAX}}$`), `a staff number is 1 to ${STAFF_NUMBER_MAX} digits`);
export const pinSchema = z
  .string()
  .regex(new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`), `a PIN is ${PIN_MIN} to ${PIN_MAX} digits`);
/** What a badge reader types before Enter: letters and digits (readers differ in letter case). */
export const badgeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,64}$/, 'a badge is 4 to 64 letters or digits');
/** Visible text typed by staff: trimmed, no control characters, bounded. */
const label = (max: number) =>
  z
    .string()
    .refine(hasNoLoneSurrogate, LONE_SURROGATE_MESSAGE)
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
export const roomNameSchema = label(ROOM_NAME_MAX);
export const displayNameSchema = label(DISPLAY_NAME_MAX);
export const kioskNameSchema = settingsFields.kioskName;

/** Small, flat JSON for an event's detail: a few keys of short strings, numbers or booleans. */
const eventDetail = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/),
    z.union([z.string().max(200), z.number().finite(), z.boolean()]),
  )
  .refine((value) => Object.keys(value).length <= 8, 'at most 8 detail fields');

// Timers: a preset is named by its content id; its length always comes from the pack.
const timerPresetId = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a timer preset id like "warm-compress-5"');
const timerAction = z.object({ timerId: id }).strict();
/** A kiosk's role name at the centre, as `fleet add-kiosk` makes them (fleet-roles.ts). */
const fleetKioskId = z.string().regex(/^[a-z0-9_]{1,63}$/, 'a fleet kiosk id');

// ---- Reports and usage export ----

const DAY_MS = 86_400_000;

function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}

/** A calendar date that exists ("2026-02-30" does not), years 2000 to 2099: local dates in the kiosk's time zone. */
export const localDateSchema = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/, 'a date like 2026-03-31')
  .refine(isCalendarDate, 'not a real date');

/** A calendar month, years 2000 to 2099: the printable monthly summary's month. */
export const monthSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'a month like 2026-03');

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Inclusive `from` and `to` dates: from ≤ to, at most `maxDays` days. */
const checkDateRange = (maxDays: number) => (range: { from: string; to: string }, context: z.RefinementCtx) => {
  if (range.from > range.to) {
    context.addIssue({ code: 'custom', message: 'the start date is after the end date', path: ['to'] });
  } else if (dayNumber(range.to) - dayNumber(range.from) >= maxDays) {
    context.addIssue({ code: 'custom', message: `at most ${maxDays} days`, path: ['to'] });
  }
};

export const contract = {
  getKioskStatus: { input: noInput },
  listRooms: { input: noInput },
  getRemoteRooms: { input: noInput },
  reportProblem: {
    input: z
      .object({
        kind: z.enum(PROBLEM_KINDS),
        message: problemText(MAX_PROBLEM_MESSAGE).min(1),
        /** Where it happened: a script's file, line and column. */
        where: problemText(MAX_PROBLEM_WHERE).optional(),
        stack: problemText(MAX_PROBLEM_STACK).optional(),
        /** The screen that was showing, e.g. "parent-hub". */
        screen: z
          .string()
          .regex(/^[a-z-]{1,40}$/, 'a screen name')
          .optional(),
      })
      .strict(),
  },
  completeSetup: {
    input: z
      .object({
        kioskName: kioskNameSchema,
        rooms: z.array(roomNameSchema).min(1).max(MAX_SETUP_ROOMS),
        admin: z
          .object({ displayName: displayNameSchema, pin: pinSchema, staffNumber: staffNumberSchema.optional() })
          .strict(),
        /** The kiosk's own language: the board comes up in it (the default language setting). */
        language: settingsFields.defaultLanguage.optional(),
        /** How parents reach a nurse (setup's help step); left out, the settings' defaults stand. */
        nurseCall: settingsFields.nurseCall.optional(),
        phoneExtension: settingsFields.phoneExtension.optional(),
      })
      .strict()
      .superRefine((setup, context) => {
        const problem = nurseCallProblem({
          nurseCall: setup.nurseCall ?? 'call-button',
          phoneExtension: setup.phoneExtension ?? '',
        });
        if (problem) context.addIssue({ code: 'custom', message: problem, path: ['phoneExtension'] });
      }),
  },

  signIn: { input: z.object({ staffNumber: staffNumberSchema, pin: pinSchema }).strict() },
  /** A badge tapped on the keypad screen; the PIN too, unless an admin turned that off (badgeNeedsPin). */
  signInWithBadge: { input: z.object({ badge: badgeSchema, pin: pinSchema.optional() }).strict() },
  signOut: { input: z.object({ staffToken }).strict() },
  /** Staff are busy on a staff screen (typing a form): keeps the sign-in from lapsing mid-task. */
  keepSignedIn: { input: z.object({ staffToken }).strict() },
  startSession: {
    input: z
      .object({
        staffToken,
        roomId: id,
        kind: z.enum(SESSION_KINDS),
        language: z.enum(LANGUAGES),
      })
      .strict(),
  },
  endSession: {
    input: z.discriminatedUnion('reason', [
      z.object({ sessionId, reason: z.literal('completed') }).strict(),
      z.object({ sessionId, reason: z.literal('staff-ended'), staffToken }).strict(),
    ]),
  },
  markRoomCleaned: { input: z.object({ staffToken, roomId: id }).strict() },

  recordSessionEvent: {
    input: z
      .object({
        sessionId,
        // Timer events are recorded by main as timers start and end, never by the renderer.
        type: z.enum(SESSION_EVENT_TYPES).exclude(['timer-started', 'timer-finished', 'timer-cancelled']),
        detail: eventDetail.optional(),
      })
      .strict(),
  },

  getContent: { input: z.object({ language: z.enum(LANGUAGES) }).strict() },
  getIllustrations: { input: noInput },

  // The parent's timers. Main records their events; the renderer never sends them.
  listTimers: { input: z.object({ sessionId }).strict() },
  startTimer: {
    input: z
      .object({
        sessionId,
        presetId: timerPresetId,
        /** The parent confirmed the preset's safety note ("I have read this"); required when the note asks for it. */
        safetyConfirmed: z.boolean().optional(),
        /** Left/right timer only: the side to start on (default left). */
        side: z.enum(TIMER_SIDES).optional(),
      })
      .strict(),
  },
  pauseTimer: { input: timerAction },
  resumeTimer: { input: timerAction },
  addMinute: { input: timerAction },
  cancelTimer: { input: timerAction },
  acknowledgeTimer: { input: timerAction },
  switchSide: { input: timerAction },

  listStaff: { input: z.object({ staffToken }).strict() },
  addStaff: {
    input: z
      .object({
        staffToken,
        displayName: displayNameSchema,
        role: z.enum(STAFF_ROLES),
        pin: pinSchema,
        staffNumber: staffNumberSchema.optional(),
      })
      .strict(),
  },
  updateStaff: {
    input: z
      .object({
        staffToken,
        staffId: id,
        displayName: displayNameSchema.optional(),
        role: z.enum(STAFF_ROLES).optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
  },
  resetStaffPin: { input: z.object({ staffToken, staffId: id, pin: pinSchema }).strict() },
  /** Gives a staff member a badge, or takes it away (null). Only its keyed hash is stored. */
  setStaffBadge: { input: z.object({ staffToken, staffId: id, badge: badgeSchema.nullable() }).strict() },
  listAllRooms: { input: z.object({ staffToken }).strict() },
  addRoom: { input: z.object({ staffToken, name: roomNameSchema }).strict() },
  renameRoom: { input: z.object({ staffToken, roomId: id, name: roomNameSchema }).strict() },
  reorderRooms: { input: z.object({ staffToken, order: z.array(id).min(1).max(200) }).strict() },
  setRoomActive: { input: z.object({ staffToken, roomId: id, active: z.boolean() }).strict() },
  getSettings: { input: z.object({ staffToken }).strict() },
  updateSettings: { input: z.object({ staffToken, changes: settingsChangesSchema }).strict() },
  getCentreSettings: { input: z.object({ staffToken }).strict() },
  getContentProblems: { input: z.object({ staffToken }).strict() },
  // Reports and usage export.
  getUsageReport: {
    input: z
      .object({ staffToken, from: localDateSchema, to: localDateSchema, roomId: id.optional() })
      .strict()
      .superRefine(checkDateRange(MAX_REPORT_DAYS)),
  },
  /** Every year so far, from the per-day totals: no date limit. */
  getUsageHistory: { input: z.object({ staffToken, roomId: id.optional() }).strict() },
  exportUsage: {
    input: z
      .object({
        staffToken,
        what: z.enum(EXPORT_SUBJECTS),
        format: z.enum(EXPORT_FORMATS),
        /** CSV only: "," (the default) or ";" for spreadsheets whose list separator is a semicolon. */
        separator: z.enum(CSV_SEPARATORS).optional(),
        from: localDateSchema,
        to: localDateSchema,
        roomId: id.optional(),
        /** The language of the admin screen, for the save dialog's words. */
        language: z.enum(LANGUAGES).optional(),
      })
      .strict()
      .superRefine(checkDateRange(Number.POSITIVE_INFINITY))
      .refine((input) => input.separator === undefined || input.format === 'csv', {
        message: 'A separator is for CSV files only.',
        path: ['separator'],
      }),
  },
  getUsageExportProgress: { input: z.object({ staffToken }).strict() },
  cancelUsageExport: { input: z.object({ staffToken }).strict() },
  // The printable monthly summary as a PDF, printed from the calling page (Electron only).
  saveReportPdf: {
    input: z.object({ staffToken, month: monthSchema, language: z.enum(LANGUAGES).optional() }).strict(),
  },
  // A fleet kiosk's unit or hospital totals: the dates name UTC days there (see fleet-report.ts).
  getFleetReport: {
    input: z
      .object({ staffToken, scope: z.enum(FLEET_SCOPES), from: localDateSchema, to: localDateSchema })
      .strict()
      .superRefine(checkDateRange(MAX_REPORT_DAYS)),
  },
  /**
   * Every kiosk's sessions of the kiosk's unit or the whole hospital, as CSV: local dates in the kiosk's time zone, as
   * the kiosk's own export. The reporting role's name and password are typed for this one export: used to connect,
   * never stored, logged or audited (only the role's name is audited), never echoed in an error.
   */
  exportFleetUsage: {
    input: z
      .object({
        staffToken,
        scope: z.enum(FLEET_SCOPES),
        from: localDateSchema,
        to: localDateSchema,
        separator: z.enum(CSV_SEPARATORS).optional(),
        language: z.enum(LANGUAGES).optional(),
        reportingRole: label(REPORTING_ROLE_MAX),
        reportingPassword: z
          .string()
          .min(1, 'must not be empty')
          .max(REPORTING_PASSWORD_MAX, `at most ${REPORTING_PASSWORD_MAX} characters`)
          .refine(hasNoLoneSurrogate, LONE_SURROGATE_MESSAGE)
          .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
      })
      .strict()
      .superRefine(checkDateRange(Number.POSITIVE_INFINITY)),
  },
  // Storage health.
  dismissStorageAlert: { input: z.object({ staffToken }).strict() },
  // Help calls: the call names the parent's session, whose room it is; never a person.
  raiseHelpCall: { input: z.object({ sessionId, screen: z.enum(HELP_CALL_SCREENS) }).strict() },
  getHelpCall: { input: z.object({ callId: id }).strict() },
  listUnitHelpCalls: { input: noInput },
  answerUnitHelpCall: { input: z.object({ staffToken, kioskId: fleetKioskId, localId: id }).strict() },
} as const satisfies Record<ApiMethodName, { input: z.ZodType }>;

export type Contract = typeof contract;
export type ApiInput<M extends ApiMethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends ApiMethodName> = z.output<Contract[M]['input']>;

/** What each method answers with when it succeeds. */
export interface ApiResults {
  getKioskStatus: KioskStatus;
  listRooms: RoomBoardEntry[];
  getRemoteRooms: RemoteRoomsAnswer;
  completeSetup: SetupResult;
  reportProblem: { logged: boolean };
  signIn: StaffSignIn;
  signInWithBadge: StaffSignIn;
  signOut: { signedOut: true };
  keepSignedIn: { expiresAt: number };
  startSession: StartedSession;
  endSession: EndedSession;
  markRoomCleaned: RoomSummary;
  recordSessionEvent: { recorded: true };
  getContent: ContentPack;
  getIllustrations: Record<string, string>;
  // Timers
  listTimers: TimerView[];
  startTimer: TimerView;
  pauseTimer: TimerView;
  resumeTimer: TimerView;
  addMinute: TimerView;
  cancelTimer: TimerView;
  acknowledgeTimer: TimerView;
  switchSide: TimerView;
  listStaff: StaffMember[];
  addStaff: StaffMember;
  updateStaff: StaffMember;
  resetStaffPin: StaffMember;
  setStaffBadge: StaffMember;
  listAllRooms: RoomSummary[];
  addRoom: RoomSummary;
  renameRoom: RoomSummary;
  reorderRooms: RoomSummary[];
  setRoomActive: RoomSummary;
  getSettings: KioskSettingsView;
  updateSettings: KioskSettingsView;
  /** null: the centre decides none of this kiosk's settings (or it is in no fleet). */
  getCentreSettings: CentreSettingsView | null;
  getContentProblems: ContentProblem[];
  // Reports and usage export.
  getUsageReport: UsageReport;
  getUsageHistory: UsageHistory;
  exportUsage: UsageExportResult;
  getUsageExportProgress: UsageExportProgress;
  cancelUsageExport: { cancelled: boolean };
  saveReportPdf: ReportPdfResult;
  getFleetReport: FleetReportAnswer;
  exportFleetUsage: FleetExportResult;
  // Storage health: the alert staff should see now (a save failure outlives the dismissal).
  dismissStorageAlert: { storageAlert: StorageAlert | null };
  raiseHelpCall: HelpCallView;
  getHelpCall: HelpCallView;
  listUnitHelpCalls: UnitHelpCall[];
  answerUnitHelpCall: { answeredAt: number };
}

type EmptyObject = Record<string, never>;

/** The shape of `window.kiosk`: one async function per method; methods without input take no argument. */
export type KioskApi = {
  [M in ApiMethodName]: ApiInput<M> extends EmptyObject
    ? () => Promise<ApiResult<ApiResults[M]>>
    : (input: ApiInput<M>) => Promise<ApiResult<ApiResults[M]>>;
};

/**
 * The kiosk API contract: for every method, a strict zod schema of its input and the type of its result.
 * Main validates every input with these schemas before core sees it; the renderer gets the types only.
 */
import { z } from 'zod';
import type { ApiMethodName } from './api-methods';
import type { ContentPack, ContentProblem } from './content-types';
import type { ApiResult } from './errors';
import { settingsChangesSchema, settingsFields } from './settings';
import {
  LANGUAGES,
  SESSION_EVENT_TYPES,
  SESSION_KINDS,
  STAFF_ROLES,
  type EndedSession,
  type KioskSettingsView,
  type KioskStatus,
  type RoomBoardEntry,
  type RoomSummary,
  type SetupResult,
  type StaffMember,
  type StaffSignIn,
  type StartedSession,
} from './domain';

const noInput = z.object({}).strict();
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sessionId = z.uuid();
const staffToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a staff token');
/** A staff number is what a nurse types on the keypad: digits only, so no name ever shows on the shared screen. */
export const staffNumberSchema = z.string().regex(/^\d{1,8}$/, 'a staff number is 1 to 8 digits');
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
/** Visible text typed by staff: trimmed, no control characters, bounded. */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
export const roomNameSchema = label(60);
export const displayNameSchema = label(80);
export const kioskNameSchema = settingsFields.kioskName;

/** Small, flat JSON for an event's detail: a few keys of short strings, numbers or booleans. */
const eventDetail = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/),
    z.union([z.string().max(200), z.number().finite(), z.boolean()]),
  )
  .refine((value) => Object.keys(value).length <= 8, 'at most 8 detail fields');

export const contract = {
  getKioskStatus: { input: noInput },
  listRooms: { input: noInput },
  completeSetup: {
    input: z
      .object({
        kioskName: kioskNameSchema,
        rooms: z.array(roomNameSchema).min(1).max(20),
        admin: z
          .object({ displayName: displayNameSchema, pin: pinSchema, staffNumber: staffNumberSchema.optional() })
          .strict(),
      })
      .strict(),
  },

  signIn: { input: z.object({ staffNumber: staffNumberSchema, pin: pinSchema }).strict() },
  signOut: { input: z.object({ staffToken }).strict() },
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
        type: z.enum(SESSION_EVENT_TYPES),
        detail: eventDetail.optional(),
      })
      .strict(),
  },

  getContent: { input: z.object({ language: z.enum(LANGUAGES) }).strict() },
  getIllustrations: { input: noInput },

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
  listAllRooms: { input: z.object({ staffToken }).strict() },
  addRoom: { input: z.object({ staffToken, name: roomNameSchema }).strict() },
  renameRoom: { input: z.object({ staffToken, roomId: id, name: roomNameSchema }).strict() },
  reorderRooms: { input: z.object({ staffToken, order: z.array(id).min(1).max(200) }).strict() },
  setRoomActive: { input: z.object({ staffToken, roomId: id, active: z.boolean() }).strict() },
  getSettings: { input: z.object({ staffToken }).strict() },
  updateSettings: { input: z.object({ staffToken, changes: settingsChangesSchema }).strict() },
  getContentProblems: { input: z.object({ staffToken }).strict() },
} as const satisfies Record<ApiMethodName, { input: z.ZodType }>;

export type Contract = typeof contract;
export type ApiInput<M extends ApiMethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends ApiMethodName> = z.output<Contract[M]['input']>;

/** What each method answers with when it succeeds. */
export interface ApiResults {
  getKioskStatus: KioskStatus;
  listRooms: RoomBoardEntry[];
  completeSetup: SetupResult;
  signIn: StaffSignIn;
  signOut: { signedOut: true };
  startSession: StartedSession;
  endSession: EndedSession;
  markRoomCleaned: RoomSummary;
  recordSessionEvent: { recorded: true };
  getContent: ContentPack;
  getIllustrations: Record<string, string>;
  listStaff: StaffMember[];
  addStaff: StaffMember;
  updateStaff: StaffMember;
  resetStaffPin: StaffMember;
  listAllRooms: RoomSummary[];
  addRoom: RoomSummary;
  renameRoom: RoomSummary;
  reorderRooms: RoomSummary[];
  setRoomActive: RoomSummary;
  getSettings: KioskSettingsView;
  updateSettings: KioskSettingsView;
  getContentProblems: ContentProblem[];
}

type EmptyObject = Record<string, never>;

/** The shape of `window.kiosk`: one async function per method; methods without input take no argument. */
export type KioskApi = {
  [M in ApiMethodName]: ApiInput<M> extends EmptyObject
    ? () => Promise<ApiResult<ApiResults[M]>>
    : (input: ApiInput<M>) => Promise<ApiResult<ApiResults[M]>>;
};

/**
 * The kiosk API contract: for every method, a strict zod schema of its input and the type of its result.
 * Main validates every input with these schemas before core sees it; the renderer gets the types only.
 */
import { z } from 'zod';
import type { ApiMethodName } from './api-methods';
import type { ApiResult } from './errors';
import {
  LANGUAGES,
  SESSION_EVENT_TYPES,
  SESSION_KINDS,
  type EndedSession,
  type KioskStatus,
  type RoomBoardEntry,
  type StaffSignIn,
  type StartedSession,
} from './domain';

const noInput = z.object({}).strict();
const roomId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sessionId = z.uuid();
const staffToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a staff token');
/** A staff number is what a nurse types on the keypad: digits only, so no name ever shows on the shared screen. */
export const staffNumberSchema = z.string().regex(/^\d{1,8}$/, 'a staff number is 1 to 8 digits');
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

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
  signIn: { input: z.object({ staffNumber: staffNumberSchema, pin: pinSchema }).strict() },
  signOut: { input: z.object({ staffToken }).strict() },
  startSession: {
    input: z
      .object({
        staffToken,
        roomId,
        kind: z.enum(SESSION_KINDS),
        language: z.enum(LANGUAGES),
      })
      .strict(),
  },
  recordSessionEvent: {
    input: z
      .object({
        sessionId,
        type: z.enum(SESSION_EVENT_TYPES),
        detail: eventDetail.optional(),
      })
      .strict(),
  },
  endSession: {
    input: z.discriminatedUnion('reason', [
      z.object({ sessionId, reason: z.literal('completed') }).strict(),
      z.object({ sessionId, reason: z.literal('staff-ended'), staffToken }).strict(),
    ]),
  },
} as const satisfies Record<ApiMethodName, { input: z.ZodType }>;

export type Contract = typeof contract;
export type ApiInput<M extends ApiMethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends ApiMethodName> = z.output<Contract[M]['input']>;

/** What each method answers with when it succeeds. */
export interface ApiResults {
  getKioskStatus: KioskStatus;
  listRooms: RoomBoardEntry[];
  signIn: StaffSignIn;
  signOut: { signedOut: true };
  startSession: StartedSession;
  recordSessionEvent: { recorded: true };
  endSession: EndedSession;
}

type EmptyObject = Record<string, never>;

/** The shape of `window.kiosk`: one async function per method; methods without input take no argument. */
export type KioskApi = {
  [M in ApiMethodName]: ApiInput<M> extends EmptyObject
    ? () => Promise<ApiResult<ApiResults[M]>>
    : (input: ApiInput<M>) => Promise<ApiResult<ApiResults[M]>>;
};

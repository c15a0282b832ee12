/**
 * English, the source of every message key: `Messages` is derived from this object, so another language that misses a
 * key (or adds one) fails the type check. Functions take already-formatted values; formatting lives in format.ts.
 */
import type { ErrorCode } from '../../../shared/errors';
import type { SessionKind } from '../../../shared/domain';

/** A formatted clock time plus its hour (0-23), for languages whose grammar depends on it ("la una", "las dos"). */
export interface ClockTime {
  text: string;
  hour: number;
}

export const en = {
  languageName: 'English',
  common: {
    loading: 'One moment…',
    tryAgain: 'Try again',
    language: 'Language',
    nightMode: 'Night mode',
  },
  duration: {
    underAMinute: 'under 1 min',
    minutes: (minutes: number) => `${minutes} min`,
    hours: { one: (hours: number) => `${hours} hour`, other: (hours: number) => `${hours} hours` },
    hoursAndMinutes: (hours: string, minutes: string) => `${hours} ${minutes}`,
  },
  sessionKind: {
    breastfeeding: 'Breastfeeding',
    pumping: 'Pumping',
    'hand-expression': 'Hand expression',
  } satisfies Record<SessionKind, string>,
  board: {
    heading: 'Rooms',
    free: 'Free',
    freeHint: 'Tap to start a session',
    occupied: 'Occupied',
    occupiedSince: (at: ClockTime) => `Since ${at.text}`,
    needsCleaning: 'Needs cleaning',
    needsCleaningHint: 'Staff will clean it soon',
    freeTapped: (room: string) => `${room} is free. Please ask a nurse to start your session.`,
    occupiedTapped: (room: string) => `${room} is in use. If you need help, please ask a nurse.`,
    needsCleaningTapped: (room: string) =>
      `${room} needs cleaning before the next session. A staff member will take care of it.`,
    emptyTitle: 'No rooms are set up yet',
    emptyBody: 'Ask an administrator.',
    loadFailedTitle: 'The rooms can’t be shown right now',
    refreshFailed: (at: ClockTime) => `Couldn’t update the board. This is how it looked at ${at.text}.`,
  },
  setup: {
    title: 'This kiosk is not set up yet',
    body: 'An administrator needs to finish setting it up. The rooms will appear here after that.',
  },
  startup: {
    failedTitle: 'The kiosk is not ready yet',
    keepsTrying: 'It keeps trying on its own.',
  },
  errors: {
    'invalid-input': 'Something wasn’t quite right. Please try again.',
    'not-found': 'That room or session could not be found. It may have just changed.',
    conflict: 'Something just changed on the kiosk. Please look at the board again.',
    unauthorized: 'That staff number or PIN didn’t match. Please try again.',
    'locked-out': 'Too many tries. The keypad is paused for a few minutes.',
    forbidden: 'This needs an administrator.',
    'untrusted-sender': 'The kiosk could not confirm this request. Please ask IT for help.',
    'storage-unavailable': 'The kiosk can’t save or read its information right now. Please tell a staff member.',
    internal: 'Something went wrong on the kiosk. Please try again in a moment.',
  } satisfies Record<ErrorCode, string>,
};

export type Messages = typeof en;

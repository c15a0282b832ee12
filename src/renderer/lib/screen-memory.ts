/**
 * Where the parent was in their hub, so a reload of the page brings them back there instead of to the board. The
 * Electron shell reloads the same address in the same window after a renderer crash (kiosk-lockdown.ts), and
 * sessionStorage belongs to the window, so it survives both a reload and a crash; it is gone when the app restarts.
 *
 * Only ids, nothing about a person: the session's uuid, the language being read, the hub's section, a guide's id
 * and page. It is read back through strict checks, and the session must still be open in main to be reopened.
 * Staff screens are never remembered: a staff sign-in lives in memory only (staff-session.svelte.ts), so after a
 * reload staff sign in again, by design.
 */
import { LANGUAGES, type Language } from '../../shared/domain';

const KEY = 'kiosk.screen';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const MAX_PAGE = 200;

/** Where in the hub: a section (null: the menu), and in the holds section a guide and its page. */
export interface HubPlace {
  section: string | null;
  guide: string | null;
  page: number;
}

export interface RememberedHub extends HubPlace {
  sessionId: string;
  /** The language the parent was reading in (they may have switched from the session's). */
  language: Language | null;
}

const START: HubPlace = { section: null, guide: null, page: 0 };

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // A browser that refuses storage: the kiosk works on, without restoring after a reload.
    return null;
  }
}

const idOrNull = (value: unknown): string | null | undefined =>
  value === null ? null : typeof value === 'string' && ID.test(value) ? value : undefined;

function parse(text: string): RememberedHub | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const section = idOrNull(record.section);
  const guide = idOrNull(record.guide);
  const { sessionId, language, page } = record;
  if (typeof sessionId !== 'string' || !UUID.test(sessionId)) return null;
  if (language !== null && !(LANGUAGES as readonly unknown[]).includes(language)) return null;
  if (section === undefined || guide === undefined) return null;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 0 || page > MAX_PAGE) return null;
  return { sessionId, language: language as Language | null, section, guide, page };
}

/** What was remembered, if it passes every check; anything else is forgotten. */
export function recallHub(): RememberedHub | null {
  const store = storage();
  const text = store?.getItem(KEY) ?? null;
  if (text === null) return null;
  const remembered = parse(text);
  if (!remembered) forgetScreen();
  return remembered;
}

/** The place remembered for this session, or null (another session's place is never used). */
export function recallPlace(sessionId: string): RememberedHub | null {
  const remembered = recallHub();
  return remembered?.sessionId === sessionId ? remembered : null;
}

function save(remembered: RememberedHub): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(remembered));
  } catch {
    // Storage full or refused: nothing to restore after a reload, nothing else lost.
  }
}

/** The hub is showing this session, in this language. */
export function rememberHub(sessionId: string, language: Language): void {
  const current = recallPlace(sessionId);
  save({ ...(current ?? START), sessionId, language });
}

/** The parent moved inside the hub. A different section starts at its beginning (no guide, page 0). */
export function rememberPlace(sessionId: string, place: Partial<HubPlace>): void {
  const current = recallPlace(sessionId) ?? { ...START, sessionId, language: null };
  const sectionChanged = place.section !== undefined && place.section !== current.section;
  const base = sectionChanged ? { ...current, guide: null, page: 0 } : current;
  const next = { ...base, ...place };
  if (parse(JSON.stringify(next))) save(next);
}

/** Any screen but the hub: a reload shows the board. */
export function forgetScreen(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // As above: nothing to do.
  }
}

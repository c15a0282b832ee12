import type { Language } from '../../../shared/domain';

/**
 * Each language's name in its own words ("Español" even on an English screen), so anyone can find theirs. Kept apart
 * from the message catalogs: a language switch names every language before any but the current one has loaded.
 */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

import type { Language } from '../../../shared/domain';
import { en, type Messages } from './messages-en';

export type CatalogImporters = Record<Exclude<Language, 'en'>, () => Promise<Messages>>;

/**
 * Every language but English is a chunk of its own, fetched when the kiosk first needs it: the start-up script carries
 * one language, not all of them. Adding a language to shared LANGUAGES without an importer here fails the type check.
 */
const importers: CatalogImporters = {
  es: () => import('./messages-es').then((module) => module.es),
};

/**
 * The message catalogs loaded so far. English is always there: the screens shown before the kiosk's settings arrive
 * (one moment, could not start) speak it, and it is what a language that failed to load falls back on.
 */
export class CatalogCache {
  readonly #importers: CatalogImporters;
  readonly #loaded = new Map<Language, Messages>([['en', en]]);
  readonly #pending = new Map<Language, Promise<Messages>>();

  constructor(languageImporters: CatalogImporters = importers) {
    this.#importers = languageImporters;
  }

  /** The language's messages if they have loaded, else undefined. */
  loaded(language: Language): Messages | undefined {
    return this.#loaded.get(language);
  }

  /** Loads a language once; a failed load is forgotten, so the next call tries again. */
  load(language: Language): Promise<Messages> {
    const ready = this.#loaded.get(language);
    if (ready) return Promise.resolve(ready);
    const pending = this.#pending.get(language);
    if (pending) return pending;
    if (language === 'en') return Promise.resolve(en);
    const loading = this.#importers[language]().then(
      (messages) => {
        this.#loaded.set(language, messages);
        this.#pending.delete(language);
        return messages;
      },
      (error: unknown) => {
        this.#pending.delete(language);
        throw error;
      },
    );
    this.#pending.set(language, loading);
    return loading;
  }
}

export const catalogs = new CatalogCache();

/** A language's messages, or English while that language has not loaded. */
export function messagesFor(language: Language): Messages {
  return catalogs.loaded(language) ?? en;
}

import { LANGUAGES, type Language } from '../../../shared/domain';
import { catalogs } from './catalogs';
import type { Messages } from './messages-en';

/**
 * The language the kiosk is speaking right now. One shared instance (`locale`) so every component
 * re-renders when a parent switches language; `reset()` puts it back for the next test.
 */
export class LocaleState {
  #language = $state<Language>('en');
  #available = $state<readonly Language[]>(LANGUAGES);

  get language(): Language {
    return this.#language;
  }

  /** Languages offered by the switch, in the kiosk's configured order. */
  get available(): readonly Language[] {
    return this.#available;
  }

  /** The messages of the current language: `locale.t.board.free`. */
  get t(): Messages {
    return catalogs[this.#language];
  }

  set(language: Language): void {
    if (this.#available.includes(language)) this.#language = language;
  }

  /** Apply the kiosk's settings: which languages to offer and which to start in. */
  configure(available: readonly Language[], defaultLanguage: Language): void {
    const known = available.filter((language) => language in catalogs);
    this.#available = known.length > 0 ? known : LANGUAGES;
    this.#language = this.#available.includes(defaultLanguage) ? defaultLanguage : (this.#available[0] ?? 'en');
  }

  reset(): void {
    this.#language = 'en';
    this.#available = LANGUAGES;
  }
}

export const locale = new LocaleState();

import { LANGUAGES, type Language } from '../../../shared/domain';
import { reportProblem } from '../problem-reporter';
import { catalogs as sharedCatalogs, type CatalogCache } from './catalogs';
import { en, type Messages } from './messages-en';

/** What a failed language load is reported with; the screen itself stays in the language it was speaking. */
export type ReportLoadFailure = (language: Language, error: unknown) => void;

const reportToLog: ReportLoadFailure = (language, error) => reportProblem('error', error, `messages:${language}`);

/**
 * The language the kiosk is speaking right now. One shared instance (`locale`) so every component
 * re-renders when a parent switches language; `reset()` puts it back for the next test.
 *
 * A language other than English is loaded on first use: until it has arrived the screen keeps its current words (it
 * never shows keys or goes blank), and if it cannot load the screen stays as it was and the failure goes to the log.
 * `prefetch()` loads the offered languages in advance, so a switch is immediate.
 */
export class LocaleState {
  #current = $state.raw<{ language: Language; messages: Messages }>({ language: 'en', messages: en });
  #available = $state<readonly Language[]>(LANGUAGES);
  readonly #catalogs: CatalogCache;
  readonly #report: ReportLoadFailure;
  /** Counts requests, so a slow load never overrides a language chosen after it. */
  #request = 0;

  constructor(catalogs: CatalogCache = sharedCatalogs, report: ReportLoadFailure = reportToLog) {
    this.#catalogs = catalogs;
    this.#report = report;
  }

  get language(): Language {
    return this.#current.language;
  }

  /** Languages offered by the switch, in the kiosk's configured order. */
  get available(): readonly Language[] {
    return this.#available;
  }

  /** The messages of the current language: `locale.t.board.free`. */
  get t(): Messages {
    return this.#current.messages;
  }

  /** Switches at once when the language has loaded, else once it has; resolves when done (or given up). */
  set(language: Language): Promise<void> {
    if (!this.#available.includes(language)) return Promise.resolve();
    return this.#switchTo(language);
  }

  /** Apply the kiosk's settings: which languages to offer and which to start in (resolves once it speaks it). */
  configure(available: readonly Language[], defaultLanguage: Language): Promise<void> {
    const known = available.filter((language) => LANGUAGES.includes(language));
    this.#available = known.length > 0 ? known : LANGUAGES;
    return this.#switchTo(this.#available.includes(defaultLanguage) ? defaultLanguage : (this.#available[0] ?? 'en'));
  }

  /** A language's messages, loading them if needed; null (reported) when they cannot load. */
  async messagesOf(language: Language): Promise<Messages | null> {
    try {
      return await this.#catalogs.load(language);
    } catch (error) {
      this.#report(language, error);
      return null;
    }
  }

  /** Loads every offered language not loaded yet, quietly: a failure here is reported when a switch needs it. */
  prefetch(): Promise<void> {
    const missing = this.#available.filter((language) => !this.#catalogs.loaded(language));
    return Promise.all(missing.map((language) => this.#catalogs.load(language).catch(() => undefined))).then(
      () => undefined,
    );
  }

  reset(): void {
    this.#request += 1;
    this.#current = { language: 'en', messages: en };
    this.#available = LANGUAGES;
  }

  #switchTo(language: Language): Promise<void> {
    this.#request += 1;
    const request = this.#request;
    const ready = this.#catalogs.loaded(language);
    if (ready) {
      this.#current = { language, messages: ready };
      return Promise.resolve();
    }
    return this.messagesOf(language).then((messages) => {
      if (messages && request === this.#request) this.#current = { language, messages };
    });
  }
}

export const locale = new LocaleState();

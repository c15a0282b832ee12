/**
 * What the parent's hub shows, in the kiosk's current language: the content pack (kept on screen when a reload in the
 * same language fails), its illustrations, and the kiosk's help text and nurse contact. A language switch reloads the
 * content and is recorded as a session event. Made while the hub starts: its effects live as long as the hub.
 */
import { untrack } from 'svelte';
import type { ContentPack } from '../../shared/content-types';
import type { KioskStatus, Language } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { locale } from '../lib/i18n/locale.svelte';
import { callKiosk } from '../lib/kiosk-api';
import { loadContent, loadIllustrations } from './content-cache';
import type { EventDetail, NurseContact, ParentEventType } from './section-types';

type RecordEvent = (type: ParentEventType, detail?: EventDetail) => void;

export class HubContent {
  content = $state<ContentPack | null>(null);
  error = $state<ApiError | null>(null);
  illustrations = $state<Record<string, string>>({});
  #status = $state<KioskStatus | null>(null);
  readonly contact: NurseContact = $derived({
    helpText: this.#status?.helpText[locale.language] ?? '',
    nurseCall: this.#status?.nurseCall ?? 'call-button',
    phoneExtension: this.#status?.phoneExtension ?? '',
  });
  /** In a fleet, "Call a nurse" reaches the nurses' station through the hospital's database. */
  readonly inFleet: boolean = $derived(this.#status?.inFleet ?? false);
  #shownLanguage: Language;

  constructor(record: RecordEvent) {
    this.#shownLanguage = untrack(() => locale.language);

    $effect(() => {
      const language = locale.language;
      untrack(() => {
        if (language !== this.#shownLanguage) {
          record('language-changed', { from: this.#shownLanguage, to: language });
          this.#shownLanguage = language;
        }
        void this.#show(language);
      });
    });

    $effect(() => {
      void loadIllustrations().then((loaded) => (this.illustrations = loaded));
      void callKiosk((api) => api.getKioskStatus()).then((result) => {
        if (result.ok) this.#status = result.value;
        else console.warn(`help text not available: ${result.error.code}`);
      });
    });
  }

  retry(): void {
    this.error = null;
    void this.#show(locale.language);
  }

  async #show(language: Language): Promise<void> {
    const result = await loadContent(language);
    if (language !== locale.language) return;
    if (result.ok) {
      this.content = result.value;
      this.error = null;
    } else if (this.content === null || this.content.language !== language) {
      this.error = result.error;
    }
  }
}

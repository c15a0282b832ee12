/**
 * The shipped content packs, for component tests: the real words the parent reads, so a test that finds "Cradle hold"
 * or "Posición de cuna" checks the content too. (main checks the packs' shape; here they are taken as they are.)
 */
import type { ContentPack } from '../../../shared/content-types';
import type { Language } from '../../../shared/domain';

/**
 * Read through Vite rather than imported: the renderer's layer fence keeps resources/ out of the app's bundle, and
 * this file only ever runs in tests.
 */
const files = import.meta.glob<unknown>('../../../../resources/content/*/*.json', { eager: true, import: 'default' });

function file(language: Language, section: string): unknown {
  const found = files[`../../../../resources/content/${language}/${section}.json`];
  if (found === undefined) throw new Error(`no content file ${language}/${section}.json`);
  return found;
}

function pack(
  language: Language,
  files: {
    guides: unknown;
    letdown: unknown;
    tips: unknown;
    help: unknown;
    timers: unknown;
    about: unknown;
  },
): ContentPack {
  const guides = files.guides as { guides: ContentPack['guides'] };
  const letdown = files.letdown as { slides: ContentPack['letdownSlides'] };
  const tips = files.tips as { tips: ContentPack['tips'] };
  const timers = files.timers as {
    presets: ContentPack['timerPresets'];
    safetyNotes: ContentPack['timerSafetyNotes'];
  };
  return {
    language,
    guides: guides.guides,
    letdownSlides: letdown.slides,
    tips: tips.tips,
    help: files.help as ContentPack['help'],
    timerPresets: timers.presets,
    timerSafetyNotes: timers.safetyNotes,
    about: files.about as ContentPack['about'],
  };
}

const sections = (language: Language) => ({
  guides: file(language, 'guides'),
  letdown: file(language, 'letdown'),
  tips: file(language, 'tips'),
  help: file(language, 'help'),
  timers: file(language, 'timers'),
  about: file(language, 'about'),
});

export const packs: Record<Language, ContentPack> = { en: pack('en', sections('en')), es: pack('es', sections('es')) };

/** Checks on the content the kiosk ships: valid, the same in both languages, readable, and red flags that end well. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentPack, RedFlag } from '../../../shared/content-types';
import { LANGUAGES } from '../../../shared/domain';
import { BUILT_IN_CONTENT, ILLUSTRATIONS } from '../testing/content-files';
import { contentPackSchema } from './content-schema';
import { loadContentPacks } from './load-content';
import { fleschKincaidGrade } from './readability';

const { packs, problems } = loadContentPacks({ builtInFolder: BUILT_IN_CONTENT, languages: LANGUAGES });

/** Every on-screen string with its path, except titles, labels and source names (proper names, not sentences). */
function screenTexts(pack: ContentPack): { path: string; text: string }[] {
  const skip = new Set(['id', 'kind', 'illustration', 'timerPresetId', 'safetyNoteIds', 'writtenOn', 'language']);
  const out: { path: string; text: string }[] = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (!skip.has(key) && key !== 'title' && key !== 'label' && !(path.includes('sources') && key === 'name')) {
        out.push({ path, text: value });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, key));
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value))
        walk(child, path ? `${path}.${childKey}` : childKey, childKey);
    }
  };
  walk(pack, '', '');
  return out;
}

function redFlags(pack: ContentPack): RedFlag[] {
  return [
    ...pack.guides.flatMap((guide) => (guide.redFlag ? [guide.redFlag] : [])),
    ...pack.letdownSlides.flatMap((slide) => (slide.redFlag ? [slide.redFlag] : [])),
    ...pack.tips.flatMap((tip) => (tip.redFlag ? [tip.redFlag] : [])),
    ...pack.timerSafetyNotes.flatMap((note) => (note.redFlag ? [note.redFlag] : [])),
    pack.help.parent,
    pack.help.baby,
  ];
}

describe('shipped content', () => {
  it('loads in every language with no problems', () => {
    expect(problems).toEqual([]);
    for (const language of LANGUAGES) {
      expect(contentPackSchema.safeParse(packs[language]).success).toBe(true);
      expect(packs[language].language).toBe(language);
    }
  });

  it('has the guides, deck, tips and timers the kiosk was asked for', () => {
    const en = packs.en;
    expect(en.guides.map((guide) => guide.id)).toEqual([
      'cradle',
      'cross-cradle',
      'football',
      'side-lying',
      'laid-back',
      'good-latch',
      'hand-expression',
      'pumping',
      'milk-in-hospital',
      'cleaning-pump-parts',
      'nicu-and-preterm',
      'getting-enough',
      'feelings-after-birth',
    ]);
    expect(en.tips).toHaveLength(7);
    expect(en.letdownSlides.map((slide) => slide.kind)).toEqual([
      ...Array(5).fill('reflex'),
      'tips',
      'd-mer',
      'd-mer',
      'd-mer',
      'closing',
    ]);
    expect(en.timerPresets.map((preset) => [preset.kind, preset.minutes])).toEqual([
      ['warm-compress', 2],
      ['warm-compress', 5],
      ['warm-compress', 10],
      ['cool-pack', 10],
      ['warm-up', 1],
      ['left-right', null],
    ]);
    expect(en.about.writtenOn).toBe('2026-11-29');
    expect(en.about.reviewNote).toMatch(/lactation team should check/);
  });

  it('shows burn safety, with a confirmation, before every warm timer', () => {
    for (const language of LANGUAGES) {
      const pack = packs[language];
      const notes = new Map(pack.timerSafetyNotes.map((note) => [note.id, note]));
      for (const preset of pack.timerPresets.filter((p) => p.kind === 'warm-compress' || p.kind === 'cool-pack')) {
        const first = notes.get(preset.safetyNoteIds[0] ?? '');
        expect(first?.confirmBeforeStart, `${language} ${preset.id}`).toBe(true);
        expect(preset.safetyNoteIds, `${language} ${preset.id}`).toContain('red-or-painful-breast');
      }
    }
  });

  it('ends every red flag with "tell your nurse now" in each language', () => {
    const actions = { en: 'Tell your nurse now.', es: 'Avise a su enfermera ahora.' } as const;
    for (const language of LANGUAGES) {
      const flags = redFlags(packs[language]);
      expect(flags.length).toBeGreaterThanOrEqual(9);
      for (const flag of flags) expect(flag.action).toBe(actions[language]);
    }
  });

  it('keeps every English text at or below grade 7 (Flesch–Kincaid)', () => {
    const texts = screenTexts(packs.en);
    expect(texts.length).toBeGreaterThan(150);
    const tooHard = texts
      .map(({ path, text }) => ({ path, text, grade: Math.round(fleschKincaidGrade(text) * 10) / 10 }))
      .filter(({ grade }) => grade > 7);
    expect(tooHard).toEqual([]);
  });

  it('translates every text: no Spanish line is a copy of the English one', () => {
    const english = screenTexts(packs.en);
    const spanish = screenTexts(packs.es);
    expect(spanish.map((entry) => entry.path)).toEqual(english.map((entry) => entry.path));
    const untranslated = spanish.filter((entry, index) => entry.text === english[index]?.text);
    expect(untranslated).toEqual([]);
  });

  it('keeps sentences short in both languages (at most 25 words)', () => {
    for (const language of LANGUAGES) {
      const long = screenTexts(packs[language]).flatMap(({ path, text }) =>
        text
          .split(/[.!?¿¡]+\s*/)
          .filter((sentence) => sentence.split(/\s+/).filter(Boolean).length > 25)
          .map((sentence) => `${language} ${path}: ${sentence}`),
      );
      expect(long).toEqual([]);
    }
  });
});

describe('safety lines the kiosk must keep', () => {
  const guide = (language: 'en' | 'es', id: string) => packs[language].guides.find((entry) => entry.id === id);
  const all = (lines: readonly string[] | undefined) => (lines ?? []).join(' | ');

  it('lists the urgent warning signs for the parent, with the fever and bleeding thresholds', () => {
    expect(all(packs.en.help.parent.signs)).toMatch(
      /100\.4°F \(38°C\).*soaks a pad in 1 hour.*clots bigger than an egg/,
    );
    expect(all(packs.en.help.parent.signs)).toMatch(/face or hands.*One leg/);
    expect(all(packs.es.help.parent.signs)).toMatch(/100\.4 °F \(38 °C\).*empapa una toalla sanitaria en 1 hora/);
  });

  it('lists the most urgent signs for the baby: colour, limpness, temperature, jaundice in the eyes', () => {
    expect(all(packs.en.help.baby.signs)).toMatch(
      /blue, gray or very pale.*Limp or floppy.*too hot or too cold.*whites of the eyes/,
    );
    expect(all(packs.es.help.baby.signs)).toMatch(
      /azules, grises o muy pálidos.*sin fuerza.*muy caliente o muy frío.*ojos/,
    );
  });

  it('keeps the baby’s face clear and a sleepy parent safe in the laid-back and side-lying holds', () => {
    expect(all(guide('en', 'laid-back')?.safety)).toMatch(/face where you can see it.*If you feel sleepy/);
    expect(all(guide('en', 'side-lying')?.steps.map((step) => step.text))).toMatch(
      /firm mattress.*away from your baby's face/,
    );
    expect(all(guide('en', 'side-lying')?.safety)).toMatch(/couch, armchair or recliner/);
    expect(all(guide('es', 'side-lying')?.safety)).toMatch(/^Si le está dando sueño, acueste a su bebé boca arriba/);
  });

  it('calls mastitis a swelling that is sometimes an infection, and keeps feeding on both sides', () => {
    for (const language of LANGUAGES) {
      const note = packs[language].timerSafetyNotes.find((entry) => entry.id === 'red-or-painful-breast');
      expect(note?.redFlag?.heading).not.toMatch(/infection|infección/);
      expect(all(note?.points)).toMatch(/both sides|dos lados/);
    }
  });
});

describe('shipped illustrations', () => {
  const files = readdirSync(ILLUSTRATIONS).filter((name) => name.endsWith('.svg'));

  it('uses every SVG, and every guide and step names an existing file', () => {
    const named = new Set(
      packs.en.guides.flatMap((guide) => [
        guide.illustration,
        ...guide.steps.flatMap((step) => (step.illustration ? [step.illustration] : [])),
      ]),
    );
    expect(files.sort()).toEqual([...named].sort());
  });

  it.each(readdirSync(ILLUSTRATIONS).filter((name) => name.endsWith('.svg')))('%s is a safe, themeable SVG', (file) => {
    const svg = readFileSync(join(ILLUSTRATIONS, file), 'utf8');
    expect(svg.trimStart().startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/<svg[^>]*\sviewBox="0 0 400 300"/);
    expect(svg).toMatch(/<svg[^>]*\srole="img"/);
    expect(svg).toMatch(/<title[^>]*>[^<]+<\/title>/);
    expect(svg).toMatch(/<desc[^>]*>[^<]+<\/desc>/);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toMatch(/href\s*=\s*["']?(?!#)/i);
    expect(svg).not.toMatch(/url\((?!#)/i);
    expect(svg).not.toMatch(/<(image|foreignObject|style)\b/i);
    // One themeable colour: every stroke is currentColor; black/white appear only inside masks.
    const colours = [...svg.matchAll(/(?:stroke|fill)="([^"]+)"/g)].map((match) => match[1]);
    expect(colours.filter((c) => !['currentColor', 'none', 'black', 'white'].includes(c ?? ''))).toEqual([]);
    const outsideMasks = svg.replace(/<mask[\s\S]*?<\/mask>/g, '');
    expect(outsideMasks).not.toMatch(/"(black|white)"/);
    // Ids are prefixed with the file name so several inlined SVGs on one page never clash.
    const prefix = file.replace(/\.svg$/, '');
    for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) expect(id?.startsWith(`${prefix}-`)).toBe(true);
  });
});

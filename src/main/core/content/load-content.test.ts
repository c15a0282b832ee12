import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/domain';
import { makeTempFolder } from '../testing/temp-folder';
import { BUILT_IN_CONTENT, copyResources, readBuiltIn, writeFile } from '../testing/content-files';
import { BuiltInContentError, loadContentPacks, mergeById } from './load-content';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests edit free-form JSON

let temp: { path: string; cleanup(): void };
beforeEach(() => {
  temp = makeTempFolder('kiosk-content-');
});
afterEach(() => temp.cleanup());

const load = (overrideFolder?: string) =>
  loadContentPacks({ builtInFolder: BUILT_IN_CONTENT, overrideFolder, languages: LANGUAGES });

const builtIn = load().packs;

/** Loads with `content` as the override `file`, which must be refused for exactly `reason`; answers the packs. */
function loadRefused(file: string, content: unknown, reason: string) {
  writeFile(temp.path, file, content);
  const { packs, problems } = load(temp.path);
  expect(problems).toEqual([{ file, reason }]);
  return packs;
}

describe('loadContentPacks with overrides', () => {
  it('ignores an override folder that does not exist', () => {
    const result = load(join(temp.path, 'no-such-folder'));
    expect(result.problems).toEqual([]);
    expect(result.packs).toEqual(builtIn);
  });

  it('replaces an item with the same id and adds a new id at the end, in every language', () => {
    for (const language of LANGUAGES) {
      const tips = readBuiltIn(`${language}/tips.json`) as Json;
      const relax = { ...tips.tips[0], body: `${language}: breathe out slowly.` };
      const extra = { id: 'quiet-room', title: `${language}: quiet`, body: `${language}: dim the lights.`, points: [] };
      writeFile(temp.path, `${language}/tips.json`, { tips: [relax, extra] });
    }
    const { packs, problems } = load(temp.path);
    expect(problems).toEqual([]);
    for (const language of LANGUAGES) {
      const ids = packs[language].tips.map((tip) => tip.id);
      expect(ids).toEqual([...builtIn[language].tips.map((tip) => tip.id), 'quiet-room']);
      expect(packs[language].tips[0]?.body).toBe(`${language}: breathe out slowly.`);
      expect(packs[language].tips[1]).toEqual(builtIn[language].tips[1]);
      expect(packs[language].guides).toEqual(builtIn[language].guides);
    }
  });

  it('replaces single-object sections (help) as a whole', () => {
    for (const language of LANGUAGES) {
      const help = readBuiltIn(`${language}/help.json`) as Json;
      writeFile(temp.path, `${language}/help.json`, { ...help, intro: `${language}: press the red button.` });
    }
    const { packs, problems } = load(temp.path);
    expect(problems).toEqual([]);
    expect(packs.en.help.intro).toBe('en: press the red button.');
    expect(packs.es.help.intro).toBe('es: press the red button.');
  });

  it('reports invalid JSON with the file and keeps the built-in section', () => {
    writeFile(temp.path, 'en/guides.json', '{ "guides": [ { "id": "cradle", } ');
    const { packs, problems } = load(temp.path);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('en/guides.json');
    expect(problems[0]?.reason).toMatch(/^not valid JSON/);
    expect(problems[0]?.reason).toMatch(/built-in guides content is shown instead/);
    expect(packs).toEqual(builtIn);
  });

  it('reports a schema violation in plain words with the path, and keeps the built-in section', () => {
    const guides = readBuiltIn('es/guides.json') as Json;
    guides.guides[2].steps = guides.guides[2].steps.slice(0, 2);
    guides.guides[0].colour = 'pink';
    const packs = loadRefused(
      'es/guides.json',
      guides,
      'guides[0]: unknown field "colour"; guides[2].steps: a guide has 3 to 5 steps. ' +
        'The built-in guides content is shown instead',
    );
    expect(packs).toEqual(builtIn);
  });

  it('reports a guide missing in Spanish as a missing translation and uses the built-in guides everywhere', () => {
    const guides = readBuiltIn('en/guides.json') as Json;
    const nipple = { ...guides.guides[0], id: 'nipple-shield', title: 'Using a nipple shield' };
    writeFile(temp.path, 'en/guides.json', { guides: [nipple] });
    const { packs, problems } = load(temp.path);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('en/guides.json');
    expect(problems[0]?.reason).toContain('"nipple-shield" is in en but missing in es');
    expect(packs.en.guides.map((guide) => guide.id)).not.toContain('nipple-shield');
    expect(packs).toEqual(builtIn);
  });

  it('reports a structural difference (step count, minutes) between languages', () => {
    const timers = readBuiltIn('es/timers.json') as Json;
    timers.presets = [{ ...timers.presets[1], minutes: 6 }];
    timers.safetyNotes = [];
    const packs = loadRefused(
      'es/timers.json',
      timers,
      'the languages no longer match (timerPresets["warm-compress-5"].minutes: 5 in en, 6 in es); every ' +
        'language needs the same items. The built-in timers content is shown instead',
    );
    expect(packs.es.timerPresets).toEqual(builtIn.es.timerPresets);
  });

  it('reports an illustration or timer that does not exist', () => {
    for (const language of LANGUAGES) {
      const guides = readBuiltIn(`${language}/guides.json`) as Json;
      writeFile(temp.path, `${language}/guides.json`, {
        guides: [{ ...guides.guides[0], illustration: 'cradle-new.svg' }],
      });
      const tips = readBuiltIn(`${language}/tips.json`) as Json;
      writeFile(temp.path, `${language}/tips.json`, { tips: [{ ...tips.tips[0], timerPresetId: 'sauna' }] });
    }
    const { packs, problems } = load(temp.path);
    expect(problems.map((problem) => problem.file).sort()).toEqual([
      'en/guides.json',
      'en/tips.json',
      'es/guides.json',
      'es/tips.json',
    ]);
    expect(problems.find((p) => p.file === 'en/guides.json')?.reason).toMatch(
      /guide "cradle": there is no illustration called "cradle-new.svg"/,
    );
    expect(problems.find((p) => p.file === 'es/tips.json')?.reason).toMatch(/there is no timer preset called "sauna"/);
    expect(packs).toEqual(builtIn);
  });

  it('keeps good overrides while reporting a bad one', () => {
    for (const language of LANGUAGES) {
      const about = readBuiltIn(`${language}/about.json`) as Json;
      writeFile(temp.path, `${language}/about.json`, { ...about, reviewNote: `${language}: reviewed by our team.` });
    }
    const packs = loadRefused(
      'es/letdown.json',
      { slides: 'none' },
      'slides: expected a list [ ]. The built-in letdown content is shown instead',
    );
    expect(packs.es.about.reviewNote).toBe('es: reviewed by our team.');
    expect(packs.es.letdownSlides).toEqual(builtIn.es.letdownSlides);
  });

  it('reports unknown files and files outside a language folder, and reads files saved with a BOM', () => {
    writeFile(temp.path, 'guides.json', '{}');
    writeFile(temp.path, 'en/guide.json', '{}');
    writeFile(temp.path, 'en/notes.txt', 'not content');
    for (const language of LANGUAGES) {
      const help = readBuiltIn(`${language}/help.json`) as Json;
      writeFile(temp.path, `${language}/help.json`, `\uFEFF${JSON.stringify({ ...help, closing: 'OK.' })}`);
    }
    const { packs, problems } = load(temp.path);
    expect(problems.map((problem) => problem.file)).toEqual(['guides.json', 'en/guide.json']);
    expect(problems[1]?.reason).toMatch(/use one of guides.json, letdown.json, tips.json/);
    expect(packs.en.help.closing).toBe('OK.');
  });
});

describe('loadContentPacks with broken built-in files', () => {
  it('throws with the file and the reason when a built-in file fails the schema', () => {
    const { content } = copyResources(temp.path);
    const tips = readBuiltIn('en/tips.json') as Json;
    tips.tips[3].body = '';
    writeFile(content, 'en/tips.json', tips);
    expect(() => loadContentPacks({ builtInFolder: content, languages: LANGUAGES })).toThrow(
      new BuiltInContentError('en/tips.json', 'tips[3].body: text must not be empty'),
    );
  });

  it('throws when a built-in translation is missing', () => {
    const { content } = copyResources(temp.path);
    const tips = readBuiltIn('es/tips.json') as Json;
    tips.tips.pop();
    writeFile(content, 'es/tips.json', tips);
    expect(() => loadContentPacks({ builtInFolder: content, languages: LANGUAGES })).toThrow(
      /es\/tips.json: tips: "warmth" is in en but missing in es/,
    );
  });

  it('throws when a built-in file is missing or an illustration is gone', () => {
    const first = copyResources(join(temp.path, 'a'));
    rmSync(join(first.content, 'es', 'about.json'));
    expect(() => loadContentPacks({ builtInFolder: first.content, languages: LANGUAGES })).toThrow(
      /es\/about.json: the file is missing/,
    );
    const second = copyResources(join(temp.path, 'b'));
    rmSync(join(second.illustrations, 'laid-back.svg'));
    expect(() => loadContentPacks({ builtInFolder: second.content, languages: LANGUAGES })).toThrow(
      /en\/guides.json: guide "laid-back": there is no illustration called "laid-back.svg"/,
    );
  });

  it('loads only the languages asked for', () => {
    const { packs } = loadContentPacks({ builtInFolder: BUILT_IN_CONTENT, languages: ['es'] });
    expect(Object.keys(packs)).toEqual(['es']);
  });
});

describe('mergeById', () => {
  it('replaces by id in place and appends new ids in their order', () => {
    const base = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(
      mergeById(base, [
        { id: 'c', v: 2 },
        { id: 'b', v: 2 },
        { id: 'd', v: 2 },
      ]),
    ).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'c', v: 2 },
      { id: 'd', v: 2 },
    ]);
  });
});

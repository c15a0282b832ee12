import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ContentPack } from '../../../shared/content-types';
import { LANGUAGES } from '../../../shared/domain';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { callCore, setUpWard, signInToken } from '../testing/core-calls';
import { readBuiltIn, writeFile } from '../testing/content-files';
import { packOffer, packWithoutSteps, tipsPack } from '../testing/published-packs';
import { coreTest } from '../testing/temp-database';
import { PUBLISHED_PACK_LABEL } from './load-content';
import { publishedPackPath } from './published-pack-store';

const firstTip = async (core: KioskCore, language: 'en' | 'es') =>
  (await callCore<ContentPack>(core, 'getContent', { language })).tips[0]?.body;

/** The same data folder opened again, as at the kiosk's next start. */
function reopen(folder: string): KioskCore {
  return openKioskCore({ dataFolder: folder, backups: false, logger: { error: () => undefined } });
}

/** What the admin area's content status shows (admin only). */
async function contentProblems(core: KioskCore) {
  await setUpWard(core);
  return callCore(core, 'getContentProblems', { staffToken: await signInToken(core, '100', '1234') });
}

const contentAudits = (core: KioskCore) =>
  listAuditEntries(core.db).filter((entry) => entry.action.startsWith('content-pack'));

coreTest(
  'a valid pack is stored, audited and shown from the next start, in every language',
  async ({ core, folder }) => {
    const before = await firstTip(core, 'en');
    expect(core.offerContentPack(packOffer(tipsPack('Sip water.'), 3))).toEqual({ status: 'accepted', version: 3 });
    // This run keeps the content it started with: the page and the timers read one pack.
    expect(await firstTip(core, 'en')).toBe(before);
    expect(core.publishedContent()).toEqual({ inUse: null, stored: 3 });
    expect(contentAudits(core)).toMatchObject([{ action: 'content-pack-accepted', detail: { version: 3 } }]);

    const next = reopen(folder.path);
    try {
      for (const language of LANGUAGES) expect(await firstTip(next, language)).toBe(`${language}: Sip water.`);
      expect(next.publishedContent()).toEqual({ inUse: 3, stored: 3 });
      expect(await contentProblems(next)).toEqual([]);
      // The same version again, or an older one, is not taken again.
      expect(next.offerContentPack(packOffer(tipsPack('Older.'), 2))).toEqual({ status: 'current', version: 3 });
    } finally {
      next.close();
    }
  },
);

coreTest(
  'a pack that fails the schema is refused whole, audited, and the accepted one stays',
  async ({ core, folder }) => {
    core.offerContentPack(packOffer(tipsPack('Kept.'), 1));
    const stored = readFileSync(publishedPackPath(folder.path), 'utf8');
    const answer = core.offerContentPack(packOffer(packWithoutSteps(), 2));
    expect(answer).toMatchObject({
      status: 'refused',
      version: 2,
      reason: /en\/guides: guides\[0\]\.steps: a guide has 3 to 5 steps/,
    });
    expect(readFileSync(publishedPackPath(folder.path), 'utf8')).toBe(stored);
    expect(contentAudits(core)[0]).toMatchObject({ action: 'content-pack-refused', detail: { version: 2 } });
    const next = reopen(folder.path);
    try {
      expect(await firstTip(next, 'es')).toBe('es: Kept.');
    } finally {
      next.close();
    }
  },
);

coreTest('a pack whose hash does not match what was published is refused', ({ core, folder }) => {
  const offer = packOffer(tipsPack('Tampered.'), 1, packOffer(tipsPack('Original.'), 1).sha256);
  expect(core.offerContentPack(offer)).toMatchObject({ status: 'refused', reason: /SHA-256 does not match/ });
  expect(core.publishedContent().stored).toBeNull();
  expect(() => readFileSync(publishedPackPath(folder.path))).toThrow(/ENOENT/);
});

coreTest('refuses packs that break references or make the languages differ, or are not packs', ({ core }) => {
  const tips = readBuiltIn('en/tips.json') as { tips: Record<string, unknown>[] };
  const extra = { id: 'quiet-room', title: 'Quiet', body: 'Dim the lights.', points: [] };
  const cases: [string, RegExp][] = [
    [JSON.stringify({ en: { tips: { tips: [...tips.tips, extra] } } }), /"quiet-room" is in en but missing in es/],
    [
      JSON.stringify({ en: { tips: { tips: [{ ...tips.tips[0], timerPresetId: 'sauna' }] } } }),
      /no timer preset called "sauna"/,
    ],
    [JSON.stringify({ fr: { tips } }), /"fr" is not a language this kiosk shows/],
    [JSON.stringify({ en: { recipes: {} } }), /en\/recipes: not a section this kiosk knows/],
    [JSON.stringify({}), /holds no content/],
    ['{"en": ', /not valid JSON/],
  ];
  cases.forEach(([pack, reason], index) => {
    expect(core.offerContentPack(packOffer(pack, index + 1))).toMatchObject({ status: 'refused', reason });
  });
  expect(core.publishedContent().stored).toBeNull();
});

coreTest(
  'a stored pack changed on disk is not shown: staff see why, parents see the built-in content',
  async ({ core, folder }) => {
    const builtIn = await firstTip(core, 'en');
    core.offerContentPack(packOffer(tipsPack('Sip water.'), 1));
    const file = publishedPackPath(folder.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Sip water.', 'Sip wine.'));
    const next = reopen(folder.path);
    try {
      expect(await firstTip(next, 'en')).toBe(builtIn);
      expect(await contentProblems(next)).toEqual([
        { file: PUBLISHED_PACK_LABEL, reason: expect.stringMatching(/SHA-256 does not match/) },
      ]);
      expect(next.publishedContent().inUse).toBeNull();
    } finally {
      next.close();
    }
  },
);

coreTest('a hospital override on the kiosk still applies on top of the published pack', async ({ core, folder }) => {
  core.offerContentPack(packOffer(tipsPack('From the centre.'), 1));
  for (const language of LANGUAGES) {
    const help = readBuiltIn(`${language}/help.json`);
    writeFile(`${folder.path}/content`, `${language}/help.json`, { ...help, intro: `${language}: ward phone 4411.` });
  }
  const next = reopen(folder.path);
  try {
    const pack = await callCore<ContentPack>(next, 'getContent', { language: 'en' });
    expect(pack.tips[0]?.body).toBe('en: From the centre.');
    expect(pack.help.intro).toBe('en: ward phone 4411.');
  } finally {
    next.close();
  }
});

/** Content packs as the fleet's centre publishes them, built from the shipped content, for the content-pack tests. */
import { LANGUAGES } from '../../../shared/domain';
import type { PackOffer } from '../content/accept-published-pack';
import { sha256Hex } from '../content/published-pack-store';
import { readBuiltIn } from './content-files';

type TipsFile = { tips: { id: string; body: string }[] };

/** A pack that rewrites the first tip card's body in every language as `<language>: <body>`. */
export function tipsPack(body: string): string {
  return JSON.stringify(
    Object.fromEntries(
      LANGUAGES.map((language) => {
        const tips = readBuiltIn(`${language}/tips.json`) as TipsFile;
        const [first, ...rest] = tips.tips;
        return [language, { tips: { tips: [{ ...first, body: `${language}: ${body}` }, ...rest] } }];
      }),
    ),
  );
}

/** A pack whose first guide has no steps: refused by the guides schema ("a guide has 3 to 5 steps"). */
export function packWithoutSteps(): string {
  const guides = readBuiltIn('en/guides.json') as { guides: { steps: unknown[] }[] };
  guides.guides[0]!.steps = [];
  return JSON.stringify({ en: { guides } });
}

/** An offer as the puller reads it from the centre, with the pack's true SHA-256 unless one is given. */
export function packOffer(pack: string, version: number, sha256 = sha256Hex(pack)): PackOffer {
  return { version, sha256, publishedAt: new Date().toISOString(), publishedBy: 'kiosk_fleet_owner', pack };
}

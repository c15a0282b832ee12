import type { CentralMigration } from './central-migration';

/** What a pack may weigh at the centre; the kiosk refuses more too (core/content/published-pack.ts). */
export const MAX_CONTENT_PACK_BYTES = 2 * 1024 * 1024;

/**
 * Content packs published once at the centre for every kiosk to pull: the pack's exact text (its SHA-256 is computed
 * over those bytes, which jsonb would not keep), the hash, who published it and when. Append only: nobody but the owner
 * may change or delete a published pack, and a newer version replaces it. Kiosks and the reporting role read them;
 * the owner and the publisher group publish, naming only the pack and its hash (who and when are the server's).
 */
export const contentPacks: CentralMigration = {
  version: 4,
  name: 'content packs published for every kiosk',
  statements: ({ kiosk, reporting, publisher }) => [
    `GRANT USAGE ON SCHEMA fleet TO ${publisher}`,
    `CREATE TABLE fleet.content_packs (
       version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       pack text NOT NULL CHECK (octet_length(pack) <= ${MAX_CONTENT_PACK_BYTES} AND (pack::jsonb) IS NOT NULL),
       sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
       published_by text NOT NULL DEFAULT current_user,
       published_at timestamptz NOT NULL DEFAULT now()
     )`,
    `GRANT SELECT ON fleet.content_packs TO ${kiosk}, ${reporting}, ${publisher}`,
    `GRANT INSERT (pack, sha256) ON fleet.content_packs TO ${publisher}`,
  ],
};

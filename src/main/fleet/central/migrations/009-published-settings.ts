import { MAX_CENTRE_SETTINGS_BYTES } from '../../../../shared/centre-settings';
import type { CentralMigration } from './central-migration';

/**
 * Settings published at the centre for every kiosk of the hospital (unit null) or of one unit: the document's exact
 * text (its SHA-256 is over those bytes, which jsonb would not keep), the hash, who published it and when. Append
 * only, like content packs: a newer version for the same scope replaces the older one, and nobody but the owner may
 * change or delete one. Kiosks and the reporting role read them; the owner and the publisher group publish, naming
 * only the scope, the document and its hash (who and when are the server's).
 */
export const publishedSettings: CentralMigration = {
  version: 9,
  name: 'settings published for the hospital or a unit',
  statements: ({ kiosk, reporting, publisher }) => [
    `GRANT USAGE ON SCHEMA fleet TO ${publisher}`,
    `CREATE TABLE fleet.published_settings (
       version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       unit text CHECK (unit IS NULL OR unit = btrim(unit) AND length(unit) BETWEEN 1 AND 80),
       settings text NOT NULL
         CHECK (octet_length(settings) <= ${MAX_CENTRE_SETTINGS_BYTES} AND jsonb_typeof(settings::jsonb) = 'object'),
       sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
       published_by text NOT NULL DEFAULT current_user,
       published_at timestamptz NOT NULL DEFAULT now()
     )`,
    `GRANT SELECT ON fleet.published_settings TO ${kiosk}, ${reporting}, ${publisher}`,
    `GRANT INSERT (unit, settings, sha256) ON fleet.published_settings TO ${publisher}`,
  ],
};

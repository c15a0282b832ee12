import type { CentralConnection } from './central-connection';

export interface PublishedSettings {
  version: number;
  /** null: for the whole hospital; else the unit it is for. */
  unit: string | null;
  /** The document's exact text, as published. */
  settings: string;
  sha256: string;
  publishedBy: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
}

/** What a kiosk is offered at each look: the newest document for its hospital and for its own unit. */
export interface SettingsForKiosk {
  hospital: PublishedSettings | null;
  unit: PublishedSettings | null;
}

interface Row {
  version: string;
  unit: string | null;
  settings: string;
  sha256: string;
  published_by: string;
  published_at: Date;
}

const fromRow = (row: Row): PublishedSettings => ({
  version: Number(row.version),
  unit: row.unit,
  settings: row.settings,
  sha256: row.sha256,
  publishedBy: row.published_by,
  publishedAt: row.published_at.toISOString(),
});

/** Publishes a document already checked by the caller; answers its version. Only the owner and publishers may. */
export async function publishSettings(
  sql: CentralConnection,
  input: { unit: string | null; settings: string; sha256: string },
): Promise<Omit<PublishedSettings, 'settings' | 'sha256'>> {
  const [row] = await sql.query<Row>(
    `INSERT INTO fleet.published_settings (unit, settings, sha256) VALUES ($1, $2, $3)
     RETURNING version::text, unit, settings, sha256, published_by, published_at`,
    [input.unit, input.settings, input.sha256],
  );
  const { version, unit, publishedBy, publishedAt } = fromRow(row!);
  return { version, unit, publishedBy, publishedAt };
}

/**
 * As a kiosk: the newest hospital document and the newest for the unit of its own registration (row-level security
 * shows a kiosk only its own row in fleet.kiosks). One short query; the documents are small.
 */
export async function readSettingsForKiosk(sql: CentralConnection): Promise<SettingsForKiosk> {
  // Ordered by the table's column: a bare "version" would name the text column of the select list, and "9" > "10".
  const rows = await sql.query<Row>(
    `SELECT DISTINCT ON (s.unit IS NULL) s.version::text, s.unit, s.settings, s.sha256, s.published_by, s.published_at
     FROM fleet.published_settings s
     WHERE s.unit IS NULL OR s.unit = (SELECT k.unit FROM fleet.kiosks k WHERE k.kiosk_id = current_user)
     ORDER BY s.unit IS NULL, s.version DESC`,
  );
  const hospital = rows.find((row) => row.unit === null);
  const unit = rows.find((row) => row.unit !== null);
  return { hospital: hospital ? fromRow(hospital) : null, unit: unit ? fromRow(unit) : null };
}

import type { CentralConnection } from './central-connection';

export interface PublishedContentPack {
  version: number;
  /** The pack's exact text, as published. */
  pack: string;
  sha256: string;
  publishedBy: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
}

/** Publishes a pack already checked by the caller; answers its version. Only the owner and publishers may. */
export async function publishContentPack(
  sql: CentralConnection,
  input: { pack: string; sha256: string },
): Promise<Omit<PublishedContentPack, 'pack' | 'sha256'>> {
  const [row] = await sql.query<{ version: string; published_by: string; published_at: Date }>(
    `INSERT INTO fleet.content_packs (pack, sha256) VALUES ($1, $2)
     RETURNING version::text, published_by, published_at`,
    [input.pack, input.sha256],
  );
  return {
    version: Number(row!.version),
    publishedBy: row!.published_by,
    publishedAt: row!.published_at.toISOString(),
  };
}

/** The newest published pack if its version is above `newerThan` (0: any), else null. */
export async function readNewestContentPack(
  sql: CentralConnection,
  newerThan: number,
): Promise<PublishedContentPack | null> {
  const [row] = await sql.query<{
    version: string;
    pack: string;
    sha256: string;
    published_by: string;
    published_at: Date;
  }>(
    // Ordered by the table's column: a bare "version" would name the text column of the select list, and "9" > "10".
    `SELECT p.version::text, p.pack, p.sha256, p.published_by, p.published_at FROM fleet.content_packs p
     WHERE p.version > $1 ORDER BY p.version DESC LIMIT 1`,
    [newerThan],
  );
  if (!row) return null;
  return {
    version: Number(row.version),
    pack: row.pack,
    sha256: row.sha256,
    publishedBy: row.published_by,
    publishedAt: row.published_at.toISOString(),
  };
}

import { randomBytes } from 'node:crypto';
import type { CentralConnection } from './central-connection';
import { fleetRoles, kioskRoleName, quoteIdentifier } from './fleet-roles';
import { scramVerifier } from './scram-verifier';

export interface NewKiosk {
  kioskId: string;
  /** Shown once, inside the enrolment string; the server keeps only its SCRAM verifier. */
  password: string;
}

export interface RegisteredKiosk {
  kioskId: string;
  name: string;
  unit: string | null;
}

/**
 * Registers a kiosk: its own login role (member of the fleet's kiosk group, nothing else) with a random password,
 * and its row in fleet.kiosks, in one transaction. Run by the owner role.
 */
export async function addKiosk(
  sql: CentralConnection,
  kiosk: { name: string; unit: string | null },
): Promise<NewKiosk> {
  const password = randomBytes(24).toString('base64url');
  return sql.transaction(async (tx) => {
    const [{ database }] = (await tx.query<{ database: string }>('SELECT current_database() AS database')) as [
      { database: string },
    ];
    const taken = await tx.query('SELECT 1 FROM fleet.kiosks WHERE name = $1', [kiosk.name]);
    if (taken.length > 0) throw new Error(`A kiosk named "${kiosk.name}" is already registered: choose another name.`);
    const kioskId = kioskRoleName(database, randomBytes(5).toString('hex'));
    const group = quoteIdentifier(fleetRoles(database).kiosk);
    // The verifier is base64 and '$:' only, so it is safe between quotes; DDL takes no bind parameters.
    await tx.query(
      `CREATE ROLE ${quoteIdentifier(kioskId)} LOGIN CONNECTION LIMIT 4 PASSWORD '${scramVerifier(password)}' IN ROLE ${group}`,
    );
    await tx.query('INSERT INTO fleet.kiosks (kiosk_id, name, unit) VALUES ($1, $2, $3)', [
      kioskId,
      kiosk.name,
      kiosk.unit,
    ]);
    return { kioskId, password };
  });
}

export async function listKiosks(sql: CentralConnection): Promise<RegisteredKiosk[]> {
  const rows = await sql.query<{ kiosk_id: string; name: string; unit: string | null }>(
    'SELECT kiosk_id, name, unit FROM fleet.kiosks WHERE left_at IS NULL ORDER BY unit, name',
  );
  return rows.map((row) => ({ kioskId: row.kiosk_id, name: row.name, unit: row.unit }));
}

import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
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
export async function addKiosk(sql: postgres.Sql, kiosk: { name: string; unit: string | null }): Promise<NewKiosk> {
  const password = randomBytes(24).toString('base64url');
  return sql.begin(async (tx) => {
    const [{ database }] = (await tx`SELECT current_database() AS database`) as unknown as [{ database: string }];
    const taken = await tx`SELECT 1 FROM fleet.kiosks WHERE name = ${kiosk.name}`;
    if (taken.length > 0) throw new Error(`A kiosk named "${kiosk.name}" is already registered: choose another name.`);
    const kioskId = kioskRoleName(database, randomBytes(5).toString('hex'));
    const group = quoteIdentifier(fleetRoles(database).kiosk);
    // The verifier is base64 and '$:' only, so it is safe between quotes; DDL takes no bind parameters.
    await tx.unsafe(
      `CREATE ROLE ${quoteIdentifier(kioskId)} LOGIN CONNECTION LIMIT 4 PASSWORD '${scramVerifier(password)}' IN ROLE ${group}`,
    );
    await tx`INSERT INTO fleet.kiosks (kiosk_id, name, unit) VALUES (${kioskId}, ${kiosk.name}, ${kiosk.unit})`;
    return { kioskId, password };
  });
}

export async function listKiosks(sql: postgres.Sql): Promise<RegisteredKiosk[]> {
  const rows = await sql`SELECT kiosk_id, name, unit FROM fleet.kiosks WHERE left_at IS NULL ORDER BY unit, name`;
  return rows.map((row) => ({
    kioskId: row.kiosk_id as string,
    name: row.name as string,
    unit: row.unit as string | null,
  }));
}

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
  /** A nurses' station: reads and answers every unit's help calls (central migration 11). */
  station: boolean;
}

/**
 * Registers a kiosk: its own login role (member of the fleet's kiosk group, nothing else) with a random password,
 * and its row in fleet.kiosks, in one transaction. Run by the owner role.
 */
export async function addKiosk(
  sql: CentralConnection,
  kiosk: { name: string; unit: string | null; station?: boolean },
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
    // The station column is named only when asked for, so a plain kiosk registers on a centre before step 11 too.
    if (kiosk.station) {
      await tx.query('INSERT INTO fleet.kiosks (kiosk_id, name, unit, station) VALUES ($1, $2, $3, true)', [
        kioskId,
        kiosk.name,
        kiosk.unit,
      ]);
    } else {
      await tx.query('INSERT INTO fleet.kiosks (kiosk_id, name, unit) VALUES ($1, $2, $3)', [
        kioskId,
        kiosk.name,
        kiosk.unit,
      ]);
    }
    return { kioskId, password };
  });
}

type KioskRow = { kiosk_id: string; name: string; unit: string | null; station: boolean };
const fromRow = (row: KioskRow): RegisteredKiosk => ({
  kioskId: row.kiosk_id,
  name: row.name,
  unit: row.unit,
  station: row.station,
});

export async function listKiosks(sql: CentralConnection): Promise<RegisteredKiosk[]> {
  const rows = await sql.query<KioskRow>(
    'SELECT kiosk_id, name, unit, station FROM fleet.kiosks WHERE left_at IS NULL ORDER BY unit, name',
  );
  return rows.map(fromRow);
}

/**
 * Makes a registered kiosk (by name or role) a nurses' station, or a plain kiosk again; run by the owner role. A kiosk
 * that is not registered, or has left, is refused and nothing changes. It takes effect on the kiosk's next read.
 */
export async function setStation(sql: CentralConnection, kiosk: string, station: boolean): Promise<RegisteredKiosk> {
  const [row] = await sql.query<KioskRow>(
    // One kiosk at most, its role first should one kiosk's name be another's role.
    `UPDATE fleet.kiosks SET station = $2
     WHERE kiosk_id = (SELECT kiosk_id FROM fleet.kiosks WHERE (name = $1 OR kiosk_id = $1) AND left_at IS NULL
                       ORDER BY kiosk_id = $1 DESC LIMIT 1)
     RETURNING kiosk_id, name, unit, station`,
    [kiosk, station],
  );
  if (!row) throw new Error(`No registered kiosk is named "${kiosk}" or has that role: nothing was changed.`);
  return fromRow(row);
}

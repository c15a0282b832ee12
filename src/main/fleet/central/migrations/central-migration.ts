/** The fleet's roles, named after the database so two fleets (say, test and production) on one cluster never mix. */
export interface FleetRoles {
  /** Group role every kiosk's login role belongs to. */
  kiosk: string;
  /** Group role for hospital-wide reading (the CLI, or a one-off export credential). */
  reporting: string;
  /** Group role that may publish content packs besides the owner (fleet publish-content). */
  publisher: string;
}

/**
 * One step of the central schema, applied by the owner role inside the transaction that applies all pending steps.
 * Steps run in version order, and a step a database lacks is applied even when it has a later one (steps made side
 * by side reach a release in any order), so a step never depends on a later one.
 */
export interface CentralMigration {
  version: number;
  name: string;
  /** Statements to run in order; role names are already quoted identifiers. */
  statements(roles: FleetRoles): string[];
}

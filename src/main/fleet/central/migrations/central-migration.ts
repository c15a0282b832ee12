/** The fleet's roles, named after the database so two fleets (say, test and production) on one cluster never mix. */
export interface FleetRoles {
  /** Group role every kiosk's login role belongs to. */
  kiosk: string;
  /** Group role for hospital-wide reading (the CLI, or a one-off export credential). */
  reporting: string;
}

/** One step of the central schema, applied by the owner role inside the transaction that applies all pending steps. */
export interface CentralMigration {
  version: number;
  name: string;
  /** Statements to run in order; role names are already quoted identifiers. */
  statements(roles: { kiosk: string; reporting: string }): string[];
}

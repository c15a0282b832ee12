/**
 * What core, the bridge and the shell write to the kiosk's log. Only `error` is required, so a test can pass a
 * recorder of failures; the file logger implements every level.
 */
export interface KioskLogger {
  error(message: string, error: unknown): void;
  warn?(message: string, detail?: unknown): void;
  info?(message: string): void;
  debug?(message: string): void;
}

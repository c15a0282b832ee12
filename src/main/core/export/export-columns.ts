/**
 * The export's columns, in order (documented with a sample row in docs/EXPORT.md). Times are ISO 8601 to the second
 * with the kiosk's UTC offset; staff appear by staff number only; there is no patient data to export.
 */
export const SESSION_COLUMNS = [
  'id',
  'room',
  'kind',
  'language',
  'started_at',
  'ended_at',
  'duration_seconds',
  'end_reason',
  'started_by_staff_number',
  'guides_viewed',
  'slides_viewed',
  'timers_started',
  'help_requests',
] as const;

export const EVENT_COLUMNS = ['session_id', 'room', 'at', 'type', 'detail'] as const;

/** A spreadsheet column's width in characters: ids are UUIDs, times 25 characters, other values fit their header. */
export function columnWidth(name: string): number {
  if (name === 'id' || name === 'session_id') return 38;
  if (name.endsWith('_at')) return 27;
  if (name === 'detail') return 40;
  return Math.max(10, name.length + 3);
}

/**
 * Turns a UsageReport into what the charts draw and what they say: bar items, table rows and the one-sentence
 * summaries screen readers read as each chart's description. Pure, so it is tested without a DOM.
 */
import { END_REASONS, SESSION_KINDS, type SessionKind, type UsageReport } from '../../../shared/domain';
import type { ReportFormat } from './report-format';
import type { ReportsMessages } from './reports-messages';

export interface ListBar {
  label: string;
  value: number;
  /** The value as shown, e.g. "42%" or "1,204". */
  text: string;
}

export interface TableRow {
  header: string;
  cells: string[];
}

/** Monday first: the working week reads left to right, the weekend last. Values are report weekdays (0 = Sunday). */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** The guides shown in "Most-viewed guides": a long tail says little and crowds the page. */
export const TOP_GUIDES = 8;

/** Sessions per day, of this kiosk's report or of the fleet's unit and hospital figures. */
export type PerDay = Pick<UsageReport, 'sessions' | 'sessionsPerDay'>;

export function perDayDescription(report: PerDay, format: ReportFormat, t: ReportsMessages): string {
  const peak = report.sessionsPerDay.reduce<{ date: string; sessions: number } | null>(
    (best, day) => (best === null || day.sessions > best.sessions ? day : best),
    null,
  );
  if (!peak || peak.sessions === 0) return t.charts.empty;
  return t.charts.perDayDesc(
    format.number(report.sessions),
    format.number(report.sessionsPerDay.length),
    format.longDay(peak.date),
    format.number(peak.sessions),
  );
}

export function perDayRows(report: PerDay, format: ReportFormat): TableRow[] {
  return report.sessionsPerDay.map((day) => ({
    header: format.longDay(day.date),
    cells: [format.number(day.sessions)],
  }));
}

export function heatMapDescription(report: UsageReport, format: ReportFormat, t: ReportsMessages): string {
  let best = { weekday: 0, hour: 0, count: 0 };
  for (const weekday of WEEKDAY_ORDER) {
    for (const [hour, count] of (report.heatMap[weekday] ?? []).entries()) {
      if (count > best.count) best = { weekday, hour, count };
    }
  }
  if (best.count === 0) return t.charts.empty;
  return t.charts.heatMapDesc(
    t.charts.heatMapSlot(format.weekday(best.weekday, true), format.hour(best.hour), best.hour),
    format.number(best.count),
  );
}

/** One row per hour, one column per weekday: seven narrow columns fit where 24 would not. */
export function heatMapRows(report: UsageReport, format: ReportFormat): TableRow[] {
  return Array.from({ length: 24 }, (_, hour) => ({
    header: format.hour(hour),
    cells: WEEKDAY_ORDER.map((weekday) => format.number(report.heatMap[weekday]?.[hour] ?? 0)),
  }));
}

export function roomBars(report: UsageReport, format: ReportFormat, t: ReportsMessages): ListBar[] {
  return report.rooms.map((room) => ({
    label: room.active ? room.name : t.roomNotInUse(room.name),
    value: room.utilization ?? 0,
    text: format.percent(room.utilization),
  }));
}

export function roomRows(report: UsageReport, format: ReportFormat, t: ReportsMessages): TableRow[] {
  return report.rooms.map((room) => ({
    header: room.active ? room.name : t.roomNotInUse(room.name),
    cells: [format.percent(room.utilization), format.duration(room.occupiedSeconds), format.number(room.sessions)],
  }));
}

export function kindBars(report: UsageReport, format: ReportFormat, labels: Record<SessionKind, string>): ListBar[] {
  return SESSION_KINDS.map((kind) => ({
    label: labels[kind],
    value: report.kinds[kind],
    text: format.number(report.kinds[kind]),
  }));
}

export function endReasonBars(report: UsageReport, format: ReportFormat, t: ReportsMessages): ListBar[] {
  return END_REASONS.map((reason) => ({
    label: t.endReasons[reason],
    value: report.endReasons[reason],
    text: format.number(report.endReasons[reason]),
  }));
}

/** Guide ids shown by their title in the language on screen; an id the content no longer has is shown as it is. */
export function guideBars(report: UsageReport, format: ReportFormat, titles: ReadonlyMap<string, string>): ListBar[] {
  return report.guides.slice(0, TOP_GUIDES).map((guide) => ({
    label: titles.get(guide.guide) ?? guide.guide,
    value: guide.views,
    text: format.number(guide.views),
  }));
}

export function timerBars(report: UsageReport, format: ReportFormat, labels: ReadonlyMap<string, string>): ListBar[] {
  return report.timerPresets.map((timer) => ({
    label: labels.get(timer.preset) ?? timer.preset,
    value: timer.starts,
    text: format.number(timer.starts),
  }));
}

export const barRows = (items: ListBar[]): TableRow[] =>
  items.map((item) => ({ header: item.label, cells: [item.text] }));

/** "Breastfeeding: 35, Pumping: 55 and Hand expression: 10." — every item, so the image hides nothing. */
export function listDescription(items: ListBar[], format: ReportFormat, t: ReportsMessages): string {
  if (items.every((item) => item.value === 0)) return t.noneInRange;
  return `${format.list(items.map((item) => `${item.label}: ${item.text}`))}.`;
}

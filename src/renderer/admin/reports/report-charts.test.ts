import { describe, expect, it } from 'vitest';
import type { UsageReport } from '../../../shared/domain';
import * as chart from './report-charts';
import { ReportFormat } from './report-format';
import { reportsEn, reportsEs } from './reports-messages';

function emptyHeatMap(): number[][] {
  return Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
}

function makeReport(changes: Partial<UsageReport> = {}): UsageReport {
  const heatMap = emptyHeatMap();
  heatMap[2]![9] = 4; // Tuesday 09:00
  heatMap[0]![1] = 1; // Sunday 01:00
  return {
    from: '2026-03-01',
    to: '2026-03-03',
    timeZone: 'UTC',
    roomId: null,
    rangeStart: 0,
    rangeEnd: 0,
    generatedAt: 0,
    sessions: 1234,
    endedSessions: 1230,
    duration: { totalSeconds: 3 * 3600 + 5 * 60, meanSeconds: 1500, medianSeconds: 1200 },
    sessionsPerDay: [
      { date: '2026-03-01', sessions: 3 },
      { date: '2026-03-02', sessions: 1229 },
      { date: '2026-03-03', sessions: 2 },
    ],
    heatMap,
    rooms: [
      { roomId: 1, name: 'Room 1', active: true, sessions: 1000, occupiedSeconds: 7200, utilization: 0.4234 },
      { roomId: 2, name: 'Old room', active: false, sessions: 234, occupiedSeconds: 60, utilization: null },
    ],
    kinds: { breastfeeding: 400, pumping: 800, 'hand-expression': 34 },
    endReasons: { completed: 1000, 'staff-ended': 200, 'auto-closed': 30, recovered: 0 },
    autoClosedShare: 30 / 1230,
    languages: { en: 1000, es: 234 },
    helpRequests: 7,
    helpCalls: { calls: 0, answered: 0, medianAnswerSeconds: null, p90AnswerSeconds: null },
    guides: [
      { guide: 'cradle', views: 50 },
      { guide: 'retired-guide', views: 3 },
    ],
    timerPresets: [{ preset: 'warm-compress-5', starts: 12 }],
    ...changes,
  };
}

const en = new ReportFormat('en');
const es = new ReportFormat('es');

describe('what the report charts draw and say', () => {
  it('summarises sessions per day with the busiest day, in each language', () => {
    const report = makeReport();
    expect(chart.perDayDescription(report, en, reportsEn)).toBe(
      '1,234 sessions over 3 days. The busiest day was Mon, Mar 2, with 1,229.',
    );
    expect(chart.perDayDescription(report, es, reportsEs)).toBe(
      '1234 sesiones en 3 días. El día con más uso fue el lun, 2 mar, con 1229.',
    );
    expect(chart.perDayRows(report, en)).toEqual([
      { header: 'Sun, Mar 1', cells: ['3'] },
      { header: 'Mon, Mar 2', cells: ['1,229'] },
      { header: 'Tue, Mar 3', cells: ['2'] },
    ]);
  });

  it('says so when no day had a session', () => {
    const report = makeReport({ sessions: 0, sessionsPerDay: [{ date: '2026-03-01', sessions: 0 }] });
    expect(chart.perDayDescription(report, en, reportsEn)).toBe('No sessions in these dates.');
    expect(chart.heatMapDescription(makeReport({ heatMap: emptyHeatMap() }), en, reportsEn)).toBe(
      'No sessions in these dates.',
    );
  });

  it('names the busiest hour of the week, and tables it an hour a row, Monday first', () => {
    const report = makeReport();
    expect(chart.heatMapDescription(report, en, reportsEn)).toBe(
      'Sessions started, by day of the week and hour. The busiest time was Tuesday at 09:00, with 4.',
    );
    const rows = chart.heatMapRows(report, en);
    expect(rows).toHaveLength(24);
    expect(rows[9]).toEqual({ header: '09:00', cells: ['0', '4', '0', '0', '0', '0', '0'] });
    expect(rows[1]).toEqual({ header: '01:00', cells: ['0', '0', '0', '0', '0', '0', '1'] });
  });

  it('shows room use as shares, marks rooms no longer in use, and a dash when nothing can be divided', () => {
    const report = makeReport();
    expect(chart.roomBars(report, en, reportsEn)).toEqual([
      { label: 'Room 1', value: 0.4234, text: '42%' },
      { label: 'Old room (not in use)', value: 0, text: '–' },
    ]);
    expect(chart.roomRows(report, en, reportsEn)[0]).toEqual({ header: 'Room 1', cells: ['42%', '2 hours', '1,000'] });
    expect(chart.roomBars(report, es, reportsEs)[0]!.text).toMatch(/^42\s%$/);
  });

  it('lists kinds, end reasons, guides and timers with their names, unknown ids as they are', () => {
    const report = makeReport();
    const kinds = chart.kindBars(report, en, {
      breastfeeding: 'Breastfeeding',
      pumping: 'Pumping',
      'hand-expression': 'Hand',
    });
    expect(kinds.map((bar) => bar.text)).toEqual(['400', '800', '34']);
    expect(chart.endReasonBars(report, en, reportsEn).map((bar) => bar.label)).toEqual([
      'Ended in the room (“I’m done”)',
      'Ended by staff',
      'Closed by the kiosk',
      'Closed after a restart',
    ]);
    expect(chart.guideBars(report, en, new Map([['cradle', 'Cradle hold']]))).toEqual([
      { label: 'Cradle hold', value: 50, text: '50' },
      { label: 'retired-guide', value: 3, text: '3' },
    ]);
    expect(chart.timerBars(report, en, new Map())).toEqual([{ label: 'warm-compress-5', value: 12, text: '12' }]);
    expect(chart.listDescription(kinds, en, reportsEn)).toBe('Breastfeeding: 400, Pumping: 800, and Hand: 34.');
    expect(chart.listDescription([], en, reportsEn)).toBe('None in these dates.');
  });
});

describe('report formats', () => {
  it('formats lengths of time, ranges and months in the language on screen', () => {
    expect(en.duration(3 * 3600 + 5 * 60)).toBe('3 hours 5 min');
    expect(es.duration(3 * 3600 + 5 * 60)).toBe('3 horas 5 min');
    expect(en.duration(null)).toBe('–');
  });

  it('counts no time as 0, not "under 1 min", and groups long totals the language’s way', () => {
    expect(en.duration(0)).toBe('0 min');
    expect(es.duration(0)).toBe('0 min');
    expect(en.duration(59)).toBe('0 min');
    const longTotal = (35_841 * 60 + 40) * 60;
    expect(en.duration(longTotal)).toBe('35,841 hours 40 min');
    expect(es.duration(longTotal)).toBe('35.841 horas 40 min');
    expect(en.duration(3600)).toBe('1 hour');
  });

  it('formats ranges, months, weekdays and hours in the language on screen', () => {
    expect(en.range('2026-02-01', '2026-02-28')).toMatch(/^February 1\s–\s28, 2026$/);
    expect(es.range('2026-02-01', '2026-02-28')).toMatch(/^1\s?–\s?28 de febrero de 2026$/);
    expect(en.range('2026-02-10', '2026-02-10')).toBe('February 10, 2026');
    expect(es.month('2026-02')).toBe('febrero de 2026');
    expect(en.weekday(0, true)).toBe('Sunday');
    expect(es.weekday(1)).toBe('lun');
    expect(en.hour(7)).toBe('07:00');
  });
});

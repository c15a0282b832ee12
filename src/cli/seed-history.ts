import type { EndReason, Language, SessionKind } from '../shared/domain';
import type { KioskDatabase } from '../main/core/db/open-database';
import { localRange } from '../main/core/reports/local-days';
import { createHistoryWriter } from '../main/core/repositories/history-writer-repository';
import { SeededRandom } from './seed-random';

const MINUTE = 60_000;

export interface HistoryPlan {
  sessions: number;
  roomIds: readonly number[];
  staffIds: readonly number[];
  /** Local dates, inclusive, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  seed: number;
  autoCloseMinutes: number;
  /** Sessions per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** How busy the rooms are at each local hour (0–23): a night trickle, a morning and an evening peak. */
const HOUR_WEIGHTS = [3, 2, 2, 3, 3, 4, 6, 8, 9, 9, 8, 7, 7, 7, 7, 7, 8, 8, 8, 7, 6, 5, 4, 3];
const WEEKEND_WEIGHT = 0.8;
const MAX_WEIGHT = Math.max(...HOUR_WEIGHTS);

const KINDS: readonly (readonly [SessionKind, number])[] = [
  ['pumping', 55],
  ['breastfeeding', 35],
  ['hand-expression', 10],
];
const LANGUAGE_MIX: readonly (readonly [Language, number])[] = [
  ['en', 75],
  ['es', 25],
];
/** Shipped guide ids with a plausible popularity. */
const GUIDES: readonly (readonly [string, number])[] = [
  ['cradle', 30],
  ['good-latch', 25],
  ['football', 18],
  ['cross-cradle', 15],
  ['hand-expression', 12],
  ['side-lying', 10],
  ['laid-back', 8],
];
const SLIDES = [
  'letdown-what-happens',
  'letdown-triggers',
  'letdown-feelings',
  'letdown-signs',
  'letdown-helps-and-hinders',
  'letdown-tips',
  'dmer-what-it-is',
  'dmer-what-helps',
  'dmer-when-to-tell',
  'closing',
];
const TIMER_PRESETS: readonly (readonly [string, number, number])[] = [
  // id, minutes (0 = counts up), weight
  ['warm-compress-5', 5, 35],
  ['left-right', 0, 25],
  ['warm-compress-2', 2, 15],
  ['hand-expression-warm-up', 3, 10],
  ['warm-compress-10', 10, 10],
  ['cool-pack-10', 10, 5],
];

/** Regular sessions: log-normal around 22 minutes (median ≈ 19), between 4 and 90 minutes. */
function regularDuration(random: SeededRandom): number {
  const minutes = Math.exp(Math.log(22) - 0.125 + 0.5 * random.normal());
  return Math.round(Math.min(90, Math.max(4, minutes)) * MINUTE);
}

interface PlannedEvent {
  at: number;
  type: string;
  detail: string | null;
}

/** What a parent did during one session, in time order. */
function sessionEvents(random: SeededRandom, kind: SessionKind, start: number, end: number): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const span = Math.max(1, end - start);
  const at = (from = 0.02, to = 0.9) => start + Math.floor(span * (from + (to - from) * random.next()));
  const guides = random.poisson(1.2);
  for (let index = 0; index < guides; index++) {
    const guide = kind === 'hand-expression' && random.chance(0.6) ? 'hand-expression' : random.weighted(GUIDES);
    events.push({ at: at(0.01, 0.5), type: 'guide-viewed', detail: JSON.stringify({ guide }) });
  }
  if (random.chance(0.45)) {
    const first = at(0.05, 0.6);
    const count = random.int(1, SLIDES.length);
    for (let index = 0; index < count; index++) {
      events.push({
        at: first + index * 20_000,
        type: 'slide-viewed',
        detail: JSON.stringify({ slide: SLIDES[index] }),
      });
    }
  }
  if (random.chance(0.45)) {
    const preset = random.weighted(TIMER_PRESETS.map(([id, minutes, weight]) => [[id, minutes] as const, weight]));
    const started = at(0.02, 0.4);
    const length = preset[1] > 0 ? preset[1] * MINUTE : random.int(8, 20) * MINUTE;
    events.push({ at: started, type: 'timer-started', detail: JSON.stringify({ preset: preset[0] }) });
    const finished = random.chance(0.8);
    const stop = finished ? started + length : started + Math.floor(length * random.next());
    events.push({
      at: Math.min(stop, end),
      type: finished ? 'timer-finished' : 'timer-cancelled',
      detail: JSON.stringify({ preset: preset[0] }),
    });
  }
  if (random.chance(0.03)) events.push({ at: at(), type: 'help-requested', detail: null });
  if (random.chance(0.02)) {
    events.push({ at: at(0.01, 0.1), type: 'language-changed', detail: JSON.stringify({ language: 'es' }) });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The most sessions a room can plausibly hold per day (about 15 hours occupied). */
export const MAX_SESSIONS_PER_ROOM_DAY = 30;

/**
 * Writes `sessions` ended sessions with their events, spread over the local days at realistic hours, never two at once
 * in a room. Deterministic for a given seed, rooms, staff, dates and zone. Answers the number of events written.
 */
export function writeSyntheticHistory(db: KioskDatabase, plan: HistoryPlan): { events: number } {
  const random = new SeededRandom(plan.seed);
  const range = localRange(plan.timeZone, plan.from, plan.to);
  const { start: rangeStart, end: rangeEnd, zone } = range;
  const rooms = plan.roomIds.length;
  const total = plan.sessions;

  // 1. Start times per room, drawn by local hour-of-day weights (rejection sampling), then spaced apart.
  const starts = new Float64Array(total);
  const durations = new Float64Array(total);
  const roomIndex = new Uint16Array(total);
  const autoClosed = new Uint8Array(total);
  let cursor = 0;
  for (let room = 0; room < rooms; room++) {
    const count = Math.floor(total / rooms) + (room < total % rooms ? 1 : 0);
    const candidates = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      for (;;) {
        const instant = rangeStart + Math.floor(random.next() * (rangeEnd - rangeStart));
        const local = new Date(instant + zone.offset(instant));
        const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
        const weight = HOUR_WEIGHTS[local.getUTCHours()]! * (weekend ? WEEKEND_WEIGHT : 1);
        if (random.next() * MAX_WEIGHT < weight) {
          candidates[index] = instant;
          break;
        }
      }
    }
    candidates.sort();
    const first = cursor;
    let previousEnd = -Infinity;
    for (let index = 0; index < count; index++, cursor++) {
      const closed = random.chance(0.05);
      const duration = closed ? plan.autoCloseMinutes * MINUTE : regularDuration(random);
      const start = Math.max(candidates[index]!, previousEnd + random.int(2, 10) * MINUTE);
      starts[cursor] = start;
      durations[cursor] = duration;
      roomIndex[cursor] = room;
      autoClosed[cursor] = closed ? 1 : 0;
      previousEnd = start + duration;
    }
    // Spacing may push the last sessions past the range: pull them back, keeping the gaps, so history ends in range.
    let nextStart = rangeEnd;
    for (let index = cursor - 1; index >= first; index--) {
      const latest = nextStart - MINUTE - durations[index]!;
      if (starts[index]! <= latest) break;
      starts[index] = latest;
      nextStart = latest;
    }
  }

  // 2. Written in start order across rooms, as a real kiosk would have written them.
  const order = new Uint32Array(total).map((_, index) => index);
  order.sort((a, b) => starts[a]! - starts[b]! || a - b);
  const writer = createHistoryWriter(db);
  const batchSize = plan.batchSize ?? 50_000;
  let events = 0;
  for (let batchStart = 0; batchStart < total; batchStart += batchSize) {
    db.transaction(() => {
      for (let position = batchStart; position < Math.min(total, batchStart + batchSize); position++) {
        const index = order[position]!;
        const startedAt = Math.round(starts[index]!);
        const endedAt = startedAt + durations[index]!;
        const kind = random.weighted(KINDS);
        const startedBy = plan.staffIds[random.int(0, plan.staffIds.length - 1)]!;
        const endReason: EndReason = autoClosed[index]
          ? 'auto-closed'
          : random.chance(0.16)
            ? 'staff-ended'
            : 'completed';
        const sessionId = writer.insertSession({
          uuid: random.uuid(),
          roomId: plan.roomIds[roomIndex[index]!]!,
          kind,
          language: random.weighted(LANGUAGE_MIX),
          startedAt,
          startedBy,
          endedAt,
          endedBy: endReason === 'staff-ended' ? plan.staffIds[random.int(0, plan.staffIds.length - 1)]! : null,
          endReason,
        });
        for (const event of sessionEvents(random, kind, startedAt, endedAt)) {
          writer.insertEvent(sessionId, event.at, event.type, event.detail);
          events++;
        }
      }
    })();
    plan.onProgress?.(Math.min(total, batchStart + batchSize), total);
  }
  return { events };
}

/** Days for `sessions` in `rooms` at about 10 sessions per room per day: at least 30, at most ten years. */
export function defaultDays(sessions: number, rooms: number): number {
  return Math.min(3650, Math.max(30, Math.ceil(sessions / (rooms * (MAX_SESSIONS_PER_ROOM_DAY / 3)))));
}

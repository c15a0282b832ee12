/**
 * What a crash-trial lane's children acknowledged, across its trials, from the lines room-workload.ts reports.
 */
export interface Acknowledged {
  started: Map<string, number>;
  events: Map<string, Set<number>>;
  ended: Set<string>;
  cleaned: Map<number, number>;
  /** Each timer's session and the last thing acknowledged of it: running, paused, cancelled, or right (side).
   * A pause is followed by an unacknowledged resume, so only the cancel and the side switch are final enough to check. */
  timers: Map<number, { session: string; last: string }>;
  /**
   * Values that overwrite one another ("setting <key>", "staff <id>"): the stored value must be the last one
   * acknowledged, or one sent after it whose answer the kill cut off (committed, never acknowledged).
   */
  latest: Map<string, { acknowledged: string; allowed: Set<string> }>;
  /** How many setting and staff changes were acknowledged. */
  adminWrites: number;
}

export function emptyLedger(): Acknowledged {
  return {
    started: new Map(),
    events: new Map(),
    ended: new Set(),
    cleaned: new Map(),
    timers: new Map(),
    latest: new Map(),
    adminWrites: 0,
  };
}

/** "setting <key> <json>" or "staff <id> <state>" as a key and a value. */
function overwrite(rest: string[]): { key: string; value: string } | undefined {
  const [subject, name, ...value] = rest;
  if ((subject !== 'setting' && subject !== 'staff') || !name || value.length === 0) return undefined;
  return { key: `${subject} ${name}`, value: value.join(' ') };
}

/** Records one line; answers whether it counts as an acknowledged write (false for "sending"). Throws on nonsense. */
export function record(acknowledged: Acknowledged, line: string): boolean {
  const words = line.split(' ');
  const [kind, first, second, third] = words;
  if (kind === 'sending') {
    const change = overwrite(words.slice(1));
    if (!change) throw new Error(`unexpected line: ${line.slice(0, 200)}`);
    acknowledged.latest.get(change.key)?.allowed.add(change.value);
    return false;
  }
  if (kind === 'setting' || kind === 'staff') {
    const change = overwrite(words);
    if (!change) throw new Error(`unexpected line: ${line.slice(0, 200)}`);
    acknowledged.latest.set(change.key, { acknowledged: change.value, allowed: new Set([change.value]) });
    acknowledged.adminWrites++;
  } else if (kind === 'started' && first && second) acknowledged.started.set(first, Number(second));
  else if (kind === 'event' && first && second) {
    const seen = acknowledged.events.get(first) ?? new Set<number>();
    seen.add(Number(second));
    acknowledged.events.set(first, seen);
  } else if (kind === 'ended' && first) acknowledged.ended.add(first);
  else if (kind === 'timer' && first && second && third)
    acknowledged.timers.set(Number(first), { session: second, last: third });
  else if (kind === 'cleaned' && first)
    acknowledged.cleaned.set(Number(first), (acknowledged.cleaned.get(Number(first)) ?? 0) + 1);
  else throw new Error(`unexpected line: ${line.slice(0, 200)}`);
  return true;
}

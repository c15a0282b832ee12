/**
 * Turns what is logged into text, and keeps secrets out of it. Callers never pass a PIN, a badge or a token, and no
 * patient data exists to pass; these rules are the second line: a value named like a secret is hidden wherever it
 * appears, and text that came from the page has every run of four or more digits hidden too (a PIN is digits).
 */
const NAMED_SECRET = /\b(pin|pins|badge|badgeId|token|staffToken|password)\b(["']?\s*[:=]\s*["']?)([^\s"',;}]+)/gi;
const DIGIT_RUN = /(?<![\d:.])\d{4,}(?![\d])/g;
const MAX_DETAIL = 4_000;

export function hideNamedSecrets(text: string): string {
  return text.replace(NAMED_SECRET, (_match, name: string, separator: string) => `${name}${separator}[hidden]`);
}

/** For text written by the renderer: digit runs are hidden as well, but not a stack's line:column positions. */
export function hidePageSecrets(text: string): string {
  return hideNamedSecrets(text).replace(DIGIT_RUN, '[digits]');
}

/** An error as one summary and, indented below it, its stack. */
export function describeProblem(problem: unknown): string {
  if (problem === undefined || problem === null || problem === '') return '';
  if (problem instanceof Error) {
    const summary = `${problem.name}: ${problem.message}`;
    const stack = (problem.stack ?? '')
      .split('\n')
      .slice(1)
      .map((line) => `    ${line.trim()}`);
    return clip([summary, ...stack].join('\n'));
  }
  if (typeof problem === 'string') return clip(problem);
  try {
    return clip(JSON.stringify(problem));
  } catch {
    return clip(String(problem));
  }
}

function clip(text: string): string {
  return text.length > MAX_DETAIL
    ? `${text.slice(0, MAX_DETAIL)}… (${text.length - MAX_DETAIL} more characters)`
    : text;
}

/** One entry: `2026-12-05T03:12:44.120Z ERROR listRooms: unexpected failure SqliteError: …`, the stack indented below. */
export function formatEntry(at: Date, level: string, message: string, detail: string): string {
  const head = `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  if (!detail) return hideNamedSecrets(head);
  const [first, ...rest] = detail.split('\n');
  return hideNamedSecrets([`${head} ${first}`, ...rest].join('\n'));
}

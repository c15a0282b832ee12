/**
 * Sends the screen's own failures (an uncaught error, a promise nobody handled) to main, which writes them to the
 * kiosk's log for IT. A kiosk screen has no developer tools open: without this, a broken screen leaves no trace.
 */
import {
  MAX_PROBLEM_MESSAGE,
  MAX_PROBLEM_STACK,
  MAX_PROBLEM_WHERE,
  type ProblemKind,
} from '../../shared/problem-limits';
import { callKiosk } from './kiosk-api';

/** A page that fails in a loop sends this many and then stays quiet until it is reloaded; main limits per minute too. */
const MAX_REPORTS_PER_PAGE = 50;

/** Cut to a limit without leaving half a surrogate pair (the API refuses malformed text). */
function clip(text: string, max: number): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  return cut.replace(/[\uD800-\uDBFF]$/, '').replace(/(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '$1');
}

function describe(reason: unknown): { message: string; stack?: string } {
  if (reason instanceof Error) return { message: `${reason.name}: ${reason.message}`, stack: reason.stack };
  if (typeof reason === 'string') return { message: reason };
  try {
    return { message: JSON.stringify(reason) ?? String(reason) };
  } catch {
    return { message: String(reason) };
  }
}

export function reportProblem(kind: ProblemKind, reason: unknown, where?: string): void {
  const { message, stack } = describe(reason);
  void callKiosk((api) =>
    api.reportProblem({
      kind,
      message: clip(message, MAX_PROBLEM_MESSAGE) || '(no message)',
      ...(where ? { where: clip(where, MAX_PROBLEM_WHERE) } : {}),
      ...(stack ? { stack: clip(stack, MAX_PROBLEM_STACK) } : {}),
    }),
  );
}

/**
 * Chromium's notice that a ResizeObserver callback changed the layout it observed (a screen fitting itself to a
 * resized or rotated kiosk): the browser delivers the rest on the next frame, nothing failed.
 */
const BENIGN_NOTICE = /^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/;

/** Listens for the page's failures; answers a function that stops listening. */
export function installProblemReporter(target: Window = window): () => void {
  let sent = 0;
  const send = (kind: ProblemKind, reason: unknown, where?: string) => {
    if (sent >= MAX_REPORTS_PER_PAGE) return;
    sent += 1;
    reportProblem(kind, reason, where);
  };
  const onError = (event: ErrorEvent) => {
    if (!event.error && BENIGN_NOTICE.test(event.message)) return;
    send(
      'error',
      event.error ?? event.message,
      event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined,
    );
  };
  const onRejection = (event: PromiseRejectionEvent) => send('unhandled-rejection', event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}

/** Timer digits, the same in every language: "4:05", "12:00", "1:02:03". */

function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Time left on a countdown, rounded up: it reads 5:00 as it starts and 0:01 until it has really ended. */
export function formatCountdown(ms: number): string {
  return clock(Math.ceil(Math.max(0, ms) / 1000));
}

/**
 * A length of time with its units, so it cannot be read as a time of day ("14:03" could be 2 p.m.): "14 min 03 s",
 * "1 h 02 min 03 s". The abbreviations are the same in English and Spanish.
 */
export function formatSpan(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min ${seconds} s` : `${minutes} min ${seconds} s`;
}

/** Time counted up (the left/right totals), in whole seconds passed. */
export function formatCountUp(ms: number): string {
  return clock(Math.floor(Math.max(0, ms) / 1000));
}

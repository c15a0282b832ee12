/** A wait that a notification or stop can cut short (`wake` ends the wait in progress, if any, at once). */
export function wakeableSleep() {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        timer.unref?.();
        wake = done;
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
      }),
    wake: () => wake?.(),
  };
}

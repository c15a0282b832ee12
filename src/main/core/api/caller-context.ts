/**
 * What the transport knows about a call that core cannot see: today, whether the calling page can be printed to a
 * PDF. The Electron shell passes a function over its window's printToPDF; the browser bridge has none (parents'
 * browsers print with their own dialog). Core only ever sees the function, never Electron.
 */
export interface CallerContext {
  /** The calling page as it looks now, print CSS applied, as PDF bytes. */
  printToPdf?: () => Promise<Uint8Array>;
}

/** A call with nothing known about its caller (the bridge, the command line, tests). */
export const NO_CALLER: CallerContext = Object.freeze({});

import { Transform, type TransformCallback } from 'node:stream';

/**
 * The COPY went quiet: no byte for the guard's time. Coded as a network timeout, since that is what it looks like from
 * here (a cable pulled, a switch that lost its uplink), so the caller tells the user the centre cannot be reached.
 */
export class CopyStalledError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(idleMs: number) {
    super(`No data from the hospital database for ${idleMs / 1000} s; the export was stopped.`);
  }
}

/**
 * Passes a COPY's bytes through unchanged and fails with CopyStalledError when none arrive for `idleMs`, counted from
 * its creation and again from each chunk. It bounds a stall, not the whole COPY: a large export that keeps flowing
 * runs as long as it needs. A reader that takes longer than `idleMs` to accept a chunk (a disk that hangs) stops it
 * too.
 */
export class CopyIdleGuard extends Transform {
  private timer: NodeJS.Timeout;

  constructor(private readonly idleMs: number) {
    super();
    if (!Number.isFinite(idleMs) || idleMs <= 0) throw new Error(`Not a time in milliseconds: ${idleMs}`);
    this.timer = this.arm();
  }

  private arm(): NodeJS.Timeout {
    return setTimeout(() => this.destroy(new CopyStalledError(this.idleMs)), this.idleMs);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    clearTimeout(this.timer);
    this.timer = this.arm();
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    clearTimeout(this.timer);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.timer);
    callback(error);
  }
}

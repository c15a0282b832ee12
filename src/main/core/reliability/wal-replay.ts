/**
 * Reading SQLite's write-ahead log without SQLite (file format: sqlite.org/fileformat2.html#walformat), for start-up
 * recovery when the database file beside it is damaged or gone: SQLite deletes the WAL of an empty database file and
 * cannot replay one onto a file whose schema pages are lost. Only frames of committed transactions whose salts and
 * running checksums verify are used, as SQLite itself does.
 */

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LITTLE_ENDIAN = 0x377f0682;
const MAGIC_BIG_ENDIAN = 0x377f0683;

export interface WalFrame {
  pageNumber: number;
  page: Buffer;
}

export interface CommittedWal {
  pageSize: number;
  /** Frames in log order, up to and including the last commit frame; a later frame of a page supersedes earlier ones. */
  frames: WalFrame[];
}

function checksum(bytes: Buffer, bigEndian: boolean, start: [number, number]): [number, number] {
  let [s0, s1] = start;
  for (let at = 0; at + 8 <= bytes.length; at += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at);
    const x1 = bigEndian ? bytes.readUInt32BE(at + 4) : bytes.readUInt32LE(at + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** The committed frames of a WAL, or null when it is not a valid WAL (bad magic, page size or header checksum). */
export function readCommittedWal(wal: Buffer): CommittedWal | null {
  if (wal.length < HEADER_BYTES) return null;
  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN) return null;
  const bigEndian = magic === MAGIC_BIG_ENDIAN;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  let sums = checksum(wal.subarray(0, 24), bigEndian, [0, 0]);
  if (sums[0] !== wal.readUInt32BE(24) || sums[1] !== wal.readUInt32BE(28)) return null;
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const committed: WalFrame[] = [];
  let pending: WalFrame[] = [];
  for (let at = HEADER_BYTES; at + frameBytes <= wal.length; at += frameBytes) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    const page = wal.subarray(at + FRAME_HEADER_BYTES, at + frameBytes);
    sums = checksum(page, bigEndian, checksum(wal.subarray(at, at + 8), bigEndian, sums));
    if (sums[0] !== wal.readUInt32BE(at + 16) || sums[1] !== wal.readUInt32BE(at + 20)) break;
    pending.push({ pageNumber: wal.readUInt32BE(at), page });
    if (wal.readUInt32BE(at + 4) !== 0) {
      committed.push(...pending);
      pending = [];
    }
  }
  return { pageSize, frames: committed };
}

/** The newest committed copy of one page, or null. */
export function newestPage(wal: CommittedWal, pageNumber: number): Buffer | null {
  for (let index = wal.frames.length - 1; index >= 0; index--) {
    if (wal.frames[index]!.pageNumber === pageNumber) return wal.frames[index]!.page;
  }
  return null;
}

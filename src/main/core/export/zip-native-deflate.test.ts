import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Zip, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NativeZipDeflate } from './zip-native-deflate';

function zipInChunks(name: string, chunks: Uint8Array[]): Buffer {
  const output: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    output.push(data);
  });
  const entry = new NativeZipDeflate(name, 1);
  zip.add(entry);
  chunks.forEach((chunk, index) => entry.push(chunk, index === chunks.length - 1));
  zip.end();
  return Buffer.concat(output);
}

/** The CRC-32 and sizes the central directory records for the first entry (read by hand, as unzip tools do). */
function centralRecord(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const central = zip.readUInt32LE(end + 16);
  expect(zip.readUInt32LE(central)).toBe(0x02014b50);
  return {
    method: zip.readUInt16LE(central + 10),
    crc: zip.readUInt32LE(central + 16),
    compressedSize: zip.readUInt32LE(central + 20),
    size: zip.readUInt32LE(central + 24),
  };
}

describe('a ZIP entry deflated by Node’s zlib', () => {
  it('joins separately deflated chunks into one entry that inflates back, with the right CRC and sizes', () => {
    const text = new TextEncoder().encode('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(5000));
    const noise = new Uint8Array(randomBytes(70_000));
    const chunks = [text.subarray(0, 65_536), noise, text.subarray(65_536), new Uint8Array(0)];
    const whole = Buffer.concat(chunks);
    const zip = zipInChunks('xl/worksheets/sheet1.xml', chunks);

    expect(Buffer.from(unzipSync(zip)['xl/worksheets/sheet1.xml']!)).toEqual(whole);
    const record = centralRecord(zip);
    expect(record).toMatchObject({ method: 8, crc: crc32(whole), size: whole.length });
    expect(record.compressedSize).toBeLessThan(whole.length);
  });

  it('writes an empty entry', () => {
    const zip = zipInChunks('empty.xml', [new Uint8Array(0)]);
    expect(unzipSync(zip)['empty.xml']).toHaveLength(0);
    expect(centralRecord(zip)).toMatchObject({ crc: 0, size: 0 });
  });
});

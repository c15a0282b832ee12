// A Windows .ico writer and reader, small enough to keep here instead of adding a package.
// Sizes below 256 are stored as 32-bit bitmaps (every Windows tool, NSIS included, reads those); 256 as PNG, which is
// what Windows itself ships (a 256 px bitmap would weigh 256 KB).

/**
 * @param {{ size: number, png: Uint8Array, rgba: Uint8Array }[]} images  square images; rgba is row-major, top-down
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const sorted = [...images].sort((a, b) => a.size - b.size);
  const payloads = sorted.map((image) => (image.size >= 256 ? Buffer.from(image.png) : bitmapEntry(image)));
  const header = Buffer.alloc(6 + 16 * sorted.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sorted.length, 4);
  let offset = header.length;
  sorted.forEach((image, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry); // 0 means 256
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(payloads[index].length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += payloads[index].length;
  });
  return Buffer.concat([header, ...payloads]);
}

/** A BITMAPINFOHEADER, the pixels bottom-up as BGRA, then an all-zero AND mask (the alpha channel does the work). */
function bitmapEntry({ size, rgba }) {
  if (rgba.length !== size * size * 4) throw new Error(`A ${size} px image needs ${size * size * 4} RGBA bytes`);
  const maskRowBytes = Math.ceil(size / 32) * 4;
  const pixelBytes = size * size * 4;
  const entry = Buffer.alloc(40 + pixelBytes + maskRowBytes * size);
  entry.writeUInt32LE(40, 0);
  entry.writeInt32LE(size, 4);
  entry.writeInt32LE(size * 2, 8); // the height counts the colour bitmap and the mask
  entry.writeUInt16LE(1, 12);
  entry.writeUInt16LE(32, 14);
  entry.writeUInt32LE(0, 16); // uncompressed
  entry.writeUInt32LE(pixelBytes + maskRowBytes * size, 20);
  for (let row = 0; row < size; row++) {
    const target = 40 + (size - 1 - row) * size * 4;
    for (let column = 0; column < size; column++) {
      const from = (row * size + column) * 4;
      const to = target + column * 4;
      entry[to] = rgba[from + 2];
      entry[to + 1] = rgba[from + 1];
      entry[to + 2] = rgba[from];
      entry[to + 3] = rgba[from + 3];
    }
  }
  return entry;
}

/**
 * Lists the images in an .ico file, for checks: size, format and byte length of each.
 * @param {Uint8Array} file
 * @returns {{ size: number, format: 'png' | 'bmp', bytes: number }[]}
 */
export function readIcoDirectory(file) {
  const data = Buffer.from(file);
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('Not an .ico file');
  const count = data.readUInt16LE(4);
  const images = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    if (entry + 16 > data.length) throw new Error('Truncated .ico directory');
    const bytes = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    if (offset + bytes > data.length) throw new Error(`Image ${index} runs past the end of the file`);
    const isPng = data
      .subarray(offset, offset + 8)
      .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    images.push({ size: data.readUInt8(entry) || 256, format: isPng ? 'png' : 'bmp', bytes });
  }
  return images;
}

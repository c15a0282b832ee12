export interface IcoImage {
  size: number;
  png: Uint8Array;
  /** Row-major, top-down RGBA. */
  rgba: Uint8Array;
}
export function encodeIco(images: readonly IcoImage[]): Buffer;
export function readIcoDirectory(file: Uint8Array): { size: number; format: 'png' | 'bmp'; bytes: number }[];

// Writes a small RGB PNG with no dependencies: the tests' "bank photo".
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// pixel(x, y) -> [r, g, b]
export function encodePng(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A photo-like picture with structure (sky, ground, shapes) so perceptual
// hashes have something to work with; `seed` gives a different picture.
// `retouched` changes a few pixels: the same photo to the eye (and to a
// perceptual hash), different bytes (so a different SHA-256).
export function testPhoto(seed = 1, { retouched = false, width = 320, height = 240 } = {}) {
  return encodePng(width, height, (x, y) => {
    if (retouched && x < 3 && y < 3) return [255, 255, 255];
    const sky = y < height * 0.55;
    const sun = (x - width * (0.2 + 0.1 * seed)) ** 2 + (y - height * 0.2) ** 2 < (height * 0.12) ** 2;
    const person = Math.abs(x - width * 0.6) < width * 0.06 && y > height * 0.35 && y < height * 0.85;
    const head = (x - width * 0.6) ** 2 + (y - height * 0.3) ** 2 < (height * 0.07) ** 2;
    if (sun) return [250, 210, 60];
    if (head) return [224, 172, 105];
    if (person) return [200, 30 + seed * 40, 40];
    if (sky) return [90, 150 + Math.round((y / height) * 80), 230];
    return [40 + ((x * seed) % 30), 140 + ((x + y) % 20), 50];
  });
}

/**
 * Windows-1252 → string. Node 20's `new TextDecoder('windows-1252')` decodes as ISO-8859-1 (bytes 0x80–0x9F become
 * C1 control characters, so the en dash in `2021–24` and the em dash in `Salient Statistics—United States` are
 * lost). So: read the bytes as ISO-8859-1 (every byte → the same code point), then map 0x80–0x9F through the
 * WHATWG windows-1252 table. The result does not depend on the Node/ICU build.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
] as const;

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)));
}

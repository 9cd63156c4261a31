// Draws the add-in icons (a green tile with three rising bars and a target line) as PNGs
// without any image library: the manifest needs 16, 32, 64 and 80 px icons, the store 128.
// Run `node scripts/make-icons.js` after changing the design; the PNGs are committed.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const px = (x, y) => {
    const u = x / size, v = y / size;
    const r = 0.18; // rounded tile corners
    const cx = Math.min(Math.max(u, r), 1 - r), cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
    const bars = [[0.2, 0.55], [0.42, 0.4], [0.64, 0.25]]; // [left, top]
    for (const [l, t] of bars) if (u >= l && u < l + 0.16 && v >= t && v < 0.8) return [255, 255, 255, 255];
    if (Math.abs(v - (0.62 - (u - 0.15) * 0.5)) < 0.035 && u > 0.12 && u < 0.88) return [255, 214, 0, 255];
    return [16, 124, 65, 255]; // Excel green
  };
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4×4 supersampling for smooth edges
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const p = px(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
        for (let i = 0; i < 4; i++) acc[i] += p[i];
      }
      for (let i = 0; i < 4; i++) raw[y * (size * 4 + 1) + 1 + x * 4 + i] = Math.round(acc[i] / 16);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${s}.png`), png(s));
console.log("icons written to assets/");

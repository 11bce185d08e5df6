// Makes every icon the packages need from resources/icon.svg: PNGs 16…1024 (resources/icons/NxN.png,
// the layout electron-builder reads for Linux), resources/icon.png (1024), resources/icon.ico
// (Windows) and resources/icon.icns (macOS). Chromium draws the SVG; the ICO and ICNS containers
// are written here, both holding PNG images. Run: node scripts/make-icons.mjs (needs /usr/bin/chromium
// or CHROMIUM_PATH). The results are committed, so packaging never needs a browser.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function drawPngs() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const pngs = new Map();
  try {
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${sized}</body>`);
      pngs.set(
        size,
        await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return pngs;
}

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
function ico(pngs, entrySizes) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entrySizes.length, 4);
  const entries = [];
  const images = [];
  let offset = 6 + 16 * entrySizes.length;
  for (const size of entrySizes) {
    const png = pngs.get(size);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
    images.push(png);
  }
  return Buffer.concat([header, ...entries, ...images]);
}

/** ICNS: typed PNG chunks, one per size macOS asks for (1x and 2x). */
function icns(pngs) {
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  const chunks = types.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = await drawPngs();
mkdirSync(join(root, 'resources', 'icons'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(join(root, 'resources', 'icons', `${size}x${size}.png`), png);
writeFileSync(join(root, 'resources', 'icon.png'), pngs.get(1024));
writeFileSync(join(root, 'resources', 'icon.ico'), ico(pngs, [16, 24, 32, 48, 64, 128, 256]));
writeFileSync(join(root, 'resources', 'icon.icns'), icns(pngs));
console.log(`icons: ${sizes.join(', ')} px, icon.ico, icon.icns`);

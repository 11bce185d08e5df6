// The packaging configuration as electron-builder itself reads and validates it: every Electron fuse
// set explicitly, the targets for three systems, and the icons they point at.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @electron/fuses is what electron-builder flips the fuses with: its list is the list that counts.
import { FuseV1Options } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, 'electron-builder.yml', null);
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((target) =>
    typeof target === 'string' ? target : (target as { target: string }).target,
  );

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own schema check", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every fuse Electron knows explicitly, to the hardened value', () => {
    const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;
    // Every fuse @electron/fuses defines, named as electron-builder names it: a new fuse fails here.
    const known = Object.keys(FuseV1Options)
      .filter((name) => Number.isNaN(Number(name)))
      .map((name) => name.charAt(0).toLowerCase() + name.slice(1));
    expect(known.filter((name) => typeof fuses[name] !== 'boolean')).toEqual([]);
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // The asar fuses mean nothing without an asar archive.
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, dmg for macOS and nsis for Windows, under one app id', () => {
    expect(config.appId).toBe('com.tamconsole.desktop');
    expect(config.productName).toBe('TAM Console');
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
  });

  it('packages the built app and is what `npm run dist` runs', () => {
    // electron-builder normalises `files` into filter sets.
    expect(JSON.stringify(config.files)).toContain('"out/**/*"');
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts['dist']).toBe('electron-vite build && electron-builder --config electron-builder.yml');
  });

  it('points at icons that exist: PNGs 16…1024 for Linux, an .icns for macOS, an .ico with 256 px for Windows', () => {
    const linuxIcons = join(root, String(config.linux?.icon));
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(join(linuxIcons, `${size}x${size}.png`))).toEqual({ width: size, height: size });

    const icns = readFileSync(join(root, String(config.mac?.icon)));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);

    const ico = readFileSync(join(root, String(config.win?.icon)));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, index) => ico.readUInt8(6 + 16 * index) || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);
    expect(statSync(join(root, 'resources', 'icon.svg')).size).toBeGreaterThan(0);
  });
});

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The domain core must stay pure so the app and the server run the same rules.
const eslint = new ESLint({ cwd: process.cwd() });

async function coreLint(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: 'src/core/probe.ts' });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the src/core boundary', () => {
  it.each([
    ["import { app } from 'electron';", 'electron'],
    ["import { useState } from 'react';", 'react'],
    ["import Dexie from 'dexie';", 'dexie'],
    ["import { create } from 'zustand';", 'zustand'],
    ["import Fastify from 'fastify';", 'fastify'],
    ["import { Pool } from 'pg';", 'pg'],
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import { db } from '../renderer/src/db';", 'the renderer'],
    ["import { start } from '../server/main';", 'the server'],
  ])('refuses %s (%s)', async (source) => {
    expect(await coreLint(`${source}\nexport const probe = 1;\n`)).toContain('no-restricted-imports');
  });

  it('refuses the DOM and a hidden clock', async () => {
    const messages = await coreLint(
      'export const a = document.title;\nexport const b = Date.now();\nexport const c = new Date();\n',
    );
    expect(messages.filter((id) => id === 'no-restricted-globals')).toHaveLength(1);
    expect(messages.filter((id) => id === 'no-restricted-syntax')).toHaveLength(2);
  });

  it('allows luxon, zod and date-holidays', async () => {
    const messages = await coreLint(
      "import { DateTime } from 'luxon';\nimport { z } from 'zod';\nimport Holidays from 'date-holidays';\nexport const probe = [DateTime, z, Holidays];\n",
    );
    expect(messages).toEqual([]);
  });
});

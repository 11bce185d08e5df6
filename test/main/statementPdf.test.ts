import { describe, expect, it } from 'vitest';
import { consoleIpcHandlers } from '../../src/main/consoleIpcHandlers';
import { isTrustedSender, ok, registerIpcHandlers, type IpcIncident } from '../../src/main/ipc';
import { statementPdfSaver, type StatementPdfPort } from '../../src/main/statementPdf';
import { callFrom, FakeIpcMain, fromConsoleWindow, MAIN_WEB_CONTENTS_ID } from './support/fakeElectron';

const pdfBytes = new TextEncoder().encode('%PDF-1.7 statement');

function consoleWithPrinter(choice: string | null, window = true) {
  const printed: unknown[] = [];
  const written: [string, Uint8Array][] = [];
  const offered: string[] = [];
  const port: StatementPdfPort = {
    printWindowToPdf: (options) => {
      if (!window) return null;
      printed.push(options);
      return Promise.resolve(pdfBytes);
    },
    chooseSavePath: async (name) => {
      offered.push(name);
      return choice;
    },
    writeFile: async (path, data) => {
      written.push([path, data]);
    },
  };
  const incidents: IpcIncident[] = [];
  const ipcMain = new FakeIpcMain();
  registerIpcHandlers(
    ipcMain,
    consoleIpcHandlers({
      appInfo: { name: 'TAM Console', version: '0.1.0', platform: 'linux' },
      notifications: { isSupported: () => true, show: () => undefined },
      credentials: {
        save: async () => ok({ encrypted: true }),
        load: async () => ok(null),
        clear: async () => ok({ removed: false }),
      },
      saveStatementPdf: statementPdfSaver(port),
      outbox: { save: () => ok({ pending: 0, savedAt: '' }), load: () => ok(null) },
    }),
    (event) => isTrustedSender(event, MAIN_WEB_CONTENTS_ID),
    (incident) => incidents.push(incident),
  );
  return { ipcMain, printed, written, offered, incidents };
}

describe('saving a usage statement as PDF', () => {
  it('prints the window on A4 with its print CSS and writes the PDF where the TAM chose', async () => {
    const setup = consoleWithPrinter('/home/tam/Documents/helvetia-year-1.pdf');
    const result = await setup.ipcMain.invoke('statement:savePdf', fromConsoleWindow, {
      fileName: 'helvetia-year-1.pdf',
    });
    expect(result).toEqual({ ok: true, value: { saved: true, bytes: pdfBytes.byteLength } });
    expect(setup.printed).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(setup.offered).toEqual(['helvetia-year-1.pdf']);
    expect(setup.written.map(([path]) => path)).toEqual(['/home/tam/Documents/helvetia-year-1.pdf']);
  });

  it('a cancelled save dialog writes nothing and says so', async () => {
    const setup = consoleWithPrinter(null);
    const result = await setup.ipcMain.invoke('statement:savePdf', fromConsoleWindow, {
      fileName: 's.pdf',
    });
    expect(result).toEqual({ ok: true, value: { saved: false, bytes: pdfBytes.byteLength } });
    expect(setup.written).toEqual([]);
  });

  it('a file name with a path in it is refused before anything is printed', async () => {
    const setup = consoleWithPrinter('/tmp/x.pdf');
    const result = await setup.ipcMain.invoke('statement:savePdf', fromConsoleWindow, {
      fileName: '../../.bashrc.pdf',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-payload', field: 'fileName' } });
    expect(setup.printed).toEqual([]);
  });

  it('a call from another frame is refused and reported', async () => {
    const setup = consoleWithPrinter('/tmp/x.pdf');
    const result = await setup.ipcMain.invoke('statement:savePdf', callFrom('https://evil.example/'), {
      fileName: 's.pdf',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-sender' } });
    expect(setup.incidents).toHaveLength(1);
    expect(setup.printed).toEqual([]);
  });

  it('without a window there is nothing to print, in words', async () => {
    const setup = consoleWithPrinter('/tmp/x.pdf', false);
    const result = await setup.ipcMain.invoke('statement:savePdf', fromConsoleWindow, {
      fileName: 's.pdf',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'There is no console window to print the statement from.' },
    });
  });
});

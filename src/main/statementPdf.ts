// The usage statement as a PDF: Chromium's printToPDF of the console's own window (the statement
// view with its print CSS), saved where the TAM chooses. The Electron parts come in as a small
// port, so the decisions here are unit-tested in Node.
import type { StatementPdfRequest, StatementPdfSaved } from '../preload/api';
import { fail, ok } from './ipc';
import type { IpcResult } from '../preload/api';

/** What saving a statement needs from Electron: the page as PDF, a save dialog, the file system. */
export type StatementPdfPort = {
  /** webContents.printToPDF of the main window; null when there is no window. */
  printWindowToPdf(options: {
    pageSize: 'A4';
    printBackground: true;
    preferCSSPageSize: true;
  }): Promise<Uint8Array> | null;
  /** The path the TAM chose, or null when they cancelled. */
  chooseSavePath(defaultFileName: string): Promise<string | null>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
};

export type StatementPdfSaver = (request: StatementPdfRequest) => Promise<IpcResult<StatementPdfSaved>>;

export function statementPdfSaver(port: StatementPdfPort): StatementPdfSaver {
  return async (request) => {
    const printing = port.printWindowToPdf({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    if (printing === null) return fail('internal', 'There is no console window to print the statement from.');
    const pdf = await printing;
    const path = await port.chooseSavePath(request.fileName);
    if (path === null) return ok({ saved: false, bytes: pdf.byteLength });
    await port.writeFile(path, pdf);
    return ok({ saved: true, bytes: pdf.byteLength });
  };
}

// Hands a file the console made (calendar, CSV) to the browser's or the desktop app's download:
// an object URL clicked as a link, released right after.
export function downloadFile(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Released after the click has been handled: revoking at once can cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export const ICS_TYPE = 'text/calendar;charset=utf-8';
export const CSV_TYPE = 'text/csv;charset=utf-8';

// Ids for new records, made on this machine: mutations carry them so that the server's replay
// writes the very same records.
export function newRecordId(kind: string): string {
  // 64 random bits: short enough to read in a summary, and a team never makes two alike.
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${kind}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

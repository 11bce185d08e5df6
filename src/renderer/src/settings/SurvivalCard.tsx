// Keeping my data safe: the desktop app's copy of the outbox (none in the browser build), and a
// backup of all local data to a file, restored only after a preview and every check has passed.
import { Alert, Button, Card, Checkbox, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { RuleNumbers } from '../../../core/rejection';
import {
  backupFileName,
  countPendingChanges,
  exportBackup,
  parseBackup,
  previewBackup,
  restoreBackup,
  type Backup,
} from '../db/backup';
import type { Settings } from '../db/schema';
import { useOutboxMirror, type MirrorStatus } from '../platform/outboxMirror';
import { currentInstant } from '../time/clock';
import { formatInstant } from '../time/zonedFormat';

function mirrorWords(status: MirrorStatus, zone: string): string {
  switch (status.state) {
    case 'unavailable':
      return 'Browser build: there is no copy of the outbox outside the browser. If the browser’s site data is cleared, changes not yet at the team are lost — export a backup before that.';
    case 'waiting':
      return 'The desktop app keeps a copy of the outbox; it is written after the first change.';
    case 'saved':
      return `The desktop app keeps a copy of the outbox: ${status.pending} change${status.pending === 1 ? '' : 's'} not yet at the team, saved ${formatInstant(status.at, zone)}.`;
    case 'failed':
      return `The copy of the outbox could not be written: ${status.message}`;
  }
}

function download(backup: Backup): void {
  // In the desktop app a download opens the system's save dialog; in a browser it goes to Downloads.
  const blob = new Blob([JSON.stringify(backup)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = backupFileName(backup.exportedAt);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Refusal = { message: string; numbers?: RuleNumbers };

export function SurvivalCard({ settings }: { settings: Settings }) {
  const { status, restoredPending } = useOutboxMirror();
  const pending = useLiveQuery(countPendingChanges, []) ?? 0;
  const [chosen, setChosen] = useState<{ name: string; backup: Backup } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [replacePending, setReplacePending] = useState(false);
  const [busy, setBusy] = useState(false);

  async function exportNow() {
    setBusy(true);
    try {
      const backup = await exportBackup(currentInstant());
      download(backup);
      const preview = previewBackup(backup);
      notifications.show({
        message: `Backup exported: ${preview.customers} customers, ${preview.records} records, ${preview.outbox.total} changes.`,
        color: 'green',
      });
    } finally {
      setBusy(false);
    }
  }

  async function choose(file: File | null) {
    setChosen(null);
    setRefusal(null);
    setReplacePending(false);
    if (!file) return;
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) return setRefusal(parsed.rejection);
    setChosen({ name: file.name, backup: parsed.value });
  }

  async function restoreNow() {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await restoreBackup(chosen.backup, { replacePending });
      if (!result.ok) return setRefusal(result.rejection);
      notifications.show({
        message: `Restored ${result.value.records} records and ${result.value.outbox} changes; reopening the console.`,
        color: 'green',
      });
      setTimeout(() => window.location.reload(), 800);
    } finally {
      setBusy(false);
    }
  }

  const preview = chosen ? previewBackup(chosen.backup) : null;
  return (
    <Card withBorder p="sm">
      <Stack gap="xs">
        <Title order={2}>Keeping my data safe</Title>
        {restoredPending !== null ? (
          <Alert color="blue" p="xs">
            This console’s local database was empty at start; it was rebuilt from the desktop app’s copy of
            the outbox with {restoredPending} change{restoredPending === 1 ? '' : 's'} to send again.
          </Alert>
        ) : null}
        <Text size="sm">{mirrorWords(status, settings.timeZone)}</Text>
        <Group gap="xs">
          <Button variant="default" loading={busy} onClick={() => void exportNow()}>
            Export a backup
          </Button>
          <FileButton onChange={(file) => void choose(file)} accept="application/json,.json">
            {(props) => (
              <Button variant="default" {...props}>
                Restore from a backup…
              </Button>
            )}
          </FileButton>
        </Group>
        {refusal ? (
          <Alert color="red" variant="light" title="Not restored" role="alert" p="xs">
            {refusal.message}
          </Alert>
        ) : null}
        {chosen && preview ? (
          <Card withBorder p="xs" aria-label="Backup preview">
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {chosen.name}
              </Text>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>Exported</Table.Th>
                    <Table.Td>
                      {formatInstant(preview.exportedAt, settings.timeZone)}
                      {preview.userName ? ` by ${preview.userName}` : ''}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Customers</Table.Th>
                    <Table.Td className="tabular">{preview.customers}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Records</Table.Th>
                    <Table.Td className="tabular">{preview.records}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>My changes</Table.Th>
                    <Table.Td>
                      {preview.outbox.total} ({preview.outbox.pending} not yet at the team,{' '}
                      {preview.outbox.rejected} needing attention)
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Text size="sm">Restoring replaces everything this console keeps locally with the backup.</Text>
              {pending > 0 ? (
                <Checkbox
                  color="red"
                  label={`Replace my ${pending} change${pending === 1 ? '' : 's'} not yet at the team (they will be lost)`}
                  checked={replacePending}
                  onChange={(e) => setReplacePending(e.currentTarget.checked)}
                />
              ) : null}
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={() => setChosen(null)}>
                  Cancel
                </Button>
                <Button
                  color="red"
                  loading={busy}
                  disabled={pending > 0 && !replacePending}
                  onClick={() => void restoreNow()}
                >
                  Restore this backup
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </Card>
  );
}

// Keeping my data safe: the desktop app's copy of the outbox (none in the browser build), and a
// backup of all local data to a file, restored only after a preview and every check has passed.
import { Alert, Button, Card, Checkbox, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { formatInstant, formatNumber } from '../time/zonedFormat';

function mirrorWords(t: TFunction, status: MirrorStatus, zone: string): string {
  switch (status.state) {
    case 'unavailable':
      return t('settings.survival.unavailable');
    case 'waiting':
      return t('settings.survival.waiting');
    case 'saved':
      return t('settings.survival.saved', { count: status.pending, time: formatInstant(status.at, zone) });
    case 'failed':
      return t('settings.survival.failed', { reason: status.message });
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
  const { t } = useTranslation();
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
        message: t('settings.survival.exported', {
          customers: formatNumber(preview.customers),
          records: formatNumber(preview.records),
          changes: formatNumber(preview.outbox.total),
        }),
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
        message: t('settings.survival.restored', {
          records: formatNumber(result.value.records),
          changes: formatNumber(result.value.outbox),
        }),
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
        <Title order={2}>{t('settings.survival.title')}</Title>
        {restoredPending !== null ? (
          <Alert color="blue" p="xs">
            {t('settings.survival.rebuilt', { count: restoredPending })}
          </Alert>
        ) : null}
        <Text size="sm">{mirrorWords(t, status, settings.timeZone)}</Text>
        <Group gap="xs">
          <Button variant="default" loading={busy} onClick={() => void exportNow()}>
            {t('settings.survival.export')}
          </Button>
          <FileButton onChange={(file) => void choose(file)} accept="application/json,.json">
            {(props) => (
              <Button variant="default" {...props}>
                {t('settings.survival.restore')}
              </Button>
            )}
          </FileButton>
        </Group>
        {refusal ? (
          <Alert color="red" variant="light" title={t('settings.survival.notRestored')} role="alert" p="xs">
            {refusal.message}
          </Alert>
        ) : null}
        {chosen && preview ? (
          <Card withBorder p="xs" aria-label={t('settings.survival.preview')}>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {chosen.name}
              </Text>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>{t('settings.survival.exportedAt')}</Table.Th>
                    <Table.Td>
                      {preview.userName
                        ? t('settings.survival.exportedBy', {
                            time: formatInstant(preview.exportedAt, settings.timeZone),
                            name: preview.userName,
                          })
                        : formatInstant(preview.exportedAt, settings.timeZone)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.survival.customers')}</Table.Th>
                    <Table.Td className="tabular">{preview.customers}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.survival.records')}</Table.Th>
                    <Table.Td className="tabular">{preview.records}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.survival.myChanges')}</Table.Th>
                    <Table.Td>
                      {t('settings.survival.changesValue', {
                        total: preview.outbox.total,
                        pending: preview.outbox.pending,
                        rejected: preview.outbox.rejected,
                      })}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Text size="sm">{t('settings.survival.replaces')}</Text>
              {pending > 0 ? (
                <Checkbox
                  color="red"
                  label={t('settings.survival.replacePending', { count: pending })}
                  checked={replacePending}
                  onChange={(e) => setReplacePending(e.currentTarget.checked)}
                />
              ) : null}
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={() => setChosen(null)}>
                  {t('settings.survival.cancel')}
                </Button>
                <Button
                  color="red"
                  loading={busy}
                  disabled={pending > 0 && !replacePending}
                  onClick={() => void restoreNow()}
                >
                  {t('settings.survival.restoreConfirm')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </Card>
  );
}

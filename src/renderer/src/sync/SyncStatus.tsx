// The header's sync slot, always visible: reachable or not, what waits, what was refused, when
// the team last confirmed, the last error in words and the first sync's progress. It also starts
// the sync engine, since the header lives exactly as long as the console does.
import { Badge, Button, Group, Loader, Progress, Text, Tooltip } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { readOutboxCounts } from '../db/outbox';
import type { Settings } from '../db/schema';
import { displayLocale, formatNumber } from '../time/zonedFormat';
import { kickSync, startSync } from './syncRuntime';
import { useSyncStore, type SyncPhase } from './syncStore';

const phaseColors: Record<SyncPhase, string> = {
  'local-only': 'gray',
  'no-token': 'orange',
  connecting: 'gray',
  online: 'teal',
  offline: 'orange',
  stopped: 'red',
};

/** "14:05" on my clock, in the display language's locale. */
function timeOf(instant: string): string {
  return new Date(instant).toLocaleTimeString(displayLocale(), { hour: '2-digit', minute: '2-digit' });
}

export function SyncStatus({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const serverUrl = settings.syncServerUrl;
  useEffect(() => startSync(), [serverUrl]);
  const counts = useLiveQuery(readOutboxCounts, []);
  const state = useSyncStore();
  const pending = counts?.pending ?? 0;
  const rejected = counts?.rejected ?? 0;
  const atRisk = counts?.atRisk ?? 0;
  const problem = state.pushBlocked ?? state.lastError;
  const host = serverUrl ? new URL(serverUrl).host : null;
  return (
    <Group gap="xs" wrap="nowrap" aria-label={t('sync.label')} role="status">
      <Tooltip
        label={
          state.phase === 'offline' && state.offlineReason
            ? // The transport's reason is in English; other languages say it in general words.
              i18n.language === 'en'
              ? t('sync.offlineTip', { reason: state.offlineReason })
              : t('sync.offlineTipPlain')
            : host
              ? t('sync.server', { host })
              : t('sync.noServer')
        }
        multiline
        w={320}
        withArrow
      >
        <Badge color={phaseColors[state.phase]} variant="light" radius="sm" data-phase={state.phase}>
          {t(`sync.phases.${state.phase}`)}
        </Badge>
      </Tooltip>
      {state.syncing ? <Loader size={12} aria-label={t('sync.syncing')} /> : null}
      {state.firstSync ? (
        <Group gap={4} wrap="nowrap" aria-label={t('sync.firstSync')}>
          <Progress
            w={90}
            size="sm"
            value={(100 * state.firstSync.done) / Math.max(1, state.firstSync.total)}
            aria-label={t('sync.firstSyncProgress')}
          />
          <Text size="xs" c="dimmed">
            {t('sync.progress', {
              done: formatNumber(state.firstSync.done),
              total: formatNumber(state.firstSync.total),
            })}
          </Text>
        </Group>
      ) : null}
      {counts ? (
        <Text size="xs" c="dimmed">
          {pending === 0 ? t('sync.nothingWaiting') : t('sync.waiting', { count: pending })}
        </Text>
      ) : null}
      {atRisk > 0 ? (
        <Badge color="yellow" variant="light" radius="sm">
          {t('sync.atRisk', { count: atRisk })}
        </Badge>
      ) : null}
      {rejected > 0 ? (
        <Badge color="red" variant="light" radius="sm">
          {t('sync.refused', { count: rejected })}
        </Badge>
      ) : null}
      {state.lastSyncAt ? (
        <Text size="xs" c="dimmed">
          {t('sync.synced', { time: timeOf(state.lastSyncAt) })}
        </Text>
      ) : null}
      {problem ? (
        <Tooltip label={problem} multiline w={320} withArrow>
          <Text size="xs" c="var(--mantine-color-red-light-color)" truncate maw={220} role="alert">
            {problem}
          </Text>
        </Tooltip>
      ) : null}
      {host && state.leader ? (
        <Button size="compact-xs" variant="subtle" onClick={kickSync}>
          {t('sync.syncNow')}
        </Button>
      ) : null}
    </Group>
  );
}

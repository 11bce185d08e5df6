// The header's sync slot, always visible: reachable or not, what waits, what was refused, when
// the team last confirmed, the last error in words and the first sync's progress. It also starts
// the sync engine, since the header lives exactly as long as the console does.
import { Badge, Button, Group, Loader, Progress, Text, Tooltip } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { readOutboxCounts } from '../db/outbox';
import type { Settings } from '../db/schema';
import { kickSync, startSync } from './syncRuntime';
import { useSyncStore, type SyncPhase } from './syncStore';

const phaseWords: Record<SyncPhase, { label: string; color: string }> = {
  'local-only': { label: 'Offline-only (no sync server set)', color: 'gray' },
  'no-token': { label: 'No token', color: 'orange' },
  connecting: { label: 'Connecting', color: 'gray' },
  online: { label: 'Online', color: 'teal' },
  offline: { label: 'Offline', color: 'orange' },
  stopped: { label: 'Sync stopped', color: 'red' },
};

function timeOf(instant: string): string {
  return new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function SyncStatus({ settings }: { settings: Settings }) {
  const serverUrl = settings.syncServerUrl;
  useEffect(() => startSync(), [serverUrl]);
  const counts = useLiveQuery(readOutboxCounts, []);
  const state = useSyncStore();
  const pending = counts?.pending ?? 0;
  const rejected = counts?.rejected ?? 0;
  const atRisk = counts?.atRisk ?? 0;
  const phase = phaseWords[state.phase];
  const problem = state.pushBlocked ?? state.lastError;
  const host = serverUrl ? new URL(serverUrl).host : null;
  return (
    <Group gap="xs" wrap="nowrap" aria-label="Sync status" role="status">
      <Tooltip
        label={
          state.phase === 'offline' && state.offlineReason
            ? `${state.offlineReason} Changes are kept here and sent when the server is back.`
            : host
              ? `Team server ${host}`
              : 'No team server set (Settings)'
        }
        multiline
        w={320}
        withArrow
      >
        <Badge color={phase.color} variant="light" radius="sm" data-phase={state.phase}>
          {phase.label}
        </Badge>
      </Tooltip>
      {state.syncing ? <Loader size={12} aria-label="Syncing" /> : null}
      {state.firstSync ? (
        <Group gap={4} wrap="nowrap" aria-label="First sync">
          <Progress
            w={90}
            size="sm"
            value={(100 * state.firstSync.done) / Math.max(1, state.firstSync.total)}
            aria-label="First sync progress"
          />
          <Text size="xs" c="dimmed">
            {state.firstSync.done.toLocaleString()} / {state.firstSync.total.toLocaleString()}
          </Text>
        </Group>
      ) : null}
      {counts ? (
        <Text size="xs" c="dimmed">
          {pending === 0 ? 'Nothing waiting' : `${pending} waiting`}
        </Text>
      ) : null}
      {atRisk > 0 ? (
        <Badge color="yellow" variant="light" radius="sm">
          {atRisk} at risk
        </Badge>
      ) : null}
      {rejected > 0 ? (
        <Badge color="red" variant="light" radius="sm">
          {rejected} refused
        </Badge>
      ) : null}
      {state.lastSyncAt ? (
        <Text size="xs" c="dimmed">
          synced {timeOf(state.lastSyncAt)}
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
          Sync now
        </Button>
      ) : null}
    </Group>
  );
}

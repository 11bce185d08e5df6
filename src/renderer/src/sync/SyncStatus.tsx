// The header's sync slot: where changes go. Until the sync client exists (a later issue) the
// console keeps everything locally and says so, with how many changes wait in the outbox.
import { Badge, Group, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { readOutboxCounts } from '../db/outbox';
import type { Settings } from '../db/schema';

export function SyncStatus({ settings }: { settings: Settings }) {
  const counts = useLiveQuery(readOutboxCounts, []);
  const pending = counts?.pending ?? 0;
  return (
    <Group gap="xs" wrap="nowrap" aria-label="Sync status">
      <Badge color="gray" variant="outline" radius="sm">
        {settings.syncServerUrl
          ? `Sync server set: ${new URL(settings.syncServerUrl).host} (not connected yet)`
          : 'Offline-only (no sync server set)'}
      </Badge>
      <Text size="xs" c="dimmed">
        {pending === 0 ? 'No changes waiting' : `${pending} change${pending === 1 ? '' : 's'} kept locally`}
      </Text>
    </Group>
  );
}

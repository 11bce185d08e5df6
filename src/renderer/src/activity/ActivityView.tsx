// Activity: what I changed, newest first and grouped by day (my zone), and whether each change
// has reached the team: waiting, applied, refused (Needs attention) or dealt with after a refusal.
import { Badge, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useState } from 'react';
import { readActivity, readCustomerNames } from '../db/attention';
import type { OutboxEntry, Settings } from '../db/schema';
import { formatClock, formatDate } from '../time/zonedFormat';
import { groupByDay } from './activityDays';

const statusWords: Record<OutboxEntry['status'], { label: string; color: string }> = {
  pending: { label: 'not yet at the team', color: 'yellow' },
  applied: { label: 'at the team', color: 'green' },
  rejected: { label: 'refused: needs attention', color: 'red' },
  resolved: { label: 'refused, dealt with', color: 'gray' },
};

const resolutionWords: Record<NonNullable<OutboxEntry['resolution']>, string> = {
  rebooked: 'booked again on another date',
  billable: 'booked again as billable',
  exceptionAsked: 'a lead was asked for an exception',
  discarded: 'discarded',
};

export function ActivityView({ settings }: { settings: Settings }) {
  const [onlyPending, setOnlyPending] = useState(false);
  const loaded = useLiveQuery(async () => {
    const entries = await readActivity(onlyPending);
    return { entries, names: await readCustomerNames(entries.flatMap((entry) => entry.customerId ?? [])) };
  }, [onlyPending]);
  const zone = settings.timeZone;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Activity</Title>
        <Switch
          label="Only not yet at the team"
          checked={onlyPending}
          onChange={(e) => setOnlyPending(e.currentTarget.checked)}
        />
      </Group>
      {!loaded ? null : loaded.entries.length === 0 ? (
        <Text size="sm">
          {onlyPending ? 'Every change of mine has reached the team.' : 'No changes yet.'}
        </Text>
      ) : (
        <Table aria-label="My changes" verticalSpacing={4} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: '9rem', whiteSpace: 'nowrap' }}>Time ({zone})</Table.Th>
              <Table.Th style={{ width: '4rem' }}>#</Table.Th>
              <Table.Th style={{ width: '14rem' }}>Customer</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th style={{ width: '14rem' }}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groupByDay(loaded.entries, zone).map((group) => (
              <Fragment key={group.day}>
                <Table.Tr>
                  <Table.Th colSpan={5} scope="colgroup" bg="var(--mantine-color-gray-1)">
                    {formatDate(group.day)} · {group.entries.length} change
                    {group.entries.length === 1 ? '' : 's'}
                  </Table.Th>
                </Table.Tr>
                {group.entries.map((entry) => {
                  const status = statusWords[entry.status];
                  return (
                    <Table.Tr key={entry.mutationId}>
                      <Table.Td className="tabular">{formatClock(entry.clientTime, zone)}</Table.Td>
                      <Table.Td className="tabular">{entry.mutationId}</Table.Td>
                      <Table.Td>
                        {entry.customerId
                          ? (loaded.names.get(entry.customerId) ?? entry.customerId)
                          : 'Whole team'}
                      </Table.Td>
                      <Table.Td>{entry.summary}</Table.Td>
                      <Table.Td>
                        <Badge color={status.color} variant="light" style={{ textTransform: 'none' }}>
                          {status.label}
                        </Badge>
                        {entry.resolution ? (
                          <Text size="xs" mt={2}>
                            {resolutionWords[entry.resolution]}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

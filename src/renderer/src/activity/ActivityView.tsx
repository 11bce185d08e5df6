// Activity: what I changed, newest first and grouped by day (my zone), and whether each change
// has reached the team: waiting, applied, refused (Needs attention) or dealt with after a refusal.
import { Badge, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useState } from 'react';
import { readActivity, readCustomerNames } from '../db/attention';
import type { OutboxEntry, Settings } from '../db/schema';
import { formatClock, formatDate } from '../time/zonedFormat';
import { useRuleWords } from '../i18n/useRuleWords';
import { groupByDay } from './activityDays';

const statusColors: Record<OutboxEntry['status'], string> = {
  pending: 'yellow',
  applied: 'green',
  rejected: 'red',
  resolved: 'gray',
};

export function ActivityView({ settings }: { settings: Settings }) {
  const words = useRuleWords();
  const { t } = words;
  const [onlyPending, setOnlyPending] = useState(false);
  const loaded = useLiveQuery(async () => {
    const entries = await readActivity(onlyPending);
    return { entries, names: await readCustomerNames(entries.flatMap((entry) => entry.customerId ?? [])) };
  }, [onlyPending]);
  const zone = settings.timeZone;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>{t('activity.title')}</Title>
        <Switch
          label={t('activity.onlyPending')}
          checked={onlyPending}
          onChange={(e) => setOnlyPending(e.currentTarget.checked)}
        />
      </Group>
      {!loaded ? null : loaded.entries.length === 0 ? (
        <Text size="sm">{onlyPending ? t('activity.allReached') : t('activity.noChanges')}</Text>
      ) : (
        <Table aria-label={t('activity.table')} verticalSpacing={4} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: '9rem', whiteSpace: 'nowrap' }}>
                {t('activity.time', { zone })}
              </Table.Th>
              <Table.Th style={{ width: '4rem' }}>{t('activity.number')}</Table.Th>
              <Table.Th style={{ width: '14rem' }}>{t('activity.customer')}</Table.Th>
              <Table.Th>{t('activity.change')}</Table.Th>
              <Table.Th style={{ width: '14rem' }}>{t('activity.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groupByDay(loaded.entries, zone).map((group) => (
              <Fragment key={group.day}>
                <Table.Tr>
                  <Table.Th colSpan={5} scope="colgroup" bg="var(--mantine-color-gray-1)">
                    {t('activity.day', { date: formatDate(group.day), count: group.entries.length })}
                  </Table.Th>
                </Table.Tr>
                {group.entries.map((entry) => {
                  return (
                    <Table.Tr key={entry.mutationId}>
                      <Table.Td className="tabular">{formatClock(entry.clientTime, zone)}</Table.Td>
                      <Table.Td className="tabular">{entry.mutationId}</Table.Td>
                      <Table.Td>
                        {entry.customerId
                          ? (loaded.names.get(entry.customerId) ?? entry.customerId)
                          : t('activity.wholeTeam')}
                      </Table.Td>
                      <Table.Td>{words.change(entry)}</Table.Td>
                      <Table.Td>
                        <Badge
                          color={statusColors[entry.status]}
                          variant="light"
                          style={{ textTransform: 'none' }}
                        >
                          {t(`activity.states.${entry.status}`)}
                        </Badge>
                        {entry.resolution ? (
                          <Text size="xs" mt={2}>
                            {t(`activity.resolutions.${entry.resolution}`)}
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

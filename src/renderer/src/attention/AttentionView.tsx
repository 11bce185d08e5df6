// Needs attention: every change of mine the team server refused, with the rule in words and its
// numbers, and what I can do about it; and the exception requests (a lead decides them here).
// Nothing leaves this list unless I act on it.
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readCustomerNames, readRejectedEntries } from '../db/attention';
import type { OutboxEntry, Settings } from '../db/schema';
import { BookGoLiveForm, type GoLivePrefill } from '../forms/BookGoLiveForm';
import { useTeamBooks } from '../team/useTeamBooks';
import { formatShortInstant } from '../time/zonedFormat';
import { markRebooked } from './attentionActions';
import { ExceptionRequestsSection } from './ExceptionRequestsSection';
import { RefusedChangeActions } from './RefusedChangeActions';
import { useRuleWords } from '../i18n/useRuleWords';

function prefillOf(entry: OutboxEntry): GoLivePrefill {
  const args = (entry.args ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof args[key] === 'string' ? args[key] : undefined);
  const prefill: GoLivePrefill = {};
  const title = text('title');
  const projectId = text('projectId');
  const date = text('date');
  const time = text('time');
  const notes = text('notes');
  if (title !== undefined) prefill.title = title;
  if (projectId !== undefined) prefill.projectId = projectId;
  if (date !== undefined) prefill.date = date;
  if (time !== undefined) prefill.time = time;
  if (notes !== undefined) prefill.notes = notes;
  if (typeof args['durationMinutes'] === 'number') prefill.durationMinutes = args['durationMinutes'];
  return prefill;
}

export function AttentionView({ settings }: { settings: Settings }) {
  const loaded = useLiveQuery(async () => {
    const entries = await readRejectedEntries();
    const names = await readCustomerNames(entries.flatMap((entry) => entry.customerId ?? []));
    return { entries, names };
  }, []);
  const team = useTeamBooks();
  const [rebooking, setRebooking] = useState<OutboxEntry | null>(null);
  const rebookBook = rebooking?.customerId ? team?.byId.get(rebooking.customerId) : undefined;
  const words = useRuleWords();
  const { t } = words;

  return (
    <Stack gap="sm">
      <Title order={1}>{t('nav.attention')}</Title>
      <Text size="sm" c="dimmed">
        {t('attention.intro')}
      </Text>
      {!loaded ? null : loaded.entries.length === 0 ? (
        <Text size="sm">{t('attention.empty')}</Text>
      ) : (
        <Table aria-label={t('attention.table')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('attention.when')}</Table.Th>
              <Table.Th>{t('attention.customer')}</Table.Th>
              <Table.Th>{t('attention.whatIDid')}</Table.Th>
              <Table.Th>{t('attention.rule')}</Table.Th>
              <Table.Th>{t('attention.whatNow')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaded.entries.map((entry) => {
              const rejection = entry.rejection ?? { code: 'unknown', message: t('rules.noReason') };
              const customer = entry.customerId
                ? (loaded.names.get(entry.customerId) ?? entry.customerId)
                : t('attention.wholeTeam');
              return (
                <Table.Tr key={entry.mutationId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} className="tabular">
                    {formatShortInstant(entry.clientTime, settings.timeZone)}
                  </Table.Td>
                  <Table.Td>{customer}</Table.Td>
                  <Table.Td>{words.change(entry)}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                      {words.headline(entry.name, rejection)}
                    </Badge>
                    <Text size="xs" mt={2}>
                      {words.sentence(
                        rejection,
                        entry.name,
                        entry.customerId
                          ? (team?.byId.get(entry.customerId)?.customer.timeZone ?? settings.timeZone)
                          : settings.timeZone,
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RefusedChangeActions
                      entry={entry}
                      canPickAnotherDate={
                        entry.name === 'requestGoLive' &&
                        !!entry.customerId &&
                        !!team?.byId.get(entry.customerId)
                      }
                      onPickAnotherDate={() => setRebooking(entry)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ExceptionRequestsSection settings={settings} />
      {rebooking && rebookBook && team ? (
        <BookGoLiveForm
          book={rebookBook}
          settings={settings}
          templates={team.templates}
          prefill={prefillOf(rebooking)}
          onClose={() => setRebooking(null)}
          onBooked={(summaries) => {
            void markRebooked(rebooking, summaries.join(' · ')).then((outcome) => {
              if (!outcome.ok) notifications.show({ message: words.sentence(outcome.refusal), color: 'red' });
            });
          }}
        />
      ) : null}
    </Stack>
  );
}

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
import { ruleHeadline } from './ruleInWords';

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

  return (
    <Stack gap="sm">
      <Title order={1}>Needs attention</Title>
      <Text size="sm" c="dimmed">
        Changes of mine the team server refused. Each stays here until I pick another date, book it as
        billable, ask a lead for an exception, or discard it.
      </Text>
      {!loaded ? null : loaded.entries.length === 0 ? (
        <Text size="sm">Nothing needs attention: every change reached the team or waits to be sent.</Text>
      ) : (
        <Table aria-label="Refused changes" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>When (my zone)</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>What I did</Table.Th>
              <Table.Th>Refused by the rule</Table.Th>
              <Table.Th>What now</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaded.entries.map((entry) => {
              const rejection = entry.rejection ?? { code: 'unknown', message: 'The server gave no reason.' };
              const customer = entry.customerId
                ? (loaded.names.get(entry.customerId) ?? entry.customerId)
                : 'Whole team';
              return (
                <Table.Tr key={entry.mutationId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} className="tabular">
                    {formatShortInstant(entry.clientTime, settings.timeZone)}
                  </Table.Td>
                  <Table.Td>{customer}</Table.Td>
                  <Table.Td>{entry.summary}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                      {ruleHeadline(entry.name, rejection)}
                    </Badge>
                    <Text size="xs" mt={2}>
                      {rejection.message}
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
              if (!outcome.ok) notifications.show({ message: outcome.refusal.message, color: 'red' });
            });
          }}
        />
      ) : null}
    </Stack>
  );
}

// Exception requests in Needs attention: a lead sees every open one and grants or declines it;
// the TAM who asked sees where theirs stands.
import { Badge, Button, Group, Popover, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ExceptionRequest } from '../../../core/records';
import { readCustomerNames, readExceptionRequests } from '../db/attention';
import type { LocalRefusal } from '../db/localMutations';
import type { Settings } from '../db/schema';
import { RefusalAlert } from '../forms/RefusalAlert';
import { useNow } from '../time/clock';
import { formatShortInstant } from '../time/zonedFormat';
import { decideExceptionRequest } from './attentionActions';
import { ruleHeadline } from './ruleInWords';

const statusColor = { open: 'blue', granted: 'green', declined: 'gray' } as const;

export function ExceptionRequestsSection({ settings }: { settings: Settings }) {
  const now = useNow();
  const isLead = settings.role === 'lead';
  const loaded = useLiveQuery(async () => {
    const requests = await readExceptionRequests(settings.userId, isLead, now);
    return { requests, names: await readCustomerNames(requests.map((request) => request.customerId)) };
  }, [settings.userId, isLead, now]);
  if (!loaded || loaded.requests.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={2}>{isLead ? 'Exception requests to decide' : 'My exception requests'}</Title>
      <Table aria-label="Exception requests" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>Asked (my zone)</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>The change and the rule</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Decision</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loaded.requests.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatShortInstant(request.requestedAt, settings.timeZone)}
              </Table.Td>
              <Table.Td>{request.requestedBy}</Table.Td>
              <Table.Td>{loaded.names.get(request.customerId) ?? request.customerId}</Table.Td>
              <Table.Td>
                <Text size="sm">{request.summary}</Text>
                <Text size="xs">{ruleHeadline(request.mutation.name, request.rule)}</Text>
              </Table.Td>
              <Table.Td>{request.note || '–'}</Table.Td>
              <Table.Td>
                {isLead && request.status === 'open' ? (
                  <DecideButtons request={request} />
                ) : (
                  <Stack gap={2}>
                    <Badge color={statusColor[request.status]} variant="light">
                      {request.status}
                    </Badge>
                    {request.decidedBy ? (
                      <Text size="xs">
                        by {request.decidedBy}
                        {request.decisionNote ? `: ${request.decisionNote}` : ''}
                      </Text>
                    ) : null}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function DecideButtons({ request }: { request: ExceptionRequest }) {
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<LocalRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(decision: 'grant' | 'decline') {
    setBusy(true);
    try {
      const outcome = await decideExceptionRequest(request, decision, note);
      if (!outcome.ok) return setRefusal(outcome.refusal);
      setOpened(false);
      notifications.show({ message: outcome.summary, color: 'green' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="light" onClick={() => setOpened((open) => !open)}>
          Decide…
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        <Stack gap={6}>
          <Textarea
            label="Note for the TAM"
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <RefusalAlert refusal={refusal} />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" loading={busy} onClick={() => void decide('decline')}>
              Decline
            </Button>
            <Button size="compact-xs" color="green" loading={busy} onClick={() => void decide('grant')}>
              Grant
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

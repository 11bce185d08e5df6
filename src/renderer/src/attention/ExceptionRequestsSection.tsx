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
import { useNameOf } from '../team/personName';
import { formatShortInstant } from '../time/zonedFormat';
import { decideExceptionRequest } from './attentionActions';
import { useRuleWords } from '../i18n/useRuleWords';

const statusColor = { open: 'blue', granted: 'green', declined: 'gray' } as const;

export function ExceptionRequestsSection({ settings }: { settings: Settings }) {
  const now = useNow();
  const isLead = settings.role === 'lead';
  const nameOf = useNameOf(settings);
  const words = useRuleWords();
  const { t } = words;
  const loaded = useLiveQuery(async () => {
    const requests = await readExceptionRequests(settings.userId, isLead, now);
    return { requests, names: await readCustomerNames(requests.map((request) => request.customerId)) };
  }, [settings.userId, isLead, now]);
  if (!loaded || loaded.requests.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={2}>{isLead ? t('attention.exceptions.toDecide') : t('attention.exceptions.mine')}</Title>
      <Table aria-label={t('attention.exceptions.table')} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('attention.exceptions.asked')}</Table.Th>
            <Table.Th>{t('attention.exceptions.by')}</Table.Th>
            <Table.Th>{t('attention.exceptions.customer')}</Table.Th>
            <Table.Th>{t('attention.exceptions.changeAndRule')}</Table.Th>
            <Table.Th>{t('attention.exceptions.why')}</Table.Th>
            <Table.Th>{t('attention.exceptions.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loaded.requests.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatShortInstant(request.requestedAt, settings.timeZone)}
              </Table.Td>
              <Table.Td>{nameOf(request.requestedBy)}</Table.Td>
              <Table.Td>{loaded.names.get(request.customerId) ?? request.customerId}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {words.change({
                    name: request.mutation.name,
                    args: request.mutation.args,
                    summary: request.summary,
                  })}
                </Text>
                <Text size="xs">{words.headline(request.mutation.name, request.rule)}</Text>
              </Table.Td>
              <Table.Td>{request.note || '–'}</Table.Td>
              <Table.Td>
                {isLead && request.status === 'open' ? (
                  <DecideButtons request={request} />
                ) : (
                  <Stack gap={2}>
                    <Badge color={statusColor[request.status]} variant="light">
                      {t(`attention.exceptions.status.${request.status}`)}
                    </Badge>
                    {request.decidedBy ? (
                      <Text size="xs">
                        {request.decisionNote
                          ? t('attention.exceptions.decidedByWithNote', {
                              name: nameOf(request.decidedBy),
                              note: request.decisionNote,
                            })
                          : t('attention.exceptions.decidedBy', { name: nameOf(request.decidedBy) })}
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
  const words = useRuleWords();
  const { t } = words;

  async function decide(decision: 'grant' | 'decline') {
    setBusy(true);
    try {
      const outcome = await decideExceptionRequest(request, decision, note);
      if (!outcome.ok) return setRefusal(outcome.refusal);
      setOpened(false);
      notifications.show({
        message: words.change({ name: 'decideException', args: { decision }, summary: outcome.summary }),
        color: 'green',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="light" onClick={() => setOpened((open) => !open)}>
          {t('attention.exceptions.decide')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        <Stack gap={6}>
          <Textarea
            label={t('attention.exceptions.noteForTam')}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <RefusalAlert refusal={refusal} />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" loading={busy} onClick={() => void decide('decline')}>
              {t('attention.exceptions.decline')}
            </Button>
            <Button size="compact-xs" color="green" loading={busy} onClick={() => void decide('grant')}>
              {t('attention.exceptions.grant')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

// The actions on one refused change: pick another date, book as billable, ask a lead, discard.
// Each says what it will do before it does it; a refusal of the action itself shows in place.
import { Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { LocalRefusal } from '../db/localMutations';
import type { OutboxEntry } from '../db/schema';
import { RefusalAlert } from '../forms/RefusalAlert';
import {
  askLeadForException,
  bookAsBillable,
  discardRefusedChange,
  type AttentionOutcome,
} from './attentionActions';
import { useRuleWords } from '../i18n/useRuleWords';
import { canBookAsBillable } from './ruleInWords';

type Props = { entry: OutboxEntry; canPickAnotherDate: boolean; onPickAnotherDate(): void };

export function RefusedChangeActions({ entry, canPickAnotherDate, onPickAnotherDate }: Props) {
  const [refusal, setRefusal] = useState<LocalRefusal | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [note, setNote] = useState('');
  const words = useRuleWords();
  const { t } = words;

  // The toast names the change in the TAM's language; English keeps the core's summary.
  function outcomeWords(action: string, summary: string): string {
    if (action === 'discard')
      return words.language === 'en' ? summary : t('changes.discarded', { change: words.change(entry) });
    const args = action === 'billable' ? { ...(entry.args as object), acceptBillable: true } : entry.args;
    return words.change({ name: action === 'ask' ? 'askForException' : entry.name, args, summary });
  }

  async function run(action: string, work: () => Promise<AttentionOutcome>) {
    setBusy(action);
    try {
      const outcome = await work();
      if (!outcome.ok) {
        setRefusal(outcome.refusal);
        return;
      }
      setRefusal(null);
      notifications.show({ message: outcomeWords(action, outcome.summary), color: 'green', autoClose: 6000 });
    } finally {
      setBusy(null);
    }
  }

  const billable = entry.rejection !== null && canBookAsBillable(entry.name, entry.rejection);
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="wrap">
        {canPickAnotherDate ? (
          <Button size="compact-xs" variant="light" onClick={onPickAnotherDate}>
            {t('attention.actions.pickAnotherDate')}
          </Button>
        ) : null}
        {billable ? (
          <Button
            size="compact-xs"
            variant="light"
            color="orange"
            loading={busy === 'billable'}
            onClick={() => void run('billable', () => bookAsBillable(entry))}
          >
            {t('attention.actions.bookAsBillable')}
          </Button>
        ) : null}
        <Popover opened={asking} onChange={setAsking} position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <Button size="compact-xs" variant="default" onClick={() => setAsking((open) => !open)}>
              {t('attention.actions.askLead')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown maw={340}>
            <Stack gap={6}>
              <Text size="sm">{t('attention.actions.askLeadNote')}</Text>
              <Textarea
                label={t('attention.actions.why')}
                autosize
                minRows={2}
                maxRows={5}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <Group justify="flex-end" gap="xs">
                <Button size="compact-xs" variant="default" onClick={() => setAsking(false)}>
                  {t('attention.actions.notNow')}
                </Button>
                <Button
                  size="compact-xs"
                  loading={busy === 'ask'}
                  onClick={() => void run('ask', () => askLeadForException(entry, note))}
                >
                  {t('attention.actions.send')}
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
        <Popover opened={discarding} onChange={setDiscarding} position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDiscarding((o) => !o)}>
              {t('attention.actions.discard')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown maw={300}>
            <Stack gap={6}>
              <Text size="sm">{t('attention.actions.discardQuestion', { change: words.change(entry) })}</Text>
              <Group justify="flex-end" gap="xs">
                <Button size="compact-xs" variant="default" onClick={() => setDiscarding(false)}>
                  {t('attention.actions.keep')}
                </Button>
                <Button
                  size="compact-xs"
                  color="red"
                  loading={busy === 'discard'}
                  onClick={() => void run('discard', () => discardRefusedChange(entry))}
                >
                  {t('attention.actions.discardConfirm')}
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Group>
      <RefusalAlert refusal={refusal} />
    </Stack>
  );
}

// Change a customer's name, TAM, place and channels (updateCustomer). The core mutation runs live on
// the book in memory: a refusal shows next to its field before saving, and a change of place shows
// which open response deadlines move with the new zone, country or region.
import { Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { customerStatus } from '../../../core/customerStatus';
import { channelKinds, type Customer } from '../../../core/records';
import { statusOf } from '../team/customerStatusCache';
import { useNow } from '../time/clock';
import { formatShortInstant } from '../time/zonedFormat';
import { ruleColors } from '../theme';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { countryOptions, places, zoneOptions } from './places';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useMutationPreview } from './useMutationPreview';
import { useTranslation } from 'react-i18next';
import { useRuleWords } from '../i18n/useRuleWords';

const fields = ['name', 'country', 'region', 'timeZone', 'tamUserId', 'channels', 'notes'];

type Patch = Partial<Omit<Customer, 'id'>>;

export function EditCustomerForm({ book, settings, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const words = useRuleWords();
  const now = useNow();
  const current = book.customer;
  const [name, setName] = useState(current.name);
  const [country, setCountry] = useState(current.country);
  const [region, setRegion] = useState(current.region ?? '');
  const [timeZone, setTimeZone] = useState(current.timeZone);
  const [tamUserId, setTamUserId] = useState(current.tamUserId ?? '');
  const [channels, setChannels] = useState<string[]>(current.channels);
  const [notes, setNotes] = useState(current.notes);
  const change = useChangeSubmit([name, country, region, timeZone, tamUserId, channels, notes]);

  // Only what the TAM changed goes into the patch, so the activity line names just that.
  const patch = useMemo(() => {
    const next: Record<string, unknown> = {
      name,
      country,
      region: region.trim() === '' ? null : region.trim().toUpperCase(),
      timeZone,
      tamUserId: tamUserId.trim() === '' ? null : tamUserId.trim(),
      channels,
      notes,
    };
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(next)) {
      if (JSON.stringify(value) !== JSON.stringify(current[key as keyof Customer])) changed[key] = value;
    }
    return changed as Patch;
  }, [name, country, region, timeZone, tamUserId, channels, notes, current]);
  const request = { name: 'updateCustomer', version: 1, args: { id: current.id, patch } };
  const preview = useMutationPreview(book, request, settings, templates, now);
  const errorFor = (field: string) =>
    change.errorFor(field) ?? (preview.ok ? null : words.field(preview.rejection, [field]));

  // Where the customer is decides the response clocks: show the open deadlines that move.
  const placeChanged = 'country' in patch || 'region' in patch || 'timeZone' in patch;
  const movedDeadlines = useMemo(() => {
    if (!placeChanged || !preview.ok) return [];
    const before = statusOf(book, templates, now).openObjectives;
    const after = customerStatus(preview.after, templates, now).openObjectives;
    return after
      .map((objective) => ({
        objective,
        was: before.find(
          (old) =>
            old.ticketId === objective.ticketId &&
            old.kind === objective.kind &&
            old.escalationId === objective.escalationId,
        ),
      }))
      .filter(({ objective, was }) => was && was.deadline !== objective.deadline && !objective.answeredAt);
  }, [placeChanged, preview, book, templates, now]);

  function chooseCountry(value: string | null) {
    const place = places.find((candidate) => candidate.country === value);
    setCountry(value ?? '');
    if (place) {
      setRegion(place.region ?? '');
      setTimeZone(place.timeZone);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await change.submit([request], onClose);
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.editCustomer', { name: current.name })} size="lg">
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <TextInput
            label={t('forms.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errorFor('name')}
            data-autofocus
          />
          <SimpleGrid cols={3} spacing="xs">
            <Select
              label={t('forms.country')}
              data={
                countryOptions.some((option) => option.value === country)
                  ? countryOptions
                  : [...countryOptions, { value: country, label: country }]
              }
              value={country}
              onChange={chooseCountry}
              searchable
              allowDeselect={false}
              error={errorFor('country')}
            />
            <TextInput
              label={t('forms.region')}
              description={t('forms.regionNote')}
              value={region}
              onChange={(e) => setRegion(e.currentTarget.value)}
              error={errorFor('region')}
            />
            <Select
              label={t('forms.customerZone')}
              data={zoneOptions()}
              value={timeZone}
              onChange={(value) => setTimeZone(value ?? '')}
              searchable
              allowDeselect={false}
              limit={50}
              error={errorFor('timeZone')}
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.tam')}
              description={t('forms.noTam')}
              value={tamUserId}
              onChange={(e) => setTamUserId(e.currentTarget.value)}
              error={errorFor('tamUserId')}
            />
            <Checkbox.Group
              label={t('forms.channels')}
              value={channels}
              onChange={setChannels}
              error={errorFor('channels')}
            >
              <Group gap="xs" mt={6}>
                {channelKinds.map((kind) => (
                  <Checkbox key={kind} value={kind} label={t(`forms.channelKinds.${kind}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          </SimpleGrid>
          <Textarea
            label={t('forms.notes')}
            autosize
            minRows={2}
            maxRows={6}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={errorFor('notes')}
          />
          {placeChanged && preview.ok ? (
            <Stack gap={2} aria-live="polite">
              <Text size="sm" c={ruleColors.warns}>
                {t('forms.placeChanged', {
                  zone: timeZone,
                  place: region.trim() ? `${country}-${region.trim().toUpperCase()}` : country,
                })}
              </Text>
              {movedDeadlines.map(({ objective, was }) => (
                <Text
                  key={`${objective.ticketId}-${objective.kind}-${objective.escalationId ?? ''}`}
                  size="sm"
                >
                  {t('forms.movedDeadline', {
                    title: objective.title,
                    what: objective.kind === 'escalation' ? t('forms.escalation') : t('forms.firstResponse'),
                    now: formatShortInstant(objective.deadline, settings.timeZone),
                    was: was ? formatShortInstant(was.deadline, settings.timeZone) : '–',
                    zone: settings.timeZone,
                  })}
                </Text>
              ))}
            </Stack>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.saveCustomer')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

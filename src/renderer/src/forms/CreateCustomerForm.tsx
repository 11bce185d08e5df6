// New customer with a contract on a plan: two named mutations saved together or not at all.
import { Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { planTemplates } from '../../../core/plans';
import { channelKinds } from '../../../core/records';
import type { Settings } from '../db/schema';
import { useNavigation } from '../navigation/navigationStore';
import { useTeamBooks } from '../team/useTeamBooks';
import { currentInstant } from '../time/clock';
import { dateInZone } from '../time/zonedFormat';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { countryOptions, places, zoneOptions } from './places';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = [
  'customer.name',
  'customer.country',
  'customer.region',
  'customer.timeZone',
  'customer.tamUserId',
  'customer.channels',
  'contract.planId',
  'contract.startDate',
  'contract.termMonths',
];

type Props = { opened: boolean; onClose(): void; settings: Settings };

export function CreateCustomerForm({ opened, onClose, settings }: Props) {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const go = useNavigation((state) => state.go);
  const [name, setName] = useState('');
  const [country, setCountry] = useState<string>('CH');
  const [region, setRegion] = useState('SG');
  const [timeZone, setTimeZone] = useState('Europe/Zurich');
  const [tamUserId, setTamUserId] = useState(settings.userId);
  const [channels, setChannels] = useState<string[]>(['ticket', 'email', 'phone']);
  const [planId, setPlanId] = useState<string | null>('edge-mission-critical');
  // Today where the customer is, until the TAM picks a date: the allowances start counting there.
  const [pickedStart, setPickedStart] = useState<string | null | undefined>(undefined);
  const startDate =
    pickedStart === undefined ? dateInZone(currentInstant(), timeZone || settings.timeZone) : pickedStart;
  const [termMonths, setTermMonths] = useState<number | string>(12);
  const change = useChangeSubmit([
    name,
    country,
    region,
    timeZone,
    tamUserId,
    channels,
    planId,
    pickedStart,
    termMonths,
  ]);

  function chooseCountry(value: string | null) {
    const place = places.find((candidate) => candidate.country === value);
    setCountry(value ?? '');
    if (place) {
      setRegion(place.region ?? '');
      setTimeZone(place.timeZone);
    }
  }

  function close() {
    change.reset();
    onClose();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const customerId = newRecordId('cust');
    const saved = await change.submit([
      {
        name: 'createCustomer',
        version: 1,
        args: {
          customer: {
            id: customerId,
            name,
            country,
            region: region.trim() === '' ? null : region.trim().toUpperCase(),
            timeZone,
            tamUserId: tamUserId.trim() === '' ? null : tamUserId.trim(),
            channels,
          },
        },
      },
      {
        name: 'createContract',
        version: 1,
        args: {
          contract: {
            id: newRecordId('contract'),
            customerId,
            planId: planId ?? '',
            startDate: startDate ?? '',
            termMonths: typeof termMonths === 'number' ? termMonths : Number(termMonths),
          },
        },
      },
    ]);
    if (saved) {
      setName('');
      onClose();
      go({ view: 'customer', customerId, tab: 'overview' });
    }
  }

  const planOptions = (team?.templates ?? planTemplates).map((template) => ({
    value: template.id,
    label: template.name,
  }));

  return (
    <Modal opened={opened} onClose={close} title={t('forms.newCustomer')}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <TextInput
            label={t('forms.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={change.errorFor('customer.name')}
            data-autofocus
          />
          <SimpleGrid cols={3} spacing="xs">
            <Select
              label={t('forms.country')}
              data={countryOptions}
              value={country}
              onChange={chooseCountry}
              searchable
              allowDeselect={false}
              error={change.errorFor('customer.country')}
            />
            <TextInput
              label={t('forms.region')}
              description={t('forms.regionNote')}
              value={region}
              onChange={(e) => setRegion(e.currentTarget.value)}
              error={change.errorFor('customer.region')}
            />
            <Select
              label={t('forms.customerZone')}
              data={zoneOptions()}
              value={timeZone}
              onChange={(value) => setTimeZone(value ?? '')}
              searchable
              allowDeselect={false}
              limit={50}
              error={change.errorFor('customer.timeZone')}
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.tam')}
              value={tamUserId}
              onChange={(e) => setTamUserId(e.currentTarget.value)}
              error={change.errorFor('customer.tamUserId')}
            />
            <Checkbox.Group
              label={t('forms.channels')}
              value={channels}
              onChange={setChannels}
              error={change.errorFor('customer.channels')}
            >
              <Group gap="xs" mt={6}>
                {channelKinds.map((kind) => (
                  <Checkbox key={kind} value={kind} label={t(`forms.channelKinds.${kind}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          </SimpleGrid>
          <SimpleGrid cols={3} spacing="xs">
            <Select
              label={t('forms.plan')}
              data={planOptions}
              value={planId}
              onChange={setPlanId}
              allowDeselect={false}
              error={change.errorFor('contract.planId')}
            />
            <DateInput
              label={t('forms.contractStart')}
              valueFormat="YYYY-MM-DD"
              value={startDate}
              onChange={setPickedStart}
              error={change.errorFor('contract.startDate')}
            />
            <NumberInput
              label={t('forms.termMonths')}
              min={1}
              max={120}
              value={termMonths}
              onChange={setTermMonths}
              error={change.errorFor('contract.termMonths')}
            />
          </SimpleGrid>
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.createCustomer')} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

// Change a customer's contract (updateContract): plan, start, term, per-customer overrides and
// add-ons. The core mutation runs live on the book in memory, so the minimum term of reserved
// capacity or an add-on the plan does not take is refused next to its field before saving, and the
// form shows what the change does to this contract year's allowances and to the renewal date.
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMemo, useState, type FormEvent } from 'react';
import { customerStatus } from '../../../core/customerStatus';
import { ledgerKinds } from '../../../core/ledger';
import {
  addOnKinds,
  allowanceKinds,
  clockIds,
  findPlanTemplate,
  type AddOn,
  type AddOnKind,
  type ClockId,
} from '../../../core/plans';
import { usePlanWords } from '../i18n/usePlanWords';
import { statusOf } from '../team/customerStatusCache';
import { ruleColors } from '../theme';
import { useNow } from '../time/clock';
import { formatDate } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { fieldMessage, useChangeSubmit } from './useChangeSubmit';
import { useMutationPreview } from './useMutationPreview';
import { useTranslation } from 'react-i18next';
import { useRuleWords } from '../i18n/useRuleWords';

const fields = ['planId', 'startDate', 'termMonths', 'overrides', 'addOns'];

const includedKinds = [...allowanceKinds, 'tamHoursPerWeek'] as const;
type IncludedKind = (typeof includedKinds)[number];

function numberOrNull(value: number | string): number | null {
  if (value === '' || value === null) return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

export function EditContractForm({ book, settings, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const words = useRuleWords();
  const { kindLabel, addOnLabel } = usePlanWords();
  const includedLabel = (kind: IncludedKind) =>
    kind === 'tamHoursPerWeek' ? addOnLabel(kind) : kindLabel(kind);
  const now = useNow();
  const contract = book.contract;
  const [planId, setPlanId] = useState<string | null>(contract?.planId ?? null);
  const [startDate, setStartDate] = useState<string | null>(contract?.startDate ?? null);
  const [termMonths, setTermMonths] = useState<number | string>(contract?.termMonths ?? 12);
  const [included, setIncluded] = useState<Partial<Record<IncludedKind, number | string>>>(
    () => contract?.overrides.included ?? {},
  );
  const [supportHours, setSupportHours] = useState<string | null>(contract?.overrides.supportHours ?? null);
  const [addOns, setAddOns] = useState<AddOn[]>(contract?.addOns ?? []);
  const change = useChangeSubmit([planId, startDate, termMonths, included, supportHours, addOns]);
  const template = planId ? findPlanTemplate(planId, templates) : undefined;

  const patch = useMemo(() => {
    const overrideIncluded: Partial<Record<IncludedKind, number>> = {};
    for (const kind of includedKinds) {
      const value = numberOrNull(included[kind] ?? '');
      if (value !== null) overrideIncluded[kind] = value;
    }
    const overrides = {
      ...(contract?.overrides ?? {}),
      included: Object.keys(overrideIncluded).length > 0 ? overrideIncluded : undefined,
      supportHours: (supportHours as ClockId | null) ?? undefined,
    };
    const next = {
      planId: planId ?? '',
      startDate: startDate ?? '',
      termMonths: numberOrNull(termMonths) ?? Number.NaN,
      overrides: JSON.parse(JSON.stringify(overrides)) as typeof overrides,
      addOns,
    };
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(next)) {
      const was = contract ? contract[key as keyof typeof contract] : undefined;
      if (JSON.stringify(value) !== JSON.stringify(was)) changed[key] = value;
    }
    return changed;
  }, [planId, startDate, termMonths, included, supportHours, addOns, contract]);
  const request = { name: 'updateContract', version: 1, args: { customerId: book.customer.id, patch } };
  const preview = useMutationPreview(book, request, settings, templates, now);
  const errorFor = (field: string) =>
    change.errorFor(field) ?? (preview.ok ? null : words.field(preview.rejection, [field]));

  // What the change does to the contract year holding today, and to the renewal.
  const before = statusOf(book, templates, now);
  const after = useMemo(
    () =>
      preview.ok && Object.keys(patch).length > 0 ? customerStatus(preview.after, templates, now) : null,
    [preview, patch, templates, now],
  );
  const yearIndex = after?.contractYear?.index ?? before.contractYear?.index ?? null;
  const yearBefore = before.ledger.years.find((year) => year.contractYear.index === yearIndex);
  const yearAfter = after?.ledger.years.find((year) => year.contractYear.index === yearIndex);

  // Add-ons the plan takes: what it sells, plus DDoS protection and Slack where the plan offers them.
  const addOnOptions = addOnKinds
    .filter((kind) => {
      if (!template) return true;
      if (kind === 'ddosProtection') return template.securityResponseTeam !== 'no';
      if (kind === 'slackChannel') return template.slackChannel === 'addon';
      return (template.purchasable as readonly string[]).includes(kind);
    })
    .map((kind) => ({ value: kind, label: addOnLabel(kind) }));
  const yearOptions = [
    { value: 'all', label: t('forms.contract.everyYear') },
    ...Array.from({ length: Math.max(1, Math.ceil((numberOrNull(termMonths) ?? 12) / 12)) }, (_, i) => ({
      value: String(i + 1),
      label: t('forms.contract.year', { year: i + 1 }),
    })),
  ];

  function updateAddOn(index: number, changes: Partial<AddOn>) {
    setAddOns((list) => list.map((addOn, i) => (i === index ? { ...addOn, ...changes } : addOn)));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await change.submit([request], onClose);
  }

  if (!contract)
    return (
      <Modal opened onClose={onClose} title={t('forms.contract.title', { customer: book.customer.name })}>
        <Text size="sm">{t('forms.contract.noContract')}</Text>
      </Modal>
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('forms.contract.title', { customer: book.customer.name })}
      size="xl"
    >
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={4} spacing="xs">
            <Select
              label={t('forms.plan')}
              data={templates.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
              value={planId}
              onChange={setPlanId}
              allowDeselect={false}
              error={errorFor('planId')}
              data-autofocus
            />
            <DateInput
              label={t('forms.contractStart')}
              valueFormat="YYYY-MM-DD"
              value={startDate}
              onChange={setStartDate}
              error={errorFor('startDate')}
            />
            <NumberInput
              label={t('forms.termMonths')}
              min={1}
              max={120}
              value={termMonths}
              onChange={setTermMonths}
              error={errorFor('termMonths')}
            />
            <Select
              label={t('forms.contract.supportHours')}
              placeholder={
                template
                  ? t('forms.contract.planValue', { value: t(`plan.clocks.${template.supportHours}`) })
                  : t('forms.contract.asPlan')
              }
              data={clockIds.map((clock) => ({ value: clock, label: t(`plan.clocks.${clock}`) }))}
              value={supportHours}
              onChange={setSupportHours}
              clearable
              error={errorFor('supportHours')}
            />
          </SimpleGrid>
          <Title order={3}>{t('forms.contract.included')}</Title>
          <SimpleGrid cols={3} spacing="xs">
            {includedKinds.map((kind) => (
              <NumberInput
                key={kind}
                label={includedLabel(kind)}
                placeholder={
                  template ? t('forms.contract.planValue', { value: template.included[kind] }) : ''
                }
                min={0}
                decimalScale={kind === 'tamHoursPerWeek' ? 2 : 0}
                value={included[kind] ?? ''}
                onChange={(value) => setIncluded((current) => ({ ...current, [kind]: value }))}
                error={errorFor(`overrides.included.${kind}`)}
              />
            ))}
          </SimpleGrid>
          <Group justify="space-between">
            <Title order={3}>{t('forms.contract.addOns')}</Title>
            <Button
              size="xs"
              variant="default"
              disabled={addOnOptions.length === 0}
              onClick={() =>
                setAddOns((list) => [
                  ...list,
                  {
                    id: newRecordId('addon'),
                    kind: (addOnOptions[0]?.value ?? 'goLiveEvents') as AddOnKind,
                    quantity: 1,
                    contractYear: null,
                  },
                ])
              }
            >
              {t('forms.contract.addAddOn')}
            </Button>
          </Group>
          {addOns.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('forms.contract.noAddOns')}
            </Text>
          ) : (
            addOns.map((addOn, index) => (
              <Group key={addOn.id} gap="xs" align="flex-end" wrap="nowrap">
                <Select
                  label={t('forms.contract.addOn')}
                  data={
                    addOnOptions.some((option) => option.value === addOn.kind)
                      ? addOnOptions
                      : [...addOnOptions, { value: addOn.kind, label: addOnLabel(addOn.kind) }]
                  }
                  value={addOn.kind}
                  onChange={(value) => value && updateAddOn(index, { kind: value as AddOnKind })}
                  allowDeselect={false}
                  style={{ flex: 2 }}
                />
                <NumberInput
                  label={t('forms.contract.quantity')}
                  min={0}
                  value={addOn.quantity}
                  onChange={(value) => updateAddOn(index, { quantity: numberOrNull(value) ?? 0 })}
                  style={{ flex: 1 }}
                />
                <Select
                  label={t('forms.contract.for')}
                  data={yearOptions}
                  value={addOn.contractYear === null ? 'all' : String(addOn.contractYear)}
                  onChange={(value) =>
                    updateAddOn(index, { contractYear: !value || value === 'all' ? null : Number(value) })
                  }
                  allowDeselect={false}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('forms.contract.remove', { addOn: addOnLabel(addOn.kind) })}
                  onClick={() => setAddOns((list) => list.filter((_, i) => i !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))
          )}
          {errorFor('addOns') ? (
            <Text size="sm" c={ruleColors.refused} role="alert">
              {errorFor('addOns')}
            </Text>
          ) : null}
          {after && yearBefore && yearAfter ? (
            <Stack gap={2} aria-live="polite">
              <Text size="sm" fw={600}>
                {t('forms.contract.after', {
                  year: yearIndex,
                  from: formatDate(yearAfter.contractYear.from),
                  to: formatDate(yearAfter.contractYear.to),
                })}
              </Text>
              <Table withRowBorders={false} verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('forms.contract.allowance')}</Table.Th>
                    <Table.Th ta="right">{t('forms.contract.available')}</Table.Th>
                    <Table.Th ta="right">{t('forms.contract.used')}</Table.Th>
                    <Table.Th ta="right">{t('forms.contract.left')}</Table.Th>
                    <Table.Th ta="right">{t('forms.contract.billable')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ledgerKinds.map((kind) => {
                    const was = yearBefore.lines[kind];
                    const line = yearAfter.lines[kind];
                    const changed = was.available !== line.available || was.overage !== line.overage;
                    return (
                      <Table.Tr key={kind} fw={changed ? 600 : undefined}>
                        <Table.Td>{kindLabel(kind)}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {was.available !== line.available ? `${was.available} → ` : ''}
                          {line.available}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.used}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.remaining}
                        </Table.Td>
                        <Table.Td
                          ta="right"
                          className="tabular"
                          c={line.overage > was.overage ? ruleColors.warns : undefined}
                        >
                          {was.overage !== line.overage ? `${was.overage} → ` : ''}
                          {line.overage}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Text size="sm">
                {after.renewalDate !== before.renewalDate
                  ? t('forms.contract.renewal', {
                      before: before.renewalDate ? formatDate(before.renewalDate) : '–',
                      after: after.renewalDate ? formatDate(after.renewalDate) : '–',
                    })
                  : t('forms.contract.renewalSame', {
                      date: before.renewalDate ? formatDate(before.renewalDate) : '–',
                    })}
                {after.ledger.outsideTerm.length > before.ledger.outsideTerm.length ? (
                  <Text span c={ruleColors.warns} size="sm">
                    {t('forms.contract.outside', {
                      count: after.ledger.outsideTerm.length - before.ledger.outsideTerm.length,
                    })}
                  </Text>
                ) : null}
              </Text>
            </Stack>
          ) : null}
          <RefusalAlert
            refusal={change.generalRefusal(fields) ?? (preview.ok ? null : generalOnly(preview.rejection))}
          />
          <FormButtons saving={change.saving} submitLabel={t('forms.contract.save')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A live refusal that names none of the form's fields, shown above the buttons. */
function generalOnly(rejection: { code: string; message: string; field?: string }) {
  if (rejection.field && fieldMessage(rejection, [...fields, 'supportHours'])) return null;
  return rejection;
}

// The team's plan templates: what each plan includes per contract year. A team lead edits the
// included figures (savePlanTemplate); everyone else reads them.
import { Button, Card, NumberInput, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Allowances, PlanTemplate } from '../../../core/plans';
import type { Settings } from '../db/schema';
import { RefusalAlert } from '../forms/RefusalAlert';
import { useChangeSubmit } from '../forms/useChangeSubmit';
import { useTeamBooks } from '../team/useTeamBooks';

const figures: readonly (keyof Allowances)[] = [
  'goLiveEvents',
  'bestPracticesReviews',
  'trainingDays',
  'customConfigurationSites',
  'tamHoursPerWeek',
];

function TemplateRow({ template, editable }: { template: PlanTemplate; editable: boolean }) {
  const { t } = useTranslation();
  const [included, setIncluded] = useState<Allowances>(template.included);
  const change = useChangeSubmit([included]);
  const changed = figures.some((key) => included[key] !== template.included[key]);
  return (
    <>
      <Table.Tr>
        <Table.Td>{template.name}</Table.Td>
        {figures.map((key) => (
          <Table.Td key={key} ta="right" className="tabular">
            {editable ? (
              <NumberInput
                aria-label={`${template.name}: ${t(`settings.templates.${key}`)}`}
                min={0}
                w={72}
                value={included[key]}
                onChange={(value) =>
                  setIncluded({ ...included, [key]: typeof value === 'number' ? value : 0 })
                }
              />
            ) : (
              template.included[key]
            )}
          </Table.Td>
        ))}
        {editable ? (
          <Table.Td>
            <Button
              size="compact-xs"
              disabled={!changed}
              loading={change.saving}
              onClick={() =>
                void change.submit([
                  { name: 'savePlanTemplate', version: 1, args: { template: { ...template, included } } },
                ])
              }
            >
              {t('settings.templates.save')}
            </Button>
          </Table.Td>
        ) : null}
      </Table.Tr>
      {change.refusal ? (
        <Table.Tr>
          <Table.Td colSpan={figures.length + 2}>
            <RefusalAlert refusal={change.refusal} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

export function PlanTemplatesCard({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const editable = settings.role === 'lead';
  return (
    <Card withBorder p="sm">
      <Title order={2}>{t('settings.templates.title')}</Title>
      <Text size="xs" c="dimmed" mb={4}>
        {t('settings.templates.note')}{' '}
        {editable ? t('settings.templates.leadCan') : t('settings.templates.othersCannot')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.templates.plan')}</Table.Th>
            {figures.map((key) => (
              <Table.Th key={key} ta="right">
                {t(`settings.templates.${key}`)}
              </Table.Th>
            ))}
            {editable ? <Table.Th aria-label={t('settings.templates.save')} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(team?.templates ?? []).map((template) => (
            <TemplateRow key={template.id} template={template} editable={editable} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

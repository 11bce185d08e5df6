// Request a Best Practices Review for a named website or application and one objective.
import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { reviewObjectives } from '../../../core/records';
import { useNow } from '../time/clock';
import { dateInZone } from '../time/zonedFormat';
import { AllowanceNote } from './AllowanceNote';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useAllowanceCheck } from './useAllowanceCheck';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['target', 'objective', 'projectId', 'acceptBillable'];

export function RequestReviewForm({ book, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const now = useNow();
  const [target, setTarget] = useState('');
  const [objective, setObjective] = useState<string | null>('performance');
  const [projectId, setProjectId] = useState<string | null>(null);
  const [acceptBillable, setAcceptBillable] = useState(false);
  const change = useChangeSubmit([target, objective, projectId, acceptBillable]);
  const today = dateInZone(now, book.customer.timeZone);
  const feedback = useAllowanceCheck(book, 'bestPracticesReviews', today, acceptBillable, templates, now);
  const offerBillable =
    acceptBillable || feedback?.state === 'billable-needed' || change.refusal?.field === 'acceptBillable';

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'requestBestPracticesReview',
          version: 1,
          args: {
            id: newRecordId('review'),
            customerId: book.customer.id,
            projectId,
            target,
            objective: objective ?? '',
            acceptBillable,
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.reviewTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.target')}
              placeholder="shop.example.com"
              required
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value)}
              error={change.errorFor('target')}
              data-autofocus
            />
            <Select
              label={t('forms.objective')}
              data={reviewObjectives.map((value) => ({ value, label: t(`forms.objectives.${value}`) }))}
              value={objective}
              onChange={setObjective}
              allowDeselect={false}
              error={change.errorFor('objective')}
            />
            <Select
              label={t('forms.project')}
              placeholder={t('forms.wholeAccount')}
              data={book.projects.map((p) => ({ value: p.id, label: p.name }))}
              value={projectId}
              onChange={setProjectId}
              clearable
              error={change.errorFor('projectId')}
            />
          </SimpleGrid>
          <AllowanceNote feedback={feedback} unit={t('forms.unitWords.reviews')} />
          {offerBillable ? (
            <Checkbox
              label={t('forms.requestBillable')}
              checked={acceptBillable}
              onChange={(e) => setAcceptBillable(e.currentTarget.checked)}
              error={change.errorFor('acceptBillable')}
            />
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.requestReview')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

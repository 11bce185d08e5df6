// Import of customers, contracts and contacts from CSV: pick a file, see what each row will do and
// every row's problems, confirm. Nothing is written while any row has a problem; confirmed, the
// whole file goes through applyLocalMutations as ONE batch, saved all or none.
import { Alert, Badge, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useRuleWords } from '../i18n/useRuleWords';
import { planImport, type ImportPlan } from '../../../core/csvImport';
import type { Settings } from '../db/schema';
import { applyLocalMutations } from '../db/localMutations';
import type { TeamBooks } from '../db/teamBooks';
import { currentInstant } from '../time/clock';
import { parseCsv } from './csvText';

type Props = { opened: boolean; onClose: () => void; team: TeamBooks | null; settings: Settings };

type Preview = { fileName: string; plan: ImportPlan; problems: { row: number; message: string }[] };

const actionColors = { create: 'green', update: 'blue', unchanged: 'gray' } as const;

async function previewOf(file: File, team: TeamBooks, settings: Settings): Promise<Preview> {
  const parsed = parseCsv(await file.text());
  const now = currentInstant();
  const plan = planImport(parsed.columns, parsed.rows, team.books, {
    now,
    clientTime: now,
    actor: { userId: settings.userId, role: settings.role },
    templates: team.templates,
  });
  return { fileName: file.name, plan, problems: parsed.problems };
}

export function ImportCustomersModal({ opened, onClose, team, settings }: Props) {
  const words = useRuleWords();
  const { t } = words;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const close = () => {
    setFile(null);
    setPreview(null);
    setRefusal(null);
    onClose();
  };
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setRefusal(null);
    if (chosen && team) setPreview(await previewOf(chosen, team, settings));
  };
  const errors = preview ? preview.plan.errors.length + preview.problems.length : 0;
  const writes = preview?.plan.requests.length ?? 0;
  const confirm = async () => {
    if (!preview || errors > 0 || writes === 0) return;
    setSaving(true);
    const result = await applyLocalMutations(preview.plan.requests);
    setSaving(false);
    if (!result.ok) {
      setRefusal(t('import.nothingImported', { reason: words.sentence(result.rejection) }));
      return;
    }
    notifications.show({
      title: t('import.saved'),
      message: t('import.savedMessage', { count: writes, file: preview.fileName }),
    });
    close();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('import.title')} size="xl">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('import.intro')}
        </Text>
        <FileInput
          label={t('import.file')}
          placeholder={t('import.choose')}
          accept=".csv,text/csv"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          clearable
          clearButtonProps={{ 'aria-label': t('import.clear') }}
          disabled={!team}
        />
        {preview && errors > 0 ? (
          <Alert color="red" title={t('import.problems', { count: errors })} p="xs">
            <Table fz="xs" verticalSpacing={1} aria-label={t('import.rowProblems')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('import.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.problems.map((problem, index) => (
                  <Table.Tr key={`file-${index}`}>
                    <Table.Td>{problem.row}</Table.Td>
                    <Table.Td>—</Table.Td>
                    <Table.Td>{problem.message}</Table.Td>
                  </Table.Tr>
                ))}
                {preview.plan.errors.map((error, index) => (
                  <Table.Tr key={`row-${index}`}>
                    <Table.Td>{error.row}</Table.Td>
                    <Table.Td>{error.column ?? '—'}</Table.Td>
                    <Table.Td>{error.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Alert>
        ) : null}
        {preview && preview.plan.actions.length > 0 ? (
          <ScrollArea.Autosize mah={320}>
            {errors > 0 ? (
              <Text size="xs" mb={4}>
                {t('import.onceFixed')}
              </Text>
            ) : null}
            <Table striped fz="xs" verticalSpacing={1} aria-label={t('import.preview')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.record')}</Table.Th>
                  <Table.Th>{t('import.action')}</Table.Th>
                  <Table.Th>{t('import.customer')}</Table.Th>
                  <Table.Th>{t('import.what')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.plan.actions.map((action) => (
                  <Table.Tr key={`${action.row}`}>
                    <Table.Td>{action.row}</Table.Td>
                    <Table.Td>{t(`import.records.${action.record}`)}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" variant="light" color={actionColors[action.action]}>
                        {t(`import.actions.${action.action}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{action.customerId}</Table.Td>
                    <Table.Td>
                      {action.changes.length > 0
                        ? t('import.changesFields', { what: action.label, fields: action.changes.join(', ') })
                        : action.label}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        ) : null}
        {refusal ? (
          <Alert color="red" p="xs">
            {refusal}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Text size="xs">{preview && errors === 0 ? t('import.toSave', { count: writes }) : ''}</Text>
          <Group gap="xs">
            <Button variant="default" onClick={close}>
              {t('import.cancel')}
            </Button>
            <Button
              onClick={() => void confirm()}
              disabled={!preview || errors > 0 || writes === 0}
              loading={saving}
            >
              {writes > 0 ? t('import.confirm', { count: writes }) : t('import.confirmNone')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

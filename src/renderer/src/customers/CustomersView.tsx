// Customers: the team's book as a dense grid with search, filters and a choice of columns.
import {
  Button,
  Checkbox,
  Group,
  Loader,
  Menu,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { planTemplates } from '../../../core/plans';
import { useGridSnapshot } from '../team/viewSnapshot';
import { formatShortInstant } from '../time/zonedFormat';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../db/schema';
import { useStatusOf } from '../team/useStatusOf';
import { useTeamBooks } from '../team/useTeamBooks';
import { useNow } from '../time/clock';
import { columnIds } from './customerColumns';
import { CustomerGrid } from './CustomerGrid';
import { laterModules } from '../navigation/laterModules';
import { useNameOf } from '../team/personName';
import { customerRow } from './customerRows';
import { useCustomersStore, type FlagFilter } from './customersStore';

// The form loads the write path (every core mutation): only when the TAM opens it.
// Export and import carry the CSV import's core checks (every mutation): loaded after the grid.
const CustomersExportMenu = lazy(async () => ({
  default: (await laterModules.customersExportMenu()).CustomersExportMenu,
}));
const CreateCustomerForm = lazy(async () => ({
  default: (await laterModules.createCustomerForm()).CreateCustomerForm,
}));

const flagFilters: readonly FlagFilter[] = [
  'all',
  'flagged',
  'cadence',
  'objectives',
  'credits',
  'allowance',
];

export function CustomersView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const statusOf = useStatusOf();
  const snapshot = useGridSnapshot(settings);
  const now = useNow();
  const store = useCustomersStore();
  const [creating, setCreating] = useState(false);
  const templates = team?.templates;
  // Live rows once the books are in memory; until then the last computed ones, if still valid.
  const rows = useMemo(
    () =>
      team && templates && statusOf
        ? team.books.map((book) => customerRow(book, templates, statusOf))
        : (snapshot?.rows ?? null),
    [team, templates, statusOf, snapshot],
  );
  const flagOptions = flagFilters.map((value) => ({ value, label: t(`customers.filters.${value}`) }));
  const nameOf = useNameOf(settings);
  const context = useMemo(() => ({ now, nameOf }), [now, nameOf]);
  const planOptions = useMemo(
    () => (templates ?? planTemplates).map((template) => ({ value: template.id, label: template.name })),
    [templates],
  );

  return (
    <Stack gap="xs" h="100%">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Title order={1}>{t('nav.customers')}</Title>
        <Group gap="xs">
          <Suspense fallback={null}>
            <CustomersExportMenu team={team} settings={settings} />
          </Suspense>
          <Button onClick={() => setCreating(true)}>{t('customers.new')}</Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          aria-label={t('customers.search')}
          placeholder={t('customers.searchPlaceholder')}
          value={store.search}
          onChange={(event) => store.setSearch(event.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label={t('customers.filterPlan')}
          placeholder={t('customers.anyPlan')}
          data={planOptions}
          value={store.planId}
          onChange={store.setPlanId}
          clearable
          w={200}
        />
        <Select
          aria-label={t('customers.filterFlag')}
          data={flagOptions}
          value={store.flag}
          onChange={(value) => store.setFlag((value as FlagFilter | null) ?? 'all')}
          allowDeselect={false}
          w={200}
        />
        <Switch
          label={t('customers.mineOnly')}
          checked={store.mineOnly}
          onChange={(event) => store.setMineOnly(event.currentTarget.checked)}
          size="xs"
          mb={6}
        />
        <Menu closeOnItemClick={false} position="bottom-end">
          <Menu.Target>
            <Button variant="default">{t('customers.columnsMenu')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {columnIds
              .filter((id) => id !== 'name')
              .map((id) => (
                <Menu.Item key={id} component="div">
                  <Checkbox
                    label={t(`customers.columns.${id}`)}
                    checked={!store.hiddenColumns[id]}
                    onChange={(event) => store.toggleColumn(id, event.currentTarget.checked)}
                  />
                </Menu.Item>
              ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {!team ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="xs" c="dimmed">
            {snapshot
              ? t('customers.asOf', { time: formatShortInstant(snapshot.computedAt, settings.timeZone) })
              : t('customers.reading')}
          </Text>
        </Group>
      ) : null}
      {rows ? <CustomerGrid rows={rows} context={context} meId={settings.userId} /> : null}
      {creating ? (
        <Suspense fallback={null}>
          <CreateCustomerForm opened onClose={() => setCreating(false)} settings={settings} />
        </Suspense>
      ) : null}
    </Stack>
  );
}

// The command palette (Ctrl/Cmd+K): open a customer by name, book or reserve Go Live, schedule a review
// series or log a ticket for a customer chosen by name, and go to any view — all from the keyboard.
import { Kbd, Text } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findPlanTemplate } from '../../../core/plans';
import type { MenuCommand } from '../../../preload/api';
import { menuShortcut } from '../../../preload/shortcuts';
import { useNavigation } from '../navigation/navigationStore';
import { useTeamBooks } from '../team/useTeamBooks';
import { openCustomerWithForm, runConsoleCommand } from './consoleCommands';
import { customerIndex, findCustomers } from './customerSearch';
import { usePaletteStore, type CustomerAction } from './paletteStore';
import { acceleratorLabel } from './shortcutKeys';
import { isMacPlatform } from './useShortcutKeys';

const [paletteStore, paletteSpotlight] = createSpotlight();

const CUSTOMERS_SHOWN = 7;
const LIST_ID = 'console-palette-actions';

/**
 * Marks the first action as the one Enter runs. Mantine selects the first action a microtask after
 * each keystroke, which can land before the deferred list has rendered, on a row about to vanish:
 * Enter then ran nothing. This runs after the list is on screen, and again on Enter if nothing is marked.
 */
function selectFirstAction(): void {
  const list = document.getElementById(LIST_ID);
  if (!list) return;
  for (const marked of list.querySelectorAll('[data-selected]')) marked.removeAttribute('data-selected');
  list.querySelector('[data-action]')?.setAttribute('data-selected', 'true');
  paletteStore.updateState((state) => ({ ...state, selected: 0 }));
}

const customerCommands: { command: MenuCommand; action: CustomerAction }[] = [
  { command: 'goLive:book', action: 'bookGoLive' },
  { command: 'goLive:reserve', action: 'reserveGoLive' },
  { command: 'review:schedule', action: 'scheduleReviewSeries' },
  { command: 'ticket:log', action: 'logTicket' },
];
const actionCommand: Record<CustomerAction, MenuCommand> = {
  bookGoLive: 'goLive:book',
  reserveGoLive: 'goLive:reserve',
  scheduleReviewSeries: 'review:schedule',
  logTicket: 'ticket:log',
};
const goToCommands: MenuCommand[] = [
  'view:today',
  'view:customers',
  'view:schedule',
  'view:settings',
  'help:shortcuts',
];

export function CommandPalette() {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const { opened, mode, closePalette, openPalette } = usePaletteStore();
  const [query, setQuery] = useState('');
  // No deferred value: a search takes ~0.1 ms on 5,000 customers (bench/paletteBench.ts), and a list a
  // beat behind the text would let Enter run a row the query no longer shows.
  const isMac = useMemo(isMacPlatform, []);

  useEffect(() => {
    if (opened) paletteSpotlight.open();
    else paletteSpotlight.close();
  }, [opened]);
  useEffect(() => setQuery(''), [mode]);

  // Built when the palette opens, not on every write to the books while it is closed.
  const index = useMemo(() => (opened && team ? customerIndex(team.books) : []), [opened, team]);
  const picking = mode.kind === 'pickCustomer';
  const matches = useMemo(
    () =>
      picking || query.trim() !== '' ? findCustomers(index, query, CUSTOMERS_SHOWN) : { shown: [], total: 0 },
    [index, query, picking],
  );
  const needle = query.trim().toLowerCase();
  const labelOf = (command: MenuCommand) => t(`commands.${command}`);
  const fits = (label: string) => needle === '' || label.toLowerCase().includes(needle);
  const keysOf = (command: MenuCommand) => (
    <Kbd size="xs">{acceleratorLabel(menuShortcut(command).accelerator, isMac)}</Kbd>
  );

  const chooseCustomer = (customerId: string) => {
    closePalette();
    if (mode.kind === 'pickCustomer') openCustomerWithForm(customerId, mode.action);
    else useNavigation.getState().go({ view: 'customer', customerId, tab: 'overview' });
  };

  const customerItems = matches.shown.map((entry) => {
    const planId = entry.book.contract?.planId;
    const plan = planId ? (findPlanTemplate(planId, team?.templates ?? [])?.name ?? planId) : '—';
    return (
      <Spotlight.Action
        key={entry.id}
        label={entry.name}
        description={t('palette.customerDescription', { plan, zone: entry.book.customer.timeZone })}
        onClick={() => chooseCustomer(entry.id)}
        closeSpotlightOnTrigger={false}
      />
    );
  });
  const hidden = matches.total - matches.shown.length;
  const listKey = `${mode.kind}|${needle}|${matches.shown.map((entry) => entry.id).join(',')}`;
  // After the list for a new query is committed: its first row is the one Enter runs.
  useEffect(() => {
    if (opened) selectFirstAction();
  }, [opened, listKey]);
  const actionItems = picking
    ? []
    : customerCommands
        .filter(({ command }) => fits(labelOf(command)))
        .map(({ command, action }) => (
          <Spotlight.Action
            key={command}
            label={t('palette.forCustomer', { action: labelOf(command) })}
            rightSection={keysOf(command)}
            closeSpotlightOnTrigger={false}
            onClick={() => {
              if (useNavigation.getState().route.view === 'customer') runConsoleCommand(command);
              else openPalette({ kind: 'pickCustomer', action });
            }}
          />
        ));
  const goToItems = picking
    ? []
    : goToCommands
        .filter((command) => fits(labelOf(command)))
        .map((command) => (
          <Spotlight.Action
            key={command}
            label={labelOf(command)}
            rightSection={keysOf(command)}
            closeSpotlightOnTrigger={false}
            onClick={() => {
              closePalette();
              runConsoleCommand(command);
            }}
          />
        ));
  const nothing = customerItems.length + actionItems.length + goToItems.length === 0;
  const pickingLabel = picking ? labelOf(actionCommand[mode.action]) : '';

  return (
    <Spotlight.Root
      store={paletteStore}
      shortcut={null}
      query={query}
      onQueryChange={setQuery}
      onSpotlightClose={closePalette}
      scrollable
      // Mantine's dimmed description fades further on the selected row; keep it readable (WCAG AA).
      styles={{ actionDescription: { opacity: 1 } }}
      maxHeight={420}
      attributes={{ content: { 'aria-label': t('palette.label') } }}
    >
      <Spotlight.Search
        aria-label={picking ? t('palette.pickLabel') : t('palette.search')}
        placeholder={
          picking ? t('palette.pickPlaceholder', { action: pickingLabel }) : t('palette.placeholder')
        }
        data-autofocus
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          if (!document.querySelector(`#${LIST_ID} [data-selected]`)) selectFirstAction();
        }}
      />
      <Spotlight.ActionsList id={LIST_ID}>
        {customerItems.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.customers')}>{customerItems}</Spotlight.ActionsGroup>
        ) : null}
        {actionItems.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.actions')}>{actionItems}</Spotlight.ActionsGroup>
        ) : null}
        {goToItems.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.navigation')}>{goToItems}</Spotlight.ActionsGroup>
        ) : null}
        {nothing ? (
          <Spotlight.Empty>
            {!team
              ? t('palette.loading')
              : picking
                ? t('palette.noCustomers', { query })
                : t('palette.nothingFound', { query })}
          </Spotlight.Empty>
        ) : null}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Text size="xs" c="dimmed">
          {hidden > 0 ? `${t('palette.more', { count: hidden })} · ` : ''}
          {t('palette.footer')}
        </Text>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}

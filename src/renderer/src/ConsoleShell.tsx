// The console's frame: header with the sync slot, the left nav (Today, Customers, Schedule,
// Settings), the view of the current route, the command palette and the shortcut help sheet.
// First start comes before all of it.
import { AppShell, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { Component, lazy, Suspense, useEffect, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AttentionBadge } from './attention/AttentionBadge';
import { MergeNotices } from './attention/MergeNotices';
import { CustomersView } from './customers/CustomersView';
import type { Settings } from './db/schema';
import { i18next } from './i18n/i18n';
import { laterModules } from './navigation/laterModules';
import { CommandPalette } from './keyboard/CommandPalette';
import { usePaletteStore } from './keyboard/paletteStore';
import { acceleratorLabel } from './keyboard/shortcutKeys';
import { isMacPlatform } from './keyboard/useShortcutKeys';
import { menuShortcut } from '../../preload/shortcuts';
import { usePendingCustomerForm } from './keyboard/consoleCommands';
import { ShortcutsHelp } from './keyboard/ShortcutsHelp';
import { useShortcutKeys } from './keyboard/useShortcutKeys';
import { useNavigation, type Route } from './navigation/navigationStore';
import { useDeadlineNotifications } from './notifications/useDeadlineNotifications';
import { markPainted } from './platform/performanceMarks';
import { useMenuCommands } from './platform/useMenuCommands';
import { useIdentity } from './team/useSettings';
import { TodayView } from './today/TodayView';
import { useTeamBooks } from './team/useTeamBooks';
import { useViewSnapshotWriter } from './team/viewSnapshot';
import { useNow } from './time/clock';
import { ruleColors } from './theme';

// The views the console does not open on load only when first shown: the first paint parses less.
const FirstStartView = lazy(async () => ({
  default: (await laterModules.firstStart()).FirstStartView,
}));
const CustomerDetailView = lazy(async () => ({
  default: (await laterModules.customerDetail()).CustomerDetailView,
}));
const ScheduleView = lazy(async () => ({ default: (await laterModules.schedule()).ScheduleView }));
const SettingsView = lazy(async () => ({ default: (await laterModules.settings()).SettingsView }));
// The sync client carries every core mutation (it rebases the outbox): it starts once the shell is up.
const SyncStatus = lazy(async () => ({ default: (await laterModules.syncStatus()).SyncStatus }));
const AttentionView = lazy(async () => ({
  default: (await laterModules.attention()).AttentionView,
}));
const ActivityView = lazy(async () => ({ default: (await laterModules.activity()).ActivityView }));
const StatementView = lazy(async () => ({
  default: (await laterModules.statement()).StatementView,
}));

function Opening({ what }: { what: string }) {
  return (
    <Center h="100%">
      <Loader size="sm" aria-label={what} />
    </Center>
  );
}

const navItems = [
  { view: 'today', route: { view: 'today' } },
  { view: 'customers', route: { view: 'customers' } },
  { view: 'schedule', route: { view: 'schedule' } },
  { view: 'attention', route: { view: 'attention' } },
  { view: 'activity', route: { view: 'activity' } },
  { view: 'settings', route: { view: 'settings' } },
] as const satisfies readonly { view: Route['view']; route: Route }[];

export function ConsoleShell() {
  const { t } = useTranslation();
  const identity = useIdentity();
  if (identity.state === 'loading') return <Opening what={t('shell.openingBook')} />;
  if (identity.state === 'first-start')
    return (
      <Suspense fallback={<Opening what={t('shell.openingBook')} />}>
        <FirstStartView />
      </Suspense>
    );
  return <ConsoleFrame settings={identity.settings} />;
}

function ConsoleFrame({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const { route, go } = useNavigation();
  useMenuCommands();
  useShortcutKeys();
  usePendingCustomerForm();
  const active = route.view === 'customer' || route.view === 'statement' ? 'customers' : route.view;
  return (
    <AppShell header={{ height: 44 }} navbar={{ width: 188, breakpoint: 0 }} padding="sm">
      <AppShell.Header px="sm">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={2} size="h3">
              {t('shell.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('shell.who', {
                name: settings.userName,
                role: t(`roles.${settings.role}`),
                zone: settings.timeZone,
              })}
            </Text>
          </Group>
          <Suspense fallback={null}>
            <SyncStatus settings={settings} />
          </Suspense>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p={6} aria-label={t('shell.views')}>
        {navItems.map((item) => (
          <NavLink
            key={item.view}
            label={t(`nav.${item.view}`)}
            href={`#/${item.view}`}
            active={active === item.view}
            rightSection={item.view === 'attention' ? <AttentionBadge settings={settings} /> : undefined}
            aria-current={active === item.view ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              go(item.route);
            }}
          />
        ))}
        <Button
          variant="subtle"
          size="compact-xs"
          mt="auto"
          onClick={() => usePaletteStore.getState().openHelp()}
        >
          {t('shell.shortcutsHint', {
            keys: `${acceleratorLabel(menuShortcut('palette:open').accelerator, isMacPlatform())} · ?`,
          })}
        </Button>
      </AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        {/* Above the view, in the flow: it covers nothing of the view while it waits to be closed. */}
        <MergeNotices settings={settings} />
        {/* Keyed by language too: views that format dates without i18next re-render on a switch. */}
        <ViewBoundary
          key={`${i18n.language}-${route.view === 'customer' ? `customer-${route.customerId}` : route.view}`}
        >
          <Suspense fallback={<Opening what={t('shell.openingBook')} />}>
            <RouteView route={route} settings={settings} />
          </Suspense>
        </ViewBoundary>
      </AppShell.Main>
      <CommandPalette />
      <ShortcutsHelp />
      <BooksKeeper settings={settings} />
    </AppShell>
  );
}

/**
 * Holds the team's books for every view, keeps the start-up snapshot current and announces
 * deadlines. A child of its own: a change to the books redraws the views that show them, not the
 * frame, its header and its nav.
 */
function BooksKeeper({ settings }: { settings: Settings }) {
  useDeadlineNotifications(settings);
  const team = useTeamBooks();
  const now = useNow();
  useViewSnapshotWriter(team, now, settings);
  const booksLoaded = team !== null;
  useEffect(() => {
    if (booksLoaded) markPainted('console:books-loaded');
  }, [booksLoaded]);
  return null;
}

function RouteView({ route, settings }: { route: Route; settings: Settings }) {
  switch (route.view) {
    case 'today':
      return <TodayView settings={settings} />;
    case 'customers':
      return <CustomersView settings={settings} />;
    case 'customer':
      return <CustomerDetailView customerId={route.customerId} tab={route.tab} settings={settings} />;
    case 'schedule':
      return <ScheduleView settings={settings} />;
    case 'attention':
      return <AttentionView settings={settings} />;
    case 'activity':
      return <ActivityView settings={settings} />;
    case 'settings':
      return <SettingsView settings={settings} />;
    case 'statement':
      return <StatementView customerId={route.customerId} year={route.year} />;
  }
}

/** A view that fails shows a plain sentence, never a stack trace; the trace goes to the log. */
class ViewBoundary extends Component<{ children: ReactNode }, { failed: string | null }> {
  override state = { failed: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A view failed', error, info.componentStack);
  }

  override render() {
    if (this.state.failed)
      return (
        <Text c={ruleColors.refused} role="alert">
          {i18next.t('shell.viewFailed', { reason: this.state.failed })}
        </Text>
      );
    return this.props.children;
  }
}

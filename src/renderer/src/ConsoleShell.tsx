// The console's frame: header with the sync slot, the left nav (Today, Customers, Schedule,
// Settings) and the view of the current route. First start comes before all of it.
import { AppShell, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { Component, useEffect, type ErrorInfo, type ReactNode } from 'react';
import { ActivityView } from './activity/ActivityView';
import { AttentionBadge } from './attention/AttentionBadge';
import { AttentionView } from './attention/AttentionView';
import { CustomerDetailView } from './customer/CustomerDetailView';
import { CustomersView } from './customers/CustomersView';
import type { Settings } from './db/schema';
import { FirstStartView } from './firstStart/FirstStartView';
import { useNavigation, type Route } from './navigation/navigationStore';
import { ScheduleView } from './schedule/ScheduleView';
import { useDeadlineNotifications } from './notifications/useDeadlineNotifications';
import { markPainted } from './platform/performanceMarks';
import { useMenuCommands } from './platform/useMenuCommands';
import { SettingsView } from './settings/SettingsView';
import { SyncStatus } from './sync/SyncStatus';
import { useIdentity } from './team/useSettings';
import { TodayView } from './today/TodayView';
import { useTeamBooks } from './team/useTeamBooks';
import { useViewSnapshotWriter } from './team/viewSnapshot';
import { useNow } from './time/clock';
import { ruleColors } from './theme';

const navItems: { view: Route['view']; label: string; route: Route }[] = [
  { view: 'today', label: 'Today', route: { view: 'today' } },
  { view: 'customers', label: 'Customers', route: { view: 'customers' } },
  { view: 'schedule', label: 'Schedule', route: { view: 'schedule' } },
  { view: 'attention', label: 'Needs attention', route: { view: 'attention' } },
  { view: 'activity', label: 'Activity', route: { view: 'activity' } },
  { view: 'settings', label: 'Settings', route: { view: 'settings' } },
];

export function ConsoleShell() {
  const identity = useIdentity();
  if (identity.state === 'loading')
    return (
      <Center h="100%">
        <Loader size="sm" aria-label="Opening the local book" />
      </Center>
    );
  if (identity.state === 'first-start') return <FirstStartView />;
  return <ConsoleFrame settings={identity.settings} />;
}

function ConsoleFrame({ settings }: { settings: Settings }) {
  const { route, go } = useNavigation();
  useMenuCommands();
  useDeadlineNotifications(settings);
  // The frame holds the team's books for every view, and keeps the start-up snapshot current.
  const team = useTeamBooks();
  const now = useNow();
  useViewSnapshotWriter(team, now, settings);
  const booksLoaded = team !== null;
  useEffect(() => {
    if (booksLoaded) markPainted('console:books-loaded');
  }, [booksLoaded]);
  const active = route.view === 'customer' ? 'customers' : route.view;
  return (
    <AppShell header={{ height: 44 }} navbar={{ width: 168, breakpoint: 0 }} padding="sm">
      <AppShell.Header px="sm">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={2} size="h3">
              TAM Console
            </Title>
            <Text size="xs" c="dimmed">
              {settings.userName} · {settings.role} · {settings.timeZone}
            </Text>
          </Group>
          <SyncStatus settings={settings} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p={6} aria-label="Views">
        {navItems.map((item) => (
          <NavLink
            key={item.view}
            label={item.label}
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
      </AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <ViewBoundary key={route.view === 'customer' ? `customer-${route.customerId}` : route.view}>
          <RouteView route={route} settings={settings} />
        </ViewBoundary>
      </AppShell.Main>
    </AppShell>
  );
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
          This view could not be shown: {this.state.failed}. Your data is safe in this console; try another
          view.
        </Text>
      );
    return this.props.children;
  }
}

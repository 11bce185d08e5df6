// The renderer's entry: Mantine (styles, theme, toasts, dates) around the console shell.
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './console.css';
// Before anything renders: the language decides the first words on screen.
import './i18n/i18n';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleShell } from './ConsoleShell';
import { prefetchViewSnapshot } from './db/viewSnapshot';
import { prefetchLaterModules } from './navigation/laterModules';
import { routeFromHash } from './navigation/navigationStore';
import { restoreOutboxAtStart, startOutboxMirror } from './platform/outboxMirror';
import { holdUntilOpeningPaint } from './team/openingPaint';
import { consoleCssVariables, consoleTheme } from './theme';

// The view the console opens on paints from its snapshot; start reading it before React mounts.
const opening = routeFromHash(window.location.hash).view;
if (opening === 'today' || opening === 'customers') {
  prefetchViewSnapshot(opening === 'today' ? 'today' : 'grid');
  holdUntilOpeningPaint(3000);
}

function mount(root: HTMLElement): void {
  prefetchLaterModules();
  startOutboxMirror();
  createRoot(root).render(
    <StrictMode>
      <MantineProvider
        theme={consoleTheme}
        cssVariablesResolver={consoleCssVariables}
        defaultColorScheme="light"
      >
        <DatesProvider settings={{ firstDayOfWeek: 1, consistentWeeks: true }}>
          <Notifications position="bottom-right" limit={4} />
          <ConsoleShell />
        </DatesProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

// A wiped IndexedDB is rebuilt from the desktop app's outbox mirror before anything reads it
// (instant in the browser build, which has no mirror).
const root = document.getElementById('root');
if (root) void restoreOutboxAtStart().finally(() => mount(root));

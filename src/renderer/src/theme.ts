// The console's look: Mantine with dense sizes and darker shades, so text on colour keeps
// WCAG AA contrast (axe runs on every view in the e2e suite).
import {
  type CSSVariablesResolver,
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  createTheme,
  Modal,
  NativeSelect,
  Notification,
  NumberInput,
  SegmentedControl,
  Select,
  Table,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';

const dense = { defaultProps: { size: 'xs' as const } };

export const consoleTheme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  headings: {
    sizes: { h1: { fontSize: '1.25rem' }, h2: { fontSize: '1.0625rem' }, h3: { fontSize: '0.9375rem' } },
  },
  components: {
    Button: Button.extend(dense),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 'sm' } }),
    TextInput: TextInput.extend(dense),
    Textarea: Textarea.extend(dense),
    NumberInput: NumberInput.extend(dense),
    Select: Select.extend(dense),
    NativeSelect: NativeSelect.extend(dense),
    Checkbox: Checkbox.extend(dense),
    SegmentedControl: SegmentedControl.extend(dense),
    DateInput: DateInput.extend(dense),
    TimeInput: TimeInput.extend(dense),
    Badge: Badge.extend({
      defaultProps: { size: 'sm', radius: 'sm' },
      styles: { root: { textTransform: 'none', fontWeight: 600 } },
    }),
    Table: Table.extend({ defaultProps: { fz: 'xs', verticalSpacing: 4, horizontalSpacing: 'xs' } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
    Modal: Modal.extend({
      defaultProps: { size: 'lg', centered: true, closeButtonProps: { 'aria-label': 'Close' } },
    }),
  },
});

/**
 * Mantine's dimmed grey is 3.3:1 on white, and its light variants put shade 6 text on a tint;
 * the darkest shade keeps both at WCAG AA contrast (axe checks every view in the e2e suite).
 */
export const consoleCssVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': darker(theme.colors.red[9]),
    '--mantine-primary-color-light-color': darker(theme.colors.blue[9]),
    ...Object.fromEntries(
      Object.entries(theme.colors).map(([name, shades]) => [
        `--mantine-color-${name}-light-color`,
        darker(shades[9]),
      ]),
    ),
  },
  dark: {},
});

/** A hex colour at two thirds of its brightness: yellow and orange text on their tints pass AA. */
function darker(hex: string | undefined): string {
  const value = Number.parseInt((hex ?? '#000000').slice(1), 16);
  const channel = (shift: number) => Math.round(((value >> shift) & 255) * 0.65);
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}

/** Text colours for rule outcomes, dark enough for AA on white and on light tints. */
export const ruleColors = {
  passes: 'var(--mantine-color-green-light-color)',
  refused: 'var(--mantine-color-red-light-color)',
  warns: 'var(--mantine-color-orange-light-color)',
} as const;

// The help sheet (F1 or ?): every keyboard shortcut from the one table, as this platform writes it.
import { Kbd, Modal, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcuts } from '../../../preload/shortcuts';
import { usePaletteStore } from './paletteStore';
import { acceleratorLabel } from './shortcutKeys';
import { isMacPlatform } from './useShortcutKeys';

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const { helpOpened, closeHelp } = usePaletteStore();
  const isMac = useMemo(isMacPlatform, []);
  return (
    <Modal opened={helpOpened} onClose={closeHelp} title={t('help.title')} size="lg">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('help.key')}</Table.Th>
            <Table.Th>{t('help.does')}</Table.Th>
            <Table.Th>{t('help.menu')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shortcuts.map((shortcut) => (
            <Table.Tr key={shortcut.accelerator}>
              <Table.Td>
                <Kbd>{acceleratorLabel(shortcut.accelerator, isMac)}</Kbd>
              </Table.Td>
              <Table.Td>{t(`commands.${shortcut.command}`)}</Table.Td>
              <Table.Td>{t(`help.menus.${shortcut.menu ?? 'window'}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {t('help.note')}
      </Text>
    </Modal>
  );
}

// What each console command does, whether it came from the app menu, a shortcut or the palette.
// Commands about a customer act on the customer page that is open, or ask for the customer first.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../preload/api';
import { useCustomerDetailStore } from '../customer/customerDetailStore';
import { useNavigation } from '../navigation/navigationStore';
import { usePaletteStore, type CustomerAction } from './paletteStore';

const customerActions: Partial<Record<MenuCommand, CustomerAction>> = {
  'goLive:book': 'bookGoLive',
  'goLive:reserve': 'reserveGoLive',
  'review:schedule': 'scheduleReviewSeries',
  'ticket:log': 'logTicket',
};

export function runConsoleCommand(command: MenuCommand): void {
  const { route, go } = useNavigation.getState();
  const palette = usePaletteStore.getState();
  const action = customerActions[command];
  if (action) {
    if (route.view === 'customer') {
      palette.closePalette();
      useCustomerDetailStore.getState().open({ kind: action });
    } else palette.openPalette({ kind: 'pickCustomer', action });
    return;
  }
  switch (command) {
    case 'view:today':
      return go({ view: 'today' });
    case 'view:customers':
      return go({ view: 'customers' });
    case 'view:schedule':
      return go({ view: 'schedule' });
    case 'view:settings':
      return go({ view: 'settings' });
    case 'palette:open':
      return palette.openPalette();
    case 'help:shortcuts':
      return palette.openHelp();
    default:
      return undefined;
  }
}

/** Opens a customer's form chosen in the palette once that customer's page is the route. */
export function openCustomerWithForm(customerId: string, action: CustomerAction): void {
  usePaletteStore.getState().requestForm(customerId, action);
  useNavigation.getState().go({
    view: 'customer',
    customerId,
    tab: action === 'logTicket' ? 'tickets' : action === 'scheduleReviewSeries' ? 'reviews' : 'golive',
  });
}

/**
 * The customer page closes its form when it unmounts, which happens on the same commit that shows
 * the next customer; so the form opens in an effect after that commit, never before it.
 */
export function usePendingCustomerForm(): void {
  const route = useNavigation((state) => state.route);
  const pending = usePaletteStore((state) => state.pendingForm);
  useEffect(() => {
    if (!pending) return;
    if (route.view !== 'customer' || route.customerId !== pending.customerId) return;
    usePaletteStore.getState().clearPendingForm();
    useCustomerDetailStore.getState().open({ kind: pending.action });
  }, [route, pending]);
}

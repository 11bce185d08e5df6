// The desktop app menu's commands (and their shortcuts) in the console: views, Book Go Live on
// the open customer, and the customer search. The browser build has no app menu.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../preload/api';
import { useCustomerDetailStore } from '../customer/customerDetailStore';
import { useNavigation } from '../navigation/navigationStore';
import { desktopApi } from './consoleApi';

export function useMenuCommands(): void {
  useEffect(() => {
    const api = desktopApi();
    if (!api) return undefined;
    return api.onMenuCommand((command: MenuCommand) => {
      const { route, go } = useNavigation.getState();
      switch (command) {
        case 'view:today':
          return go({ view: 'today' });
        case 'view:customers':
          return go({ view: 'customers' });
        case 'view:schedule':
          return go({ view: 'schedule' });
        case 'view:settings':
          return go({ view: 'settings' });
        case 'goLive:book':
          // Booking needs a customer: on a customer page open the form, elsewhere pick one first.
          if (route.view === 'customer') useCustomerDetailStore.getState().open({ kind: 'bookGoLive' });
          else go({ view: 'customers' });
          return undefined;
        case 'goLive:reserve':
          if (route.view === 'customer') useCustomerDetailStore.getState().open({ kind: 'reserveGoLive' });
          else go({ view: 'customers' });
          return undefined;
        case 'palette:open':
          go({ view: 'customers' });
          window.setTimeout(
            () => document.querySelector<HTMLInputElement>('input[aria-label="Search customers"]')?.focus(),
            0,
          );
          return undefined;
      }
    });
  }, []);
}

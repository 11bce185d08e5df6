// Where the console is: the view and the customer open, mirrored in the URL hash so a reload
// (or the app menu) lands on the same view. UI state only.
import { create } from 'zustand';

export type CustomerTab =
  'overview' | 'ledger' | 'reviews' | 'golive' | 'entitlements' | 'tickets' | 'people';

export type Route =
  | { view: 'today' }
  | { view: 'customers' }
  | { view: 'customer'; customerId: string; tab: CustomerTab }
  | { view: 'schedule' }
  | { view: 'attention' }
  | { view: 'activity' }
  | { view: 'settings' }
  /** A customer's usage statement for one contract year (null: the year holding today). */
  | { view: 'statement'; customerId: string; year: number | null };

/** A customer's tabs, in the order the page shows them. */
export const customerTabs: readonly CustomerTab[] = [
  'overview',
  'ledger',
  'reviews',
  'golive',
  'entitlements',
  'tickets',
  'people',
];

export function routeFromHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'customers' && second) {
    const tab = customerTabs.find((candidate) => candidate === third) ?? 'overview';
    return { view: 'customer', customerId: second, tab };
  }
  if (first === 'customers') return { view: 'customers' };
  if (first === 'statement' && second) {
    const year = Number(third);
    return { view: 'statement', customerId: second, year: Number.isInteger(year) && year > 0 ? year : null };
  }
  if (first === 'schedule') return { view: 'schedule' };
  if (first === 'settings') return { view: 'settings' };
  if (first === 'attention') return { view: 'attention' };
  if (first === 'activity') return { view: 'activity' };
  return { view: 'today' };
}

export function hashOf(route: Route): string {
  switch (route.view) {
    case 'customer':
      return `#/customers/${encodeURIComponent(route.customerId)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'statement':
      return `#/statement/${encodeURIComponent(route.customerId)}${route.year === null ? '' : `/${route.year}`}`;
    default:
      return `#/${route.view}`;
  }
}

type NavigationState = {
  route: Route;
  go(route: Route): void;
};

export const useNavigation = create<NavigationState>((set) => ({
  route: routeFromHash(window.location.hash),
  go(route) {
    const hash = hashOf(route);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route });
  },
}));

window.addEventListener('popstate', () =>
  useNavigation.setState({ route: routeFromHash(window.location.hash) }),
);

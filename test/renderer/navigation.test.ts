// @vitest-environment happy-dom
// Where the console is lives in the URL hash, so a reload lands on the same view and tab.
import { describe, expect, it } from 'vitest';
import { hashOf, routeFromHash, type Route } from '../../src/renderer/src/navigation/navigationStore';

describe('routes in the URL hash', () => {
  it('every route survives the round trip through its hash', () => {
    const routes: Route[] = [
      { view: 'today' },
      { view: 'customers' },
      { view: 'customer', customerId: 'cust-00012', tab: 'overview' },
      { view: 'customer', customerId: 'cust with space', tab: 'golive' },
      { view: 'schedule' },
      { view: 'settings' },
    ];
    for (const route of routes) expect(routeFromHash(hashOf(route))).toEqual(route);
  });

  it('an unknown hash opens Today, and an unknown tab the overview', () => {
    expect(routeFromHash('#/nowhere')).toEqual({ view: 'today' });
    expect(routeFromHash('')).toEqual({ view: 'today' });
    expect(routeFromHash('#/customers/c1/nonsense')).toEqual({
      view: 'customer',
      customerId: 'c1',
      tab: 'overview',
    });
  });
});

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
      { view: 'statement', customerId: 'cust-00012', year: null },
      { view: 'statement', customerId: 'cust/with slash', year: 2 },
    ];
    for (const route of routes) expect(routeFromHash(hashOf(route))).toEqual(route);
  });

  it('a statement with a year that is not a whole number shows the year holding today', () => {
    expect(routeFromHash('#/statement/c-1/zero')).toEqual({
      view: 'statement',
      customerId: 'c-1',
      year: null,
    });
    expect(routeFromHash('#/statement/c-1/0')).toEqual({ view: 'statement', customerId: 'c-1', year: null });
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

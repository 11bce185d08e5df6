import { describe, expect, it } from 'vitest';
import { planTemplates } from '../../src/core/plans';
import { pullRequestSchema, pushRequestSchema, teamPlanTemplates } from '../../src/core/syncProtocol';

const mutation = (id: number) => ({
  id,
  name: 'createCustomer',
  version: 1,
  args: {},
  clientTime: '2026-03-02T10:00:00+01:00',
});

describe('the sync protocol', () => {
  it('a push carries consecutive mutation ids and normalises client times to UTC', () => {
    const parsed = pushRequestSchema.parse({ clientId: 'laptop-1', mutations: [mutation(4), mutation(5)] });
    expect(parsed.mutations.map((each) => each.clientTime)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
    ]);
    const gap = pushRequestSchema.safeParse({ clientId: 'laptop-1', mutations: [mutation(4), mutation(6)] });
    expect(gap.success).toBe(false);
    expect(gap.error?.issues[0]?.path).toEqual(['mutations', 1, 'id']);
  });

  it('an empty push, a client id with spaces, and a time without a zone are refused', () => {
    expect(pushRequestSchema.safeParse({ clientId: 'laptop-1', mutations: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ clientId: 'my laptop', mutations: [mutation(1)] }).success).toBe(
      false,
    );
    const local = { ...mutation(1), clientTime: '2026-03-02T10:00:00' };
    expect(pushRequestSchema.safeParse({ clientId: 'laptop-1', mutations: [local] }).success).toBe(false);
  });

  it('a pull starts at cursor 0 with a page of 1,000 unless told otherwise', () => {
    expect(pullRequestSchema.parse({ clientId: 'laptop-1' })).toEqual({
      clientId: 'laptop-1',
      cursor: 0,
      limit: 1000,
      resultsAfter: 0,
    });
    expect(pullRequestSchema.safeParse({ clientId: 'laptop-1', limit: 10_001 }).success).toBe(false);
  });

  it('the team’s saved templates replace shipped ones of the same id and add their own', () => {
    const shipped = planTemplates.slice(0, 2);
    const [first] = shipped;
    if (!first) throw new Error('no shipped template');
    const edited = { ...first, name: 'Edited' };
    const own = { ...first, id: 'team-own', name: 'Own' };
    const merged = teamPlanTemplates(shipped, [edited, own]);
    expect(merged.map((template) => [template.id, template.name])).toEqual([
      [first.id, 'Edited'],
      [shipped[1]?.id, shipped[1]?.name],
      ['team-own', 'Own'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Submission } from '../../functions/core/model';
import { countChange, countContributions } from '../../functions/core/use-cases/dashboard/status-counts';

const sub = (over: Partial<Submission>): Submission =>
  ({ id: 's1', unitId: 'jtj', status: 'draft', everSubmitted: false, viewerUnitIds: [], ...over }) as Submission;

describe('status counter deltas', () => {
  it('counts a never-submitted draft for its own unit only, under its status and own#', () => {
    expect(countContributions(sub({}))).toEqual({
      shardKey: 's1',
      all: {},
      units: { jtj: { draft: 1, 'own#draft': 1 } },
    });
  });

  it('moves a submit from draft to in_review for all, the own unit and every granted unit', () => {
    const before = sub({});
    const after = sub({ status: 'in_review', everSubmitted: true, viewerUnitIds: ['jjs'] });
    expect(countChange(before, after)).toEqual({
      shardKey: 's1',
      all: { in_review: 1 },
      units: { jtj: { draft: -1, 'own#draft': -1, in_review: 1 }, jjs: { in_review: 1 } },
    });
  });

  it('a withdraw back to draft keeps it in all (it was submitted) and does not count it as never-submitted', () => {
    const before = sub({ status: 'in_review', everSubmitted: true, viewerUnitIds: ['jjs'] });
    const after = sub({ status: 'draft', everSubmitted: true, viewerUnitIds: ['jjs'] });
    expect(countChange(before, after)).toEqual({
      shardKey: 's1',
      all: { in_review: -1, draft: 1 },
      units: { jtj: { in_review: -1, draft: 1 }, jjs: { in_review: -1, draft: 1 } },
    });
  });

  it('a save or a new grant with the same status moves only what changed; nothing moves → undefined', () => {
    const a = sub({ status: 'in_review', everSubmitted: true, viewerUnitIds: ['jjs'] });
    expect(countChange(a, { ...a, version: 3 } as Submission)).toBeUndefined();
    expect(countChange(a, { ...a, viewerUnitIds: ['jjs', 'jxpj'] })).toEqual({
      shardKey: 's1',
      all: {},
      units: { jxpj: { in_review: 1 } },
    });
  });

  it('a delete takes the draft off', () => {
    expect(countChange(sub({}), null)).toEqual({
      shardKey: 's1',
      all: {},
      units: { jtj: { draft: -1, 'own#draft': -1 } },
    });
  });
});

import { allowedTransitions, canTransition, decideAdvance, milestonesReached } from './case-status';

describe('case lifecycle', () => {
  it('allows one step forward or closing by hand', () => {
    expect(allowedTransitions('open')).toEqual(['sighted', 'closed']);
    // Reunited only through a reunion with evidence (the verification gate), never by hand.
    expect(allowedTransitions('rescued')).toEqual(['closed']);
    expect(canTransition('open', 'located')).toBe(false);
    expect(canTransition('sighted', 'open')).toBe(false);
  });

  it('has final states', () => {
    expect(allowedTransitions('reunited')).toEqual([]);
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it('lets events jump forward but never back', () => {
    expect(decideAdvance('open', 'located')).toEqual({ kind: 'advance', to: 'located' });
    expect(decideAdvance('located', 'sighted')).toEqual({ kind: 'unchanged' });
    expect(decideAdvance('sighted', 'sighted')).toEqual({ kind: 'unchanged' });
    expect(decideAdvance('closed', 'sighted').kind).toBe('refused');
    expect(decideAdvance('open', 'closed').kind).toBe('refused');
  });
});

describe('milestonesReached', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const blank = { foundAt: null, reunitedAt: null, closedAt: null };
  it('marks a file found when it reaches located or beyond, once', () => {
    expect(milestonesReached(blank, 'sighted', now)).toEqual({});
    expect(milestonesReached(blank, 'located', now)).toEqual({ foundAt: now });
    expect(milestonesReached(blank, 'reunited', now)).toEqual({ foundAt: now, reunitedAt: now });
    const earlier = new Date('2026-01-01T00:00:00Z');
    expect(milestonesReached({ ...blank, foundAt: earlier }, 'rescued', now)).toEqual({});
  });
  it('marks a closed file closed', () => {
    expect(milestonesReached(blank, 'closed', now)).toEqual({ closedAt: now });
  });
});

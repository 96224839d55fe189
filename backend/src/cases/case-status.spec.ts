import { allowedTransitions, canTransition, decideAdvance } from './case-status';

describe('case lifecycle', () => {
  it('allows one step forward or closing by hand', () => {
    expect(allowedTransitions('open')).toEqual(['sighted', 'closed']);
    expect(allowedTransitions('rescued')).toEqual(['reunited', 'closed']);
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

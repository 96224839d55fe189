import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { AppAbility } from './permissions';
import { type ScopeCondition, scopeCondition } from './scope-query';

const COLUMNS = { id: 'u.id', jurisdictionPath: 'j.path', status: 'c.status', priority: 'c.priority', deletedAt: 'c.deleted_at' };

type Define = (can: AbilityBuilder<AppAbility>['can'], cannot: AbilityBuilder<AppAbility>['cannot']) => void;

function abilityWith(define: Define): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(builder.can.bind(builder), builder.cannot.bind(builder));
  return builder.build();
}

function scope(define: Define, columns: Record<string, string> = COLUMNS): ScopeCondition {
  return scopeCondition(abilityWith(define), 'read', 'Case', columns);
}

/** The condition with its parameters written in, so that a test can read it as SQL. */
function render({ sql, params }: ScopeCondition): string {
  return sql.replace(/:(\.\.\.)?(scope_\d+)/g, (_m, spread: string | undefined, name: string) => {
    expect(name in params).toBe(true);
    const value = params[name];
    return spread ? (value as unknown[]).map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(value);
  });
}

// The rule builder's types only accept conditions on known fields; these tests speak about any.
const cond = (c: Record<string, unknown>) => c as never;

describe('scopeCondition', () => {
  it('is FALSE without any rule for the action, and TRUE for an unconditional rule', () => {
    expect(scope(() => undefined)).toEqual({ sql: 'FALSE', params: {} });
    expect(scope((can) => can('read', 'User'))).toEqual({ sql: 'FALSE', params: {} });
    expect(scope((can) => can('read', 'Case')).sql).toBe('TRUE');
  });

  it('turns an equality into a bound parameter, never into SQL text', () => {
    const result = scope((can) => can('read', 'Case', cond({ id: "x' OR 1=1 --" })));
    expect(result.sql).not.toContain('OR 1=1');
    expect(render(result)).toBe(`((u.id = "x' OR 1=1 --"))`);
  });

  it('joins the fields of one rule with AND and several rules with OR', () => {
    const result = scope((can) => {
      can('read', 'Case', cond({ id: 'me' }));
      can('read', 'Case', cond({ status: 'open', priority: { $gte: 2 } }));
    });
    expect(render(result)).toBe(`((c.status = "open" AND c.priority >= 2) OR (u.id = "me"))`);
  });

  it('translates the comparison operators', () => {
    const result = scope((can) =>
      can('read', 'Case', cond({ status: { $ne: 'closed' }, priority: { $gt: 1, $lt: 5 }, id: { $eq: 'a' }, deletedAt: null })),
    );
    expect(render(result)).toBe(`((c.status IS DISTINCT FROM "closed" AND c.priority > 1 AND c.priority < 5 AND u.id = "a" AND c.deleted_at IS NULL))`);
    expect(render(scope((can) => can('read', 'Case', cond({ priority: { $lte: 3 } }))))).toBe('((c.priority <= 3))');
  });

  it('turns $in into IN, and an empty $in into FALSE', () => {
    expect(render(scope((can) => can('read', 'Case', cond({ status: { $in: ['open', 'found'] } }))))).toBe('((c.status IN ("open", "found")))');
    expect(scope((can) => can('read', 'Case', cond({ status: { $in: [] } }))).sql).toBe('((FALSE))');
  });

  it('turns a subtree rule into a prefix LIKE', () => {
    const result = scope((can) => can('read', 'Case', cond({ jurisdictionPath: { $regex: '^CN/340000/341200/341222/' } })));
    expect(render(result)).toBe('((j.path LIKE "CN/340000/341200/341222/%"))');
  });

  it('escapes LIKE wildcards in a prefix so that they match only themselves', () => {
    expect(render(scope((can) => can('read', 'Case', cond({ status: { $regex: '^a_b' } }))))).toBe('((c.status LIKE "a\\\\_b%"))');
    expect(render(scope((can) => can('read', 'Case', cond({ status: { $regex: '^50%' } }))))).toBe('((c.status LIKE "50\\\\%%"))');
  });

  it('refuses regular expressions that are not anchored literal prefixes', () => {
    for (const regex of ['CN/340000/', '^CN/.*', '^CN/34000[0-9]', '^(CN|US)/', '^CN/$', '^CN\\/']) {
      expect(() => scope((can) => can('read', 'Case', cond({ jurisdictionPath: { $regex: regex } })))).toThrow(/anchored literal prefixes/);
    }
    expect(() => scope((can) => can('read', 'Case', cond({ jurisdictionPath: { $regex: /^CN\// } })))).toThrow(/anchored literal prefixes/);
  });

  it('refuses operators it cannot translate, rather than widening access', () => {
    expect(() => scope((can) => can('read', 'Case', cond({ status: { $exists: true } })))).toThrow(/unsupported operator \$exists/);
    expect(() => scope((can) => can('read', 'Case', cond({ status: { $nin: ['closed'] } })))).toThrow(/unsupported operator \$nin/);
    expect(() => scope((can) => can('read', 'Case', cond({ status: { $all: ['a'] } })))).toThrow(/unsupported operator/);
  });

  it('refuses a field without a column', () => {
    expect(() => scope((can) => can('read', 'Case', cond({ secret: 'x' })))).toThrow(/no column for field "secret" of Case/);
  });

  it('subtracts inverted rules from conditional ones', () => {
    const result = scope((can, cannot) => {
      can('read', 'Case', cond({ jurisdictionPath: { $regex: '^CN/310000/' } }));
      cannot('read', 'Case', cond({ status: 'sealed' }));
    });
    expect(render(result)).toBe('((j.path LIKE "CN/310000/%")) AND NOT COALESCE((c.status = "sealed"), FALSE)');
  });

  it('subtracts inverted rules from an unconditional one', () => {
    const result = scope((can, cannot) => {
      can('read', 'Case');
      cannot('read', 'Case', cond({ status: 'sealed' }));
      cannot('read', 'Case', cond({ priority: { $gt: 4 } }));
    });
    expect(render(result)).toBe('TRUE AND NOT COALESCE((c.priority > 4), FALSE) AND NOT COALESCE((c.status = "sealed"), FALSE)');
  });

  it('is FALSE when an unconditional inverted rule overrides the conditional ones', () => {
    const result = scope((can, cannot) => {
      can('read', 'Case', cond({ id: 'me' }));
      cannot('read', 'Case');
    });
    expect(result.sql).toBe('FALSE');
  });

  it('uses distinct parameter names, so that conditions can be combined in one query', () => {
    const a = scope((can) => can('read', 'Case', cond({ id: 'a' })));
    const b = scope((can) => can('read', 'Case', cond({ id: 'b' })));
    expect(Object.keys(a.params).some((name) => name in b.params)).toBe(false);
  });
});

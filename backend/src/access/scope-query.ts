import { rulesToQuery } from '@casl/ability/extra';
import type { Action, AppAbility, Subject } from './permissions';

/** A SQL condition with named parameters, for TypeORM's QueryBuilder `.andWhere(sql, params)`. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

type Condition = Record<string, unknown>;
/** `^` and characters that match only themselves in a regular expression; `%` and `_` are escaped for LIKE. */
const SAFE_PREFIX = /^\^([A-Za-z0-9/_%-]*)$/;

let parameterCounter = 0;

/**
 * Turns a user's CASL rules for (action, subject) into a SQL condition so that a list never fetches a
 * row the user may not see. `columns` maps each condition field to its SQL expression (for example
 * `jurisdictionPath` → `jurisdiction.path`). A rule that this cannot translate is a programming error
 * and throws, rather than silently widening access.
 */
export function scopeCondition(
  ability: AppAbility,
  action: Action,
  subjectType: Subject,
  columns: Record<string, string>,
): ScopeCondition {
  const query = rulesToQuery(ability, action, subjectType, (rule) =>
    rule.inverted ? { $not: rule.conditions as Condition } : (rule.conditions as Condition),
  );
  if (query === null) return { sql: 'FALSE', params: {} };
  const params: Record<string, unknown> = {};
  const translate = (condition: Condition): string => {
    const parts = Object.entries(condition).map(([field, value]) => {
      const column = columns[field];
      if (!column) throw new Error(`scopeCondition: no column for field "${field}" of ${subjectType}`);
      return translateField(column, value, params);
    });
    return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
  };
  // Without $or, an unconditional rule allows everything except what the inverted rules ($and) deny.
  const anyOf = query['$or'] as Condition[] | undefined;
  const noneOf = ((query['$and'] as Condition[] | undefined) ?? []).map((c) => c['$not'] as Condition);
  const allowed = anyOf ? `(${anyOf.map(translate).join(' OR ')})` : 'TRUE';
  // A NULL field does not match an inverted rule's condition, so the rule does not deny that row.
  const denied = noneOf.map((c) => `NOT COALESCE(${translate(c)}, FALSE)`);
  return { sql: [allowed, ...denied].join(' AND '), params };
}

function translateField(column: string, value: unknown, params: Record<string, unknown>): string {
  const name = () => `scope_${parameterCounter++}`;
  if (value === null) return `${column} IS NULL`;
  if (typeof value !== 'object' || value instanceof Date) {
    const p = name();
    params[p] = value;
    return `${column} = :${p}`;
  }
  const clauses = Object.entries(value as Record<string, unknown>).map(([operator, operand]) => {
    const p = name();
    switch (operator) {
      case '$eq':
        params[p] = operand;
        return `${column} = :${p}`;
      case '$ne':
        params[p] = operand;
        return `${column} IS DISTINCT FROM :${p}`;
      case '$in':
        if (!Array.isArray(operand) || operand.length === 0) return 'FALSE';
        params[p] = operand;
        return `${column} IN (:...${p})`;
      case '$gte':
      case '$gt':
      case '$lte':
      case '$lt': {
        params[p] = operand;
        const sqlOperator = { $gte: '>=', $gt: '>', $lte: '<=', $lt: '<' }[operator];
        return `${column} ${sqlOperator} :${p}`;
      }
      case '$regex': {
        const match = typeof operand === 'string' ? SAFE_PREFIX.exec(operand) : null;
        if (!match) throw new Error(`scopeCondition: only anchored literal prefixes are supported, got ${String(operand)}`);
        params[p] = `${match[1].replace(/[\\%_]/g, '\\$&')}%`;
        return `${column} LIKE :${p}`;
      }
      default:
        throw new Error(`scopeCondition: unsupported operator ${operator}`);
    }
  });
  return clauses.join(' AND ');
}

import { AbilityBuilder, createMongoAbility, subject as asSubject } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Actor } from './actor';
import type { AppAbility, ScopedRecord, Subject } from './permissions';
import { RULE_SETS } from './rules';
import type { RuleBuilder } from './rules/rule-builder';

/** Builds a user's abilities: the one place where access is decided. */
@Injectable()
export class AbilityFactory {
  constructor(@Optional() private readonly clock: Clock = new Clock()) {}

  createFor(actor: Actor): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    const now = this.clock.now();
    for (const ruleSet of RULE_SETS) ruleSet(builder as unknown as RuleBuilder, actor, now);
    return builder.build();
  }

  /** The same rules in CASL's packed form, for the dashboard (GET /me). */
  packedRulesFor(actor: Actor) {
    return packRules(this.createFor(actor).rules);
  }
}

/** Tags a plain object with its subject type so that conditional rules can be checked against it. */
export function record(type: Subject, fields: Record<string, unknown>): ScopedRecord {
  return asSubject(type, { ...fields }) as unknown as ScopedRecord;
}

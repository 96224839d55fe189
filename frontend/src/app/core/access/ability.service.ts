import { Injectable, inject, signal } from '@angular/core';
import { PureAbility, createMongoAbility, subject as asSubject } from '@casl/ability';
import type { MongoAbility, RawRuleOf } from '@casl/ability';
import { unpackRules } from '@casl/ability/extra';
import type { PackRule } from '@casl/ability/extra';
import type { MeDto } from '@hw/core/api/api';
import type { AccessCheck } from './permissions';

export type AppAbility = MongoAbility;

/**
 * The one CASL ability of the dashboard. It is also provided as `PureAbility`, so
 * `@casl/angular`'s `ablePure` pipe reads these very rules (no second copy).
 */
export function provideAbility() {
  return [{ provide: PureAbility, useFactory: () => createMongoAbility() }];
}

@Injectable({ providedIn: 'root' })
export class AbilityService {
  private readonly ability = inject(PureAbility) as AppAbility;
  private readonly me = signal<MeDto | null>(null);
  /** Bumped on every rule change so that computed signals re-evaluate. */
  private readonly version = signal(0);

  /** Loads the packed CASL rules of `GET /me`. */
  update(me: MeDto | null): void {
    const packed = (me?.rules ?? []) as PackRule<RawRuleOf<AppAbility>>[];
    this.ability.update(unpackRules(packed));
    this.me.set(me);
    this.version.update((v) => v + 1);
  }

  /** `can('read', 'AuditEvent')`, or on a sample record: `can('read', 'User', { id: '…' })`. */
  can(action: string, subjectType: string, fields?: Record<string, unknown>): boolean {
    this.version();
    return fields ? this.ability.can(action, asSubject(subjectType, { ...fields })) : this.ability.can(action, subjectType);
  }

  allows(check: AccessCheck): boolean {
    const [action, subjectType] = check.can;
    const me = this.me();
    if (check.where) return me !== null && this.can(action, subjectType, check.where(me));
    return this.can(action, subjectType);
  }
}

import type { AbstractControl, ValidationErrors } from '@angular/forms';
import type { CampaignRecordType, CreateCampaign } from './campaigns-api.service';

/** What the campaign form holds. Days are `YYYY-MM-DD` (the browser's date input). */
export interface CampaignFormValue {
  name: string;
  goals: string;
  jurisdictionCode: string;
  startsOn: string;
  endsOn: string;
}

/** A campaign cannot end before it starts (the server refuses it too, with 422). */
export function endNotBeforeStart(group: AbstractControl): ValidationErrors | null {
  const startsOn = group.get('startsOn')?.value as string;
  const endsOn = group.get('endsOn')?.value as string;
  return startsOn && endsOn && endsOn < startsOn ? { endBeforeStart: true } : null;
}

/** The request body: trimmed text, goals left out when empty. */
export function campaignRequest(v: CampaignFormValue): CreateCampaign {
  const goals = v.goals.trim();
  return {
    name: v.name.trim(),
    ...(goals ? { goals } : {}),
    jurisdictionCode: v.jurisdictionCode.trim(),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_NUMBER = /^MC-\d{4}-\d{6}$/i;

/**
 * What a person typed to add a record: an id (from the record's address), or for a file its number.
 * Null when it is neither.
 */
export function parseRecordReference(type: CampaignRecordType, text: string): { id: string } | { caseNumber: string } | null {
  const value = text.trim();
  const fromUrl = value.split(/[/?#]/).find((part) => UUID.test(part));
  if (fromUrl) return { id: fromUrl.toLowerCase() };
  if (type === 'case' && CASE_NUMBER.test(value)) return { caseNumber: value.toUpperCase() };
  return null;
}

/** Where a tagged record opens in the dashboard. */
export function recordLink(type: CampaignRecordType, id: string): string[] {
  return [{ case: '/cases', sighting: '/sightings', rescue: '/rescues' }[type], id];
}

import type { Schemas } from '@hw/core/api/api';

export type CreateSampleRequest = Schemas['CreateSampleDto'];
export type SampleKind = CreateSampleRequest['kind'];
export type DonorRelationship = NonNullable<
  CreateSampleRequest['donorRelationship']
>;

export const SAMPLE_KINDS: readonly SampleKind[] = [
  'family_reference',
  'child',
];
export const DONOR_RELATIONSHIPS: readonly DonorRelationship[] = [
  'mother',
  'father',
  'full_sibling',
  'half_sibling',
  'grandparent',
  'uncle_aunt',
];
/** The only consent scope the API accepts: the sample serves the search for missing children and nothing else. */
export const CONSENT_SCOPE: CreateSampleRequest['consent']['scope'] =
  'search_for_missing_children';
/** Same rule as the API: 3–64 letters, digits, ".", "-" or "_". */
export const BARCODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** What the registration form holds (date-times as `datetime-local` strings in the browser's zone). */
export interface SampleFormValue {
  barcode: string;
  kind: SampleKind;
  donorRelationship: DonorRelationship | '';
  caseId: string;
  childDescription: string;
  donorName: string;
  donorIdNumber: string;
  donorPhone: string;
  consentGivenBy: string;
  consentGivenAt: string;
  collectedAt: string;
  collectedLocation: string;
  collectingOrganisationId: string;
  retentionUntil: string;
}

/**
 * The request for `POST /dna/samples`: only the fields of the chosen kind (the API refuses a child
 * sample with a file or a reference with a child description), the donor identity only when a name
 * was given, local times as ISO instants.
 */
export function sampleRequest(v: SampleFormValue): CreateSampleRequest {
  const trim = (s: string) => s.trim();
  const optional = (s: string) => trim(s) || undefined;
  const reference = v.kind === 'family_reference';
  const donorName = trim(v.donorName);
  return {
    barcode: trim(v.barcode),
    kind: v.kind,
    ...(reference
      ? {
          donorRelationship: v.donorRelationship || undefined,
          caseId: v.caseId || undefined,
        }
      : { childDescription: optional(v.childDescription) }),
    ...(donorName
      ? {
          donorIdentity: {
            name: donorName,
            idNumber: optional(v.donorIdNumber),
            phone: optional(v.donorPhone),
          },
        }
      : {}),
    consent: {
      givenBy: trim(v.consentGivenBy),
      givenAt: localToIso(v.consentGivenAt),
      scope: CONSENT_SCOPE,
    },
    collectingOrganisationId: v.collectingOrganisationId || undefined,
    retentionUntil: v.retentionUntil,
    collected: {
      at: localToIso(v.collectedAt),
      location: trim(v.collectedLocation),
    },
  };
}

/** `2026-06-01T08:30` in the browser's zone → `2026-06-01T00:30:00.000Z`. */
export function localToIso(local: string): string {
  return new Date(local).toISOString();
}

/** `datetime-local` value for a moment, in the browser's zone, to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** API field paths → the form's control names, so that field errors land under the right input. */
export const SAMPLE_FIELD_MAP: Readonly<Record<string, string>> = {
  'consent.givenBy': 'consentGivenBy',
  'consent.givenAt': 'consentGivenAt',
  'collected.at': 'collectedAt',
  'collected.location': 'collectedLocation',
  'donorIdentity.name': 'donorName',
  'donorIdentity.idNumber': 'donorIdNumber',
  'donorIdentity.phone': 'donorPhone',
  rescuedChildId: 'childDescription',
};

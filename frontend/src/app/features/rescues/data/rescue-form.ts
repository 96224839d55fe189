import type { AddRescuedChild, CreateRescue, Rescue, UpdateRescue } from './rescues-api.service';

/** What the "log a rescue" form holds (the time as a `datetime-local` string in the browser's zone). */
export interface RescueFormValue {
  occurredAt: string;
  place: string;
  lat: number | null;
  lng: number | null;
  jurisdictionCode: string;
  agencies: string;
  suspectsDetained: number | null;
  notes: string;
}

/** Agencies typed one per line or separated by commas (、 and ， too). */
export function splitAgencies(text: string): string[] {
  return [...new Set(text.split(/[\n,，、;；]/).map((a) => a.trim()).filter(Boolean))];
}

/** The request for `POST /rescues`: trimmed text, the local time as an instant, empty fields left out. */
export function rescueRequest(v: RescueFormValue): CreateRescue {
  const notes = v.notes.trim();
  return {
    occurredAt: new Date(v.occurredAt).toISOString(),
    place: v.place.trim(),
    ...(v.lat !== null && v.lng !== null ? { lat: v.lat, lng: v.lng } : {}),
    jurisdictionCode: v.jurisdictionCode.trim(),
    agencies: splitAgencies(v.agencies),
    suspectsDetained: v.suspectsDetained ?? 0,
    ...(notes ? { notes } : {}),
  };
}

/** The form's value for a rescue being corrected (the time in the browser's zone, to the minute). */
export function rescueFormValue(r: Rescue): RescueFormValue {
  const at = new Date(r.occurredAt);
  return {
    occurredAt: new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
    place: r.place,
    lat: r.lat,
    lng: r.lng,
    jurisdictionCode: r.jurisdiction.code,
    agencies: r.agencies.join('\n'),
    suspectsDetained: r.suspectsDetained,
    notes: r.notes ?? '',
  };
}

/** The request for `PATCH /rescues/{id}`: cleared coordinates and notes are sent as null so that they are removed. */
export function rescueUpdate(v: RescueFormValue, version: number): UpdateRescue {
  return { ...rescueRequest(v), version, lat: v.lat, lng: v.lng, notes: v.notes.trim() || null };
}

/** What the "add a child" dialog holds: a file (identified) or a description (unidentified). */
export interface ChildFormValue {
  identified: boolean;
  caseId: string;
  name: string;
  sex: 'male' | 'female' | 'unknown';
  estimatedAgeYears: number | null;
  condition: string;
  injuriesOrDisabilities: string;
  dialect: string;
}

/** The request for `POST /rescues/{id}/children`: an identified child carries the file, not a made-up sex. */
export function childRequest(v: ChildFormValue): AddRescuedChild {
  const optional = (s: string) => s.trim() || undefined;
  return {
    ...(v.identified ? { caseId: v.caseId } : { name: optional(v.name), sex: v.sex }),
    ...(v.estimatedAgeYears !== null ? { estimatedAgeYears: v.estimatedAgeYears } : {}),
    condition: optional(v.condition),
    injuriesOrDisabilities: optional(v.injuriesOrDisabilities),
    dialect: optional(v.dialect),
  };
}

/** How an unnamed child is shown (the same short code the server uses in notifications). */
export function childLabel(c: { id: string; name?: string | null; case?: { childFullName: string } | null }): string {
  return c.case?.childFullName ?? c.name ?? `RC-${c.id.slice(0, 8).toUpperCase()}`;
}

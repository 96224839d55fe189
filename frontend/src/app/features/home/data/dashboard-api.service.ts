import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { forkJoin, map, of, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import { API, queryParams } from '@hw/core/api/api';
import type { Page, Schemas } from '@hw/core/api/api';
import {
  ACTIVE_CASE_STATUSES,
  CUSTODY_STATES,
  RESCUED_CHILD_STATUSES,
  campaignsInOrder,
  countByAge,
  zipCounts,
} from './shaping';
import type { AgeBucket, Count, CustodyState } from './shaping';

type Params = Record<string, string | number | undefined>;

export type CaseSummary = Schemas['CaseSummaryDto'];
export type Sighting = Schemas['SightingDto'];
export type Match = Schemas['MatchDto'];
export type Statistics = Schemas['StatisticsDto'];
export type FollowUp = Schemas['FollowUpListItemDto'];
export type RescuedChild = Schemas['RescuedChildDto'];
export type Campaign = Schemas['CampaignDto'];
export type CampaignDetail = Schemas['CampaignDetailDto'];

/** How many of the latest records a dashboard list shows. */
export const LATEST = 5;
/** Campaigns whose progress the supervisor dashboard shows. */
const CAMPAIGNS = 3;
/** Children in care fetched for the age chart: pages of 100, at most this many pages. */
const CARE_PAGES = 10;

export interface OfficerFiles {
  byStatus: Count<(typeof ACTIVE_CASE_STATUSES)[number]>[];
  /** The most recently changed of them, with the total. */
  recent: Page<CaseSummary>;
}

export interface ChildrenInCare {
  byStatus: Count<(typeof RESCUED_CHILD_STATUSES)[number]>[];
  byAge: Count<AgeBucket>[];
  /** Of the children in care, how many are not yet linked to a file (still seeking family). */
  seekingFamily: number;
  /** The age chart covers only the first CARE_PAGES × 100 children. */
  ageIncomplete: boolean;
}

export interface FollowUpsToMake {
  overdue: Page<FollowUp>;
  due: Page<FollowUp>;
}

export interface AdminSummary {
  users: number;
  lockedUsers: number;
  organisations: number;
  deniedLastWeek: number;
}

/**
 * The figures of the home dashboards, read from the ordinary list endpoints (a count is a page of
 * one: its `total`), so every number is filtered by the same scope rules as the list it links to.
 */
@Injectable({ providedIn: 'root' })
export class DashboardApiService {
  private readonly http = inject(HttpClient);

  page<T>(
    path: string,
    params: Params = {},
    pageSize = LATEST,
  ): Observable<Page<T>> {
    return this.http.get<Page<T>>(`${API}/${path}`, {
      params: queryParams({ ...params, page: 1, pageSize }),
    });
  }

  count(path: string, params: Params = {}): Observable<number> {
    return this.page(path, params, 1).pipe(map((p) => p.total));
  }

  /** One count per value of a filter, in the order given. */
  countEach<K extends string>(
    path: string,
    filter: string,
    values: readonly K[],
    params: Params = {},
  ): Observable<Count<K>[]> {
    return forkJoin(
      values.map((value) => this.count(path, { ...params, [filter]: value })),
    ).pipe(map((totals) => zipCounts(values, totals)));
  }

  officerFiles(officerId: string): Observable<OfficerFiles> {
    const mine = { assignedOfficerId: officerId };
    return forkJoin({
      byStatus: this.countEach('cases', 'status', ACTIVE_CASE_STATUSES, mine),
      recent: this.page<CaseSummary>('cases', {
        ...mine,
        status: ACTIVE_CASE_STATUSES.join(','),
        sort: '-updatedAt',
      }),
    });
  }

  /** Sightings waiting for a first look, newest first. */
  triageQueue(): Observable<Page<Sighting>> {
    return this.page<Sighting>('sightings', { status: 'new' });
  }

  matches(status: Match['status']): Observable<Page<Match>> {
    return this.page<Match>('dna/matches', { status });
  }

  samplesByCustody(): Observable<Count<CustodyState>[]> {
    return this.countEach('dna/samples', 'custodyState', CUSTODY_STATES);
  }

  statistics(query: Record<string, string>): Observable<Statistics> {
    return this.http.get<Statistics>(`${API}/statistics`, { params: query });
  }

  /** The latest campaigns (running ones first) with their figures, and how many there are in all. */
  campaigns(): Observable<{ items: CampaignDetail[]; total: number }> {
    return this.page<Campaign>('campaigns', {}, 20).pipe(
      switchMap((page) => {
        const shown = campaignsInOrder(page.items).slice(0, CAMPAIGNS);
        const details = shown.map((c) =>
          this.http.get<CampaignDetail>(
            `${API}/campaigns/${encodeURIComponent(c.id)}`,
          ),
        );
        return (details.length ? forkJoin(details) : of([])).pipe(
          map((items) => ({ items, total: page.total })),
        );
      }),
    );
  }

  /** Follow-up visits past their day and those due within 30 days, soonest first (as the API sorts them). */
  followUpsToMake(): Observable<FollowUpsToMake> {
    return forkJoin({
      overdue: this.page<FollowUp>('reunions/follow-ups', {
        status: 'overdue',
      }),
      due: this.page<FollowUp>('reunions/follow-ups', { status: 'due' }),
    });
  }

  childrenInCare(): Observable<ChildrenInCare> {
    return forkJoin({
      byStatus: this.countEach(
        'rescued-children',
        'status',
        RESCUED_CHILD_STATUSES,
      ),
      seekingFamily: this.count('rescued-children', {
        status: 'in_care',
        identified: 'false',
      }),
      inCare: this.allInCare(),
    }).pipe(
      map(({ byStatus, seekingFamily, inCare }) => ({
        byStatus,
        seekingFamily,
        byAge: countByAge(inCare.items.map((c) => c.estimatedAgeYears)),
        ageIncomplete: inCare.items.length < inCare.total,
      })),
    );
  }

  adminSummary(since: Date): Observable<AdminSummary> {
    return forkJoin({
      users: this.count('users'),
      lockedUsers: this.count('users', { status: 'locked' }),
      organisations: this.count('organisations'),
      deniedLastWeek: this.count('audit', {
        outcome: 'denied',
        from: since.toISOString(),
      }),
    });
  }

  /** The children in care, page after page (an NGO cares for tens, not thousands). */
  private allInCare(): Observable<{ items: RescuedChild[]; total: number }> {
    const pageOf = (page: number) =>
      this.http.get<Page<RescuedChild>>(`${API}/rescued-children`, {
        params: queryParams({ status: 'in_care', page, pageSize: 100 }),
      });
    return pageOf(1).pipe(
      switchMap((first) => {
        const pages = Math.min(Math.ceil(first.total / 100), CARE_PAGES);
        const rest = Array.from({ length: Math.max(pages - 1, 0) }, (_, i) =>
          pageOf(i + 2),
        );
        return (rest.length ? forkJoin(rest) : of([])).pipe(
          map((more) => ({
            items: [first, ...more].flatMap((p) => p.items),
            total: first.total,
          })),
        );
      }),
    );
  }
}

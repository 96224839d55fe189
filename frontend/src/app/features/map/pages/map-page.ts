import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import type { AfterViewInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type * as Leaflet from 'leaflet';
import { forkJoin, of } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { loadLeaflet, MapTilesService, MAX_ZOOM } from '@hw/shared/map/map-tiles';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { MapDataService } from '../data/map-data';
import type { MapPoint } from '../data/map-data';

const TAIHE: [number, number] = [33.16, 115.62];
const CASE_STATUSES = ['open', 'sighted', 'located', 'rescued', 'reunited', 'closed'] as const;
const SIGHTING_STATUSES = ['new', 'triaged', 'linked', 'dismissed', 'duplicate'] as const;

type LeafletWithCluster = typeof Leaflet & { markerClusterGroup: (options?: object) => Leaflet.FeatureGroup };

/** Leaflet, then the cluster plugin, which extends the global `L`. Loaded only on this page. */
async function loadLeafletWithCluster(): Promise<LeafletWithCluster> {
  const L = await loadLeaflet();
  (globalThis as { L?: unknown }).L = L;
  await import('leaflet.markercluster');
  return L as LeafletWithCluster;
}

@Component({
  selector: 'hw-map-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslocoPipe, DateTimePipe],
  templateUrl: './map-page.html',
  styleUrl: './map-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MapPage implements AfterViewInit {
  private readonly data = inject(MapDataService);
  private readonly tiles = inject(MapTilesService);
  private readonly problems = inject(ProblemService);
  private readonly ability = inject(AbilityService);
  protected readonly language = inject(LanguageService).current;
  private readonly container = viewChild.required<ElementRef<HTMLElement>>('map');

  protected readonly canCases = this.ability.can('read', 'Case');
  protected readonly canSightings = this.ability.can('read', 'Sighting');
  protected readonly caseStatuses = CASE_STATUSES;
  protected readonly sightingStatuses = SIGHTING_STATUSES;
  protected readonly loading = signal(false);
  protected readonly tilesFailed = signal(false);
  protected readonly selected = signal<MapPoint | null>(null);
  protected readonly counts = signal({ cases: 0, sightings: 0 });

  protected readonly filters = new FormGroup({
    caseStatus: new FormControl<string>('open', { nonNullable: true }),
    sightingStatus: new FormControl<string>('all', { nonNullable: true }),
    from: new FormControl<string>('', { nonNullable: true }),
  });

  private L: LeafletWithCluster | null = null;
  private map: Leaflet.Map | null = null;
  private layer: Leaflet.FeatureGroup | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.map?.remove());
    this.filters.valueChanges.subscribe(() => this.load());
  }

  async ngAfterViewInit(): Promise<void> {
    const L = await loadLeafletWithCluster();
    this.L = L;
    // maxZoom on the map itself: the cluster layer needs it, and the tiles arrive later (or never, offline).
    const map = L.map(this.container().nativeElement, { center: TAIHE, zoom: 9, maxZoom: MAX_ZOOM, preferCanvas: true });
    void this.tiles.addTo(L, map, () => this.tilesFailed.set(true));
    this.layer = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 }).addTo(map);
    this.map = map;
    this.load();
  }

  private load(): void {
    if (!this.L || !this.layer) return;
    const { caseStatus, sightingStatus, from } = this.filters.getRawValue();
    const since = from ? new Date(from).toISOString() : undefined;
    this.loading.set(true);
    forkJoin({
      cases: this.canCases ? this.data.cases(caseStatus === 'all' ? undefined : caseStatus, since) : of([]),
      sightings: this.canSightings ? this.data.sightings(sightingStatus === 'all' ? undefined : sightingStatus, since) : of([]),
    }).subscribe({
      next: ({ cases, sightings }) => {
        this.loading.set(false);
        this.counts.set({ cases: cases.length, sightings: sightings.length });
        this.draw([...cases, ...sightings]);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problems.show(error);
      },
    });
  }

  private draw(points: MapPoint[]): void {
    const L = this.L;
    const layer = this.layer;
    if (!L || !layer || !this.map) return;
    layer.clearLayers();
    for (const point of points) {
      const marker = L.circleMarker([point.lat, point.lng], {
        radius: 9,
        weight: 2,
        color: '#fff',
        fillOpacity: 0.9,
        fillColor: point.kind === 'case' ? '#c62828' : '#1565c0',
      });
      marker.on('click', () => this.selected.set(point));
      layer.addLayer(marker);
    }
    if (points.length) this.map.fitBounds(layer.getBounds(), { padding: [32, 32], maxZoom: 13 });
  }
}

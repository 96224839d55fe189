import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type * as Leaflet from 'leaflet';
import { loadLeaflet, MapTilesService, MAX_ZOOM } from '@hw/shared/map/map-tiles';

/** All of China, before a place is chosen. */
const CHINA: [number, number] = [35, 105];
const PICKED_ZOOM = 15;

/**
 * "Tap on the map": a small Leaflet map that reports where it was tapped and marks the chosen place
 * (from a tap, the phone's location or typed coordinates). Tiles as configured on the server; without
 * them (offline) the map stays a plain surface that can still be tapped.
 */
@Component({
  selector: 'hw-place-picker',
  imports: [TranslocoPipe],
  template: `
    <div #map class="hw-place-map" data-testid="place-map" [attr.aria-label]="'report.form.mapLabel' | transloco"></div>
    <p class="hw-muted">{{ (tilesFailed() ? 'report.form.mapOffline' : 'report.form.tapMap') | transloco }}</p>
  `,
  styles: `
    .hw-place-map {
      height: 240px;
      border-radius: 8px;
      background: #e8ecef;
      cursor: crosshair;
      z-index: 0;
    }
    p {
      margin: 4px 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacePicker {
  private readonly tiles = inject(MapTilesService);
  private readonly container = viewChild.required<ElementRef<HTMLElement>>('map');

  readonly latitude = input<number | null>(null);
  readonly longitude = input<number | null>(null);
  readonly disabled = input(false);
  readonly picked = output<{ latitude: number; longitude: number }>();

  protected readonly tilesFailed = signal(false);
  private L: typeof Leaflet | null = null;
  private map: Leaflet.Map | null = null;
  private marker: Leaflet.CircleMarker | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.map?.remove());
    afterNextRender(() => void this.init());
    effect(() => this.mark(this.latitude(), this.longitude()));
  }

  private async init(): Promise<void> {
    const L = await loadLeaflet();
    const map = L.map(this.container().nativeElement, { center: CHINA, zoom: 4, maxZoom: MAX_ZOOM });
    void this.tiles.addTo(L, map, () => this.tilesFailed.set(true));
    map.on('click', (event: Leaflet.LeafletMouseEvent) => {
      if (this.disabled()) return;
      // Six decimals ≈ 10 cm, as the phone's location is sent.
      const round = (n: number) => Math.round(n * 1e6) / 1e6;
      this.picked.emit({ latitude: round(event.latlng.lat), longitude: round(L.Util.wrapNum(event.latlng.lng, [-180, 180], true)) });
    });
    this.L = L;
    this.map = map;
    this.mark(this.latitude(), this.longitude());
  }

  private mark(latitude: number | null, longitude: number | null): void {
    const { L, map } = this;
    if (!L || !map) return;
    const valid = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
    if (!valid) {
      this.marker?.remove();
      this.marker = null;
      return;
    }
    const at: [number, number] = [latitude, longitude];
    if (this.marker) this.marker.setLatLng(at);
    else this.marker = L.circleMarker(at, { radius: 10, weight: 3, color: '#fff', fillColor: '#c62828', fillOpacity: 0.95 }).addTo(map);
    if (!map.getBounds().pad(-0.2).contains(at) || map.getZoom() < PICKED_ZOOM - 3) map.setView(at, Math.max(map.getZoom(), PICKED_ZOOM));
  }
}

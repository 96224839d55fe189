import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { API } from '@hw/core/api/api';

/**
 * A photo attachment (of a file, a sighting or a rescued child). Attachments need the bearer token, so
 * the picture is fetched through HttpClient (the interceptor adds the token) and shown from an object
 * URL, freed when it changes or the component goes. `objectFit="cover"` crops it to fill a tile.
 */
@Component({
  selector: 'hw-attachment-image',
  imports: [MatIconModule],
  template: `
    @if (url(); as src) {
      <img [src]="src" [alt]="alt()" [style.object-fit]="objectFit()" />
    } @else {
      <div class="hw-placeholder" role="img" [attr.aria-label]="alt()">
        <mat-icon [svgIcon]="failed() ? 'error' : 'photo_camera'" />
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      background: var(--mat-sys-surface-container);
      border-radius: 8px;
      overflow: hidden;
    }
    img {
      display: block;
      width: 100%;
      height: 100%;
    }
    .hw-placeholder {
      display: flex;
      align-items: center;
      justify-content: center;
      width: 100%;
      height: 100%;
      min-height: 120px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttachmentImage {
  private readonly http = inject(HttpClient);
  readonly attachmentId = input<string | null>(null);
  readonly variant = input<'display' | 'thumbnail'>('display');
  readonly objectFit = input<'contain' | 'cover'>('contain');
  readonly alt = input('');
  protected readonly url = signal<string | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    effect((onCleanup) => {
      const id = this.attachmentId();
      this.failed.set(false);
      if (!id) return;
      const subscription = this.http
        .get(`${API}/attachments/${encodeURIComponent(id)}/${this.variant()}`, {
          responseType: 'blob',
        })
        .subscribe({
          next: (blob) => this.url.set(URL.createObjectURL(blob)),
          error: () => this.failed.set(true),
        });
      onCleanup(() => {
        subscription.unsubscribe();
        this.release();
      });
    });
    inject(DestroyRef).onDestroy(() => this.release());
  }

  private release(): void {
    const url = this.url();
    if (url) URL.revokeObjectURL(url);
    this.url.set(null);
  }
}

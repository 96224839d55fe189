import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import type { ChartSpec } from './chart-options';

/**
 * A chart with its figures as text for screen readers (the drawing itself is hidden from them).
 * ECharts is loaded on first use (see home.routes.ts).
 */
@Component({
  selector: 'hw-chart',
  imports: [NgxEchartsDirective],
  template: `
    <div
      echarts
      class="hw-chart-canvas"
      [options]="spec().options"
      aria-hidden="true"
      [style.height.px]="height()"
    ></div>
    <p class="hw-visually-hidden">{{ spec().summary }}</p>
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .hw-chart-canvas {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Chart {
  readonly spec = input.required<ChartSpec>();
  readonly height = input(260);
}

import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, afterRenderEffect, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTree, MatTreeModule } from '@angular/material/tree';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { JurisdictionsApiService, toTree } from '../../data/jurisdictions-api.service';
import type { JurisdictionNode } from '../../data/jurisdictions-api.service';

/** The jurisdiction tree (nation → province → prefecture → county) as a Material tree. */
@Component({
  selector: 'hw-jurisdiction-tree-page',
  imports: [NgTemplateOutlet, MatButtonModule, MatIconModule, MatProgressBarModule, MatTreeModule, TranslocoPipe, EmptyState],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'admin.jurisdictions.title' | transloco }}</h1>
    </header>
    <p class="hw-intro">{{ 'admin.jurisdictions.intro' | transloco }}</p>
    <div class="hw-table-wrap hw-tree-wrap">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @if (roots().length) {
        <mat-tree
          #tree
          [dataSource]="roots()"
          [childrenAccessor]="children"
          [expansionKey]="key"
          [attr.aria-label]="'admin.jurisdictions.title' | transloco"
        >
          <mat-tree-node *matTreeNodeDef="let node" matTreeNodePadding [cdkTreeNodeTypeaheadLabel]="label(node)">
            <span class="hw-toggle-space"></span>
            <ng-container *ngTemplateOutlet="row; context: { $implicit: node }" />
          </mat-tree-node>
          <mat-tree-node
            *matTreeNodeDef="let node; when: hasChildren"
            matTreeNodePadding
            matTreeNodeToggle
            [cdkTreeNodeTypeaheadLabel]="label(node)"
          >
            <button mat-icon-button type="button" matTreeNodeToggle [attr.aria-label]="'admin.jurisdictions.toggle' | transloco: { name: label(node) }">
              <mat-icon [svgIcon]="tree.isExpanded(node) ? 'expand_more' : 'chevron_right'" />
            </button>
            <ng-container *ngTemplateOutlet="row; context: { $implicit: node }" />
          </mat-tree-node>
        </mat-tree>
      } @else if (!loading()) {
        <hw-empty-state icon="account_tree" [title]="'admin.jurisdictions.empty' | transloco" />
      }
    </div>
    <ng-template #row let-node>
      <span class="hw-node-name">{{ label(node) }}</span>
      <span class="hw-node-meta">{{ 'jurisdictionLevels.' + node.level | transloco }} · {{ node.code }}</span>
    </ng-template>
  `,
  styles: `
    .hw-intro {
      color: var(--mat-sys-on-surface-variant);
      margin: -8px 0 16px;
    }
    .hw-tree-wrap {
      padding: 8px 0;
    }
    .hw-toggle-space {
      display: inline-block;
      width: 48px;
    }
    .hw-node-name {
      font: var(--mat-sys-title-small);
      margin-right: 12px;
    }
    .hw-node-meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JurisdictionTreePage {
  private readonly problems = inject(ProblemService);
  private readonly language = inject(LanguageService).current;
  private readonly tree = viewChild<MatTree<JurisdictionNode, string>>('tree');
  protected readonly roots = signal<JurisdictionNode[]>([]);
  protected readonly loading = signal(true);
  protected readonly children = (node: JurisdictionNode) => node.children;
  protected readonly hasChildren = (_: number, node: JurisdictionNode) => node.children.length > 0;
  protected readonly key = (node: JurisdictionNode) => node.code;

  constructor() {
    inject(JurisdictionsApiService)
      .list()
      .subscribe({
        next: (items) => {
          this.roots.set(toTree(items));
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
    // Open the first two levels once the tree is on screen.
    let opened = false;
    afterRenderEffect(() => {
      const tree = this.tree();
      if (!tree || opened) return;
      opened = true;
      for (const root of this.roots()) {
        tree.expand(root);
        root.children.forEach((child) => tree.expand(child));
      }
    });
  }

  protected label(node: JurisdictionNode): string {
    return this.language() === 'zh-CN' ? node.name : node.nameEn;
  }
}

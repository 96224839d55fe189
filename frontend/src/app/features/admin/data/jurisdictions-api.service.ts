import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type JurisdictionDto = Schemas['JurisdictionDto'];

export interface JurisdictionNode extends JurisdictionDto {
  children: JurisdictionNode[];
}

/** The flat list (parentCode) as a tree, children in code order. */
export function toTree(items: readonly JurisdictionDto[]): JurisdictionNode[] {
  const nodes = new Map<string, JurisdictionNode>(items.map((j) => [j.code, { ...j, children: [] }]));
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: JurisdictionNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

@Injectable({ providedIn: 'root' })
export class JurisdictionsApiService {
  private readonly http = inject(HttpClient);

  list() {
    return this.http.get<JurisdictionDto[]>(`${API}/jurisdictions`);
  }

  update(code: string, body: Schemas['UpdateJurisdictionDto']) {
    return this.http.patch<JurisdictionDto>(`${API}/jurisdictions/${encodeURIComponent(code)}`, body);
  }
}

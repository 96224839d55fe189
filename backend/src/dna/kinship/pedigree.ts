import type { TransitionMatrix } from './mutation';
import { type AlleleWeight, founderAlleleSum } from './theta';

/** The roles of typed persons; they match the profile names of the calculator input. */
export type TypedRole = 'child' | 'alleged' | 'mother' | 'father';

export interface PedigreeMember {
  /** Indices into the pedigree; both absent for a founder. */
  father?: number;
  mother?: number;
  typedAs?: TypedRole;
}

/** An unordered genotype as allele indices into the locus' allele list. */
export type Genotype = readonly [number, number];

/** Everything the likelihood needs to know about one locus. */
export interface LocusModel {
  readonly frequencies: Float64Array;
  readonly theta: number;
  /** Transition matrix for `meioses` consecutive meioses (M^meioses); null means no mutation (identity). */
  transmission(meioses: number): TransitionMatrix | null;
  /**
   * For an untyped founder allele passed down one or two paths of k1 (, k2) meioses to typed alleles x (, y):
   * Σ_a p_a M^k1[a,x] (· M^k2[a,y]), indexed [x] or [x·n + y]. A memoised shortcut for the common case (θ = 0).
   */
  founderTable(k1: number, k2?: number): Float64Array;
}

/*
 * Pedigree likelihood by summing over inheritance vectors (which parental allele each meiosis copies).
 * For a fixed vector, founder alleles are roots of trees of "allele slots" (person × paternal/maternal);
 * untyped slots with a single descendant are collapsed into edges of several meioses (M^k). The likelihood
 * for a vector is then Σ over founder allelic states (theta.ts) of Π over edges of M^k entries, and the
 * pedigree likelihood averages over vectors and sums over the orderings of typed heterozygotes.
 * This is the same quantity forrel/pedprobr compute by peeling.
 */

interface AlleleNode {
  /** For a typed slot: which role's genotype, and which allele of its ordered assignment (0 paternal). */
  readonly typed: { role: TypedRole; allele: 0 | 1 } | null;
  readonly children: readonly AlleleEdge[];
}

interface AlleleEdge {
  readonly node: AlleleNode;
  readonly meioses: number;
}

interface AlleleGraph {
  readonly roots: readonly AlleleNode[];
  /** Probability of the inheritance vectors that share this graph. */
  readonly weight: number;
}

export interface CompiledPedigree {
  readonly roles: readonly TypedRole[];
  readonly graphs: readonly AlleleGraph[];
}

function nodeKey(node: AlleleNode): string {
  const label = node.typed ? `${node.typed.role}${node.typed.allele}` : '_';
  return `${label}[${node.children
    .map((e) => `${e.meioses}:${nodeKey(e.node)}`)
    .sort()
    .join(',')}]`;
}

function buildGraph(
  pedigree: readonly PedigreeMember[],
  vector: number,
  nonFounders: readonly number[],
): AlleleNode[] {
  const slotCount = pedigree.length * 2;
  const parentSlot = new Int32Array(slotCount).fill(-1);
  nonFounders.forEach((person, i) => {
    const { father, mother } = pedigree[person];
    parentSlot[person * 2] = (father as number) * 2 + ((vector >> (2 * i)) & 1);
    parentSlot[person * 2 + 1] =
      (mother as number) * 2 + ((vector >> (2 * i + 1)) & 1);
  });
  const childrenOf: number[][] = Array.from({ length: slotCount }, () => []);
  for (let slot = 0; slot < slotCount; slot++)
    if (parentSlot[slot] >= 0) childrenOf[parentSlot[slot]].push(slot);

  // Returns the slot's subtree as an edge of one meiosis from its parent, or null if nothing typed lies below.
  const build = (slot: number): AlleleEdge | null => {
    const role = pedigree[slot >> 1].typedAs;
    const children = childrenOf[slot]
      .map(build)
      .filter((e): e is AlleleEdge => e !== null);
    if (!role && children.length === 0) return null;
    if (!role && children.length === 1 && parentSlot[slot] >= 0) {
      return { node: children[0].node, meioses: children[0].meioses + 1 }; // collapse an untyped pass-through
    }
    return {
      node: {
        typed: role ? { role, allele: (slot & 1) as 0 | 1 } : null,
        children,
      },
      meioses: 1,
    };
  };
  const roots: AlleleNode[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    if (parentSlot[slot] >= 0) continue;
    const edge = build(slot);
    if (edge) roots.push(edge.node);
  }
  return roots;
}

/** Enumerates all inheritance vectors once and merges those giving the same allele graph. */
export function compilePedigree(
  pedigree: readonly PedigreeMember[],
): CompiledPedigree {
  const nonFounders = pedigree.flatMap((m, i) =>
    m.father === undefined ? [] : [i],
  );
  const vectorCount = 2 ** (2 * nonFounders.length);
  const graphs = new Map<string, { roots: AlleleNode[]; weight: number }>();
  for (let vector = 0; vector < vectorCount; vector++) {
    const roots = buildGraph(pedigree, vector, nonFounders);
    const key = roots.map(nodeKey).sort().join('|');
    const entry = graphs.get(key);
    if (entry) entry.weight += 1 / vectorCount;
    else graphs.set(key, { roots, weight: 1 / vectorCount });
  }
  const roles = pedigree.flatMap((m) => (m.typedAs ? [m.typedAs] : []));
  return { roles, graphs: [...graphs.values()] };
}

export type OrderedGenotypes = Partial<Record<TypedRole, Genotype>>;

/** Value at allelic state `a` of a child subtree seen through `meioses` meioses: Σ_b M^k[a,b] w(b). */
function edgeValue(
  weight: AlleleWeight,
  matrix: TransitionMatrix | null,
  a: number,
): number {
  if (weight instanceof Float64Array) {
    if (!matrix) return weight[a];
    let sum = 0;
    for (let b = 0; b < weight.length; b++) sum += matrix.at(a, b) * weight[b];
    return sum;
  }
  return (
    weight.scale *
    (matrix ? matrix.at(a, weight.allele) : a === weight.allele ? 1 : 0)
  );
}

function nodeWeight(
  node: AlleleNode,
  genotypes: OrderedGenotypes,
  model: LocusModel,
): AlleleWeight {
  const children = node.children.map((e) => ({
    weight: nodeWeight(e.node, genotypes, model),
    matrix: model.transmission(e.meioses),
  }));
  if (node.typed) {
    const allele = (genotypes[node.typed.role] as Genotype)[node.typed.allele];
    let scale = 1;
    for (const child of children)
      scale *= edgeValue(child.weight, child.matrix, allele);
    return { allele, scale };
  }
  const n = model.frequencies.length;
  const dense = new Float64Array(n).fill(1);
  for (const child of children)
    for (let a = 0; a < n; a++)
      dense[a] *= edgeValue(child.weight, child.matrix, a);
  return dense;
}

/** Every assignment of paternal/maternal alleles to the typed heterozygotes. */
function orderings(
  roles: readonly TypedRole[],
  genotypes: OrderedGenotypes,
): OrderedGenotypes[] {
  const sorted = roles.map((role): Genotype => {
    const genotype = genotypes[role];
    if (!genotype)
      throw new Error(`pedigree likelihood needs the genotype of ${role}`);
    // Sorted, so that the same genotype always sums in the same order (search index == calculator, bit for bit).
    return genotype[0] <= genotype[1] ? genotype : [genotype[1], genotype[0]];
  });
  const heterozygous = roles.filter(
    (_, r) => sorted[r][0] !== sorted[r][1],
  ).length;
  const result: OrderedGenotypes[] = [];
  for (let mask = 0; mask < 1 << heterozygous; mask++) {
    const ordered: OrderedGenotypes = {};
    let bit = 0;
    roles.forEach((role, r) => {
      const [a, b] = sorted[r];
      if (a === b) ordered[role] = [a, b];
      else ordered[role] = (mask >> bit++) & 1 ? [b, a] : [a, b];
    });
    result.push(ordered);
  }
  return result;
}

/** Where a typed allele's value comes from: the role's ordered genotype, paternal (0) or maternal (1). */
type TypedSlot = NonNullable<AlleleNode['typed']>;
const alleleOf = (slot: TypedSlot, genotypes: OrderedGenotypes): number =>
  (genotypes[slot.role] as Genotype)[slot.allele];

/**
 * θ = 0 shortcuts for the usual root shapes (every pairwise relationship and trio has only these):
 * an untyped founder allele over one or two typed leaves reads a memoised table, a typed founder allele
 * over typed leaves is p_o · Π M^k[o, leaf]. Anything else goes through `nodeWeight`.
 */
function rootValue(
  root: AlleleNode,
  genotypes: OrderedGenotypes,
  model: LocusModel,
): number {
  const edges = root.children;
  const leavesOnly = edges.every(
    (e) => e.node.typed && e.node.children.length === 0,
  );
  if (leavesOnly && root.typed) {
    const allele = alleleOf(root.typed, genotypes);
    let value = model.frequencies[allele];
    for (const e of edges)
      value *= edgeValue(
        { allele: alleleOf(e.node.typed as TypedSlot, genotypes), scale: 1 },
        model.transmission(e.meioses),
        allele,
      );
    return value;
  }
  if (leavesOnly && edges.length === 1) {
    return model.founderTable(edges[0].meioses)[
      alleleOf(edges[0].node.typed as TypedSlot, genotypes)
    ];
  }
  if (leavesOnly && edges.length === 2) {
    const [x, y] = edges.map((e) =>
      alleleOf(e.node.typed as TypedSlot, genotypes),
    );
    return model.founderTable(edges[0].meioses, edges[1].meioses)[
      x * model.frequencies.length + y
    ];
  }
  return founderAlleleSum(
    [nodeWeight(root, genotypes, model)],
    model.frequencies,
    0,
  );
}

function graphLikelihood(
  graph: AlleleGraph,
  genotypes: OrderedGenotypes,
  model: LocusModel,
): number {
  if (model.theta === 0) {
    let product = 1;
    for (let r = 0; r < graph.roots.length && product !== 0; r++)
      product *= rootValue(graph.roots[r], genotypes, model);
    return product;
  }
  const weights = graph.roots.map((root) => nodeWeight(root, genotypes, model));
  return founderAlleleSum(weights, model.frequencies, model.theta);
}

/** P(typed genotypes | pedigree) at one locus. `genotypes` (unordered) must contain every role the pedigree types. */
export function pedigreeLikelihood(
  pedigree: CompiledPedigree,
  model: LocusModel,
  genotypes: OrderedGenotypes,
): number {
  let likelihood = 0;
  for (const ordered of orderings(pedigree.roles, genotypes)) {
    for (const graph of pedigree.graphs)
      likelihood += graph.weight * graphLikelihood(graph, ordered, model);
  }
  return likelihood;
}

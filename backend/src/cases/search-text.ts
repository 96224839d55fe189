import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** 张小明 → 'zhang xiao ming'; non-Chinese text is lower-cased and kept as it is. */
export function fullPinyin(text: string): string {
  // Without Chinese characters there is nothing to convert (and pinyin-pro takes up to a millisecond
  // on a typed pinyin query, on every search).
  if (!hasHan(text)) return text.trim().toLowerCase().replace(/\s+/g, ' ');
  return pinyin(text.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** 张小明 → 'zxm'. */
export function pinyinInitials(text: string): string {
  return pinyin(text.trim(), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' })
    .map((s) => s.toLowerCase().trim())
    .join('');
}

/** Lower-case letters and digits only: 'Zhang Xiao-ming' → 'zhangxiaoming'. */
export function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * What name search looks in, computed whenever a file's names are written:
 * full pinyin with spaces, the same without spaces, and initials, for each name.
 * 张小明 → 'zhang xiao ming zhangxiaoming zxm'.
 */
export function searchPinyin(...names: (string | null | undefined)[]): string {
  const parts: string[] = [];
  for (const name of splitNames(names)) {
    const spaced = fullPinyin(name);
    parts.push(spaced, compact(spaced));
    if (hasHan(name)) parts.push(pinyinInitials(name));
  }
  return [...new Set(parts.filter(Boolean))].join(' ');
}

/** Longest term kept: names are short; this bounds what one long name can add to the index. */
const MAX_TERM_LENGTH = 40;

/** Marks the near pass's terms, so that they never answer the exact pass. */
const NEAR_MARK = '~';

/** The shortest run of a name (and query) the near pass takes: shorter words are one letter away from too many names. */
export const MIN_NEAR_LENGTH = 5;

/**
 * The near pass's keys of a word: the word and each way of leaving one letter out of it. Two words share
 * a key when they are one typo apart (a letter wrong, missing or extra, or two neighbours swapped), so a
 * misspelt name is found by an exact index lookup instead of a trigram scan.
 */
export function nearKeys(word: string): string[] {
  const keys = new Set([word]);
  for (let i = 0; i < word.length; i++) keys.add(word.slice(0, i) + word.slice(i + 1));
  return [...keys].map((key) => NEAR_MARK + key);
}

/**
 * The terms an exact index lookup answers (`search_terms @> ARRAY[term]`), so that what officers
 * usually type needs no trigram scan: for each name, every beginning (two letters or more) of its
 * pinyin run together from each syllable on, and of its initials from each character on.
 * 张小明 → zh … zhangxiaoming, xi … xiaoming, mi … ming, zx, zxm, xm.
 * A query is looked up as `compact(fullPinyin(q))`. The near pass's keys (`nearKeys`) of each
 * pinyin run of five letters or more are terms too: ~zhangxiaoming, ~hangxiaoming, … ~xiaoming, ~iaoming, ….
 */
export function searchTerms(...names: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  const addBeginnings = (units: string[], near: boolean) => {
    for (let start = 0; start < units.length; start++) {
      const run = units.slice(start).join('').slice(0, MAX_TERM_LENGTH);
      for (let end = 2; end <= run.length; end++) terms.add(run.slice(0, end));
      if (near && run.length >= MIN_NEAR_LENGTH) for (const key of nearKeys(run)) terms.add(key);
    }
  };
  for (const name of splitNames(names)) {
    addBeginnings(fullPinyin(name).split(' ').map(compact).filter(Boolean), true);
    if (hasHan(name)) addBeginnings([...pinyinInitials(name)], false);
  }
  return [...terms];
}

/** The two search columns of a file, from its names: whenever the names are written, both are. */
export function nameSearchColumns(fullName: string, otherNames?: string | null): { searchPinyin: string; searchTerms: string[] } {
  return { searchPinyin: searchPinyin(fullName, otherNames), searchTerms: searchTerms(fullName, otherNames) };
}

function splitNames(names: (string | null | undefined)[]): string[] {
  return names.flatMap((raw) => (raw ? raw.split(/[,，、;；/]+/).map((n) => n.trim()).filter(Boolean) : []));
}

/** Escapes LIKE/ILIKE metacharacters so that user text matches literally (use with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export const CASE_NUMBER_QUERY = /^MC-?(\d{1,4})?(-\d{0,6})?$/i;

/** 'mc-2026-0001' → 'MC-2026-0001' when the query looks like (the start of) a case number. */
export function caseNumberPrefix(q: string): string | null {
  const t = q.trim().toUpperCase();
  if (!CASE_NUMBER_QUERY.test(t)) return null;
  return t.startsWith('MC-') ? t : `MC-${t.slice(2)}`;
}

/**
 * How a name query is matched: `exact` by terms (and case numbers), `substring`, `near` (one typo away,
 * by the near keys among the terms), `similar` (misspelt further: trigram similarity).
 */
export type SearchPass = 'exact' | 'substring' | 'near' | 'similar';

/**
 * The passes a query runs through, cheapest first; the list stops at the first that finds a file.
 * Text of four letters or more that no term matches is taken as misspelt: one typo away first (five
 * letters or more), then by trigram similarity (a fragment from inside a syllable is then found only
 * when it is similar enough to a name). Shorter text is looked for anywhere in the names.
 */
export function searchPasses(q: string | undefined): SearchPass[] {
  if (!q || caseNumberPrefix(q)) return ['exact'];
  const term = compact(fullPinyin(q));
  if (term.length < 2) return ['substring'];
  if (term.length < 4) return ['exact', 'substring'];
  return term.length < MIN_NEAR_LENGTH ? ['exact', 'similar'] : ['exact', 'near', 'similar'];
}

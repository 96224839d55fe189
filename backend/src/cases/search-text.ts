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
  for (const raw of names) {
    if (!raw) continue;
    for (const name of raw.split(/[,，、;；/]+/).map((n) => n.trim()).filter(Boolean)) {
      const spaced = fullPinyin(name);
      parts.push(spaced, compact(spaced));
      if (hasHan(name)) parts.push(pinyinInitials(name));
    }
  }
  return [...new Set(parts.filter(Boolean))].join(' ');
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

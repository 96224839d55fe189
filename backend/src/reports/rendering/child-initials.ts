import { pinyin } from 'pinyin-pro';
import type { ReportLanguage } from './types';

/**
 * How a child's name is shortened in reports (the default; full names only when a supervisor asks,
 * which the caller audits).
 *
 * - Names in Chinese characters:
 *   - in a Chinese report, the surname followed by 某, the convention of Chinese police notices,
 *     court judgments and the press: 王小明 → 王某, 欧阳娜娜 → 欧阳某 (common two-character
 *     surnames are recognised). Names with a middle dot (e.g. 阿依古丽·买买提, transcribed Uyghur
 *     names, which have no surname) keep the first character of the first part: 阿某.
 *   - in an English report, the pinyin initial of each character, upper case, with full stops:
 *     王小明 → W.X.M., 单小明 → S.X.M. (surname readings: 单 is Shàn as a surname).
 *     Dotted names take one initial per part: 阿依古丽·买买提 → A.M.
 * - Other names (Latin script etc.): the first letter of each word, split on spaces and hyphens,
 *   upper case, with full stops, in both languages: Maria José Santos → M.J.S., Anna-Lena Berg → A.L.B.
 * - No name (null or blank): null; the report prints "unnamed".
 *
 * Both forms reveal at most a surname or one letter per syllable, never a given name.
 */
export function childInitials(name: string | null | undefined, language: ReportLanguage): string | null {
  const trimmed = (name ?? '').normalize('NFC').trim();
  if (!trimmed) return null;
  const parts = trimmed.split(/[·•・.．\s]+/u).filter(Boolean);
  if (parts.length > 0 && parts.every(isHan)) {
    if (language === 'zh-CN') {
      if (parts.length > 1) return `${[...parts[0]][0]}某`;
      return `${surnameOf(parts[0])}某`;
    }
    if (parts.length > 1) return parts.map((part) => `${hanInitials(part, false)[0]}.`).join('');
    return hanInitials(parts[0], true).map((initial) => `${initial}.`).join('');
  }
  const words = trimmed.split(/[\s\-‐‑–—·•]+/u).filter(Boolean);
  return words.map((word) => `${firstLetter(word).toLocaleUpperCase()}.`).join('');
}

/** The name as printed: initials or the full name; `fallback` for no name. */
export function displayChildName(name: string | null, mode: 'initials' | 'full', language: ReportLanguage, fallback: string): string {
  if (mode === 'full') return name?.trim() || fallback;
  return childInitials(name, language) ?? fallback;
}

const HAN = /^[\p{Script=Han}]+$/u;

function isHan(text: string): boolean {
  return HAN.test(text);
}

/** The most common two-character surnames (复姓). */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '端木', '独孤', '南宫', '西门', '钟离', '澹台', '公羊', '赫连', '呼延', '百里', '东郭', '万俟', '闻人', '司空', '太史',
]);

function surnameOf(han: string): string {
  const characters = [...han];
  const firstTwo = characters.slice(0, 2).join('');
  // A name of just a compound surname's two characters is more likely a given name: keep one.
  if (characters.length > 2 && COMPOUND_SURNAMES.has(firstTwo)) return firstTwo;
  return characters[0];
}

function hanInitials(han: string, asFullName: boolean): string[] {
  const initials = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array', surname: asFullName ? 'head' : 'off' });
  return initials.map((initial) => initial.toLocaleUpperCase());
}

function firstLetter(word: string): string {
  const match = /\p{L}|\p{N}/u.exec(word);
  return match ? match[0] : [...word][0];
}

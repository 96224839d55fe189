import { caseNumberPrefix, compact, escapeLike, fullPinyin, pinyinInitials, searchPinyin } from './search-text';

describe('search text helpers', () => {
  it('writes full pinyin without tones and the initials', () => {
    expect(fullPinyin('张小明')).toBe('zhang xiao ming');
    expect(pinyinInitials('张小明')).toBe('zxm');
    expect(fullPinyin('吕丽')).toBe('lv li');
  });

  it('puts spaced, compact and initial forms of every name into the search column', () => {
    expect(searchPinyin('张小明', '明明')).toBe('zhang xiao ming zhangxiaoming zxm ming ming mingming mm');
    expect(searchPinyin('Anna Li', null)).toBe('anna li annali');
  });

  it('keeps text without Chinese characters as typed, lower-cased with single spaces (as pinyin-pro would)', () => {
    expect(fullPinyin(' Zhang  Xiao-Ming ')).toBe('zhang xiao-ming');
    expect(fullPinyin('x\ty\nz')).toBe('x y z');
    expect(fullPinyin("50%_'; --")).toBe("50%_'; --");
    expect(fullPinyin('张 Anna')).toBe('zhang anna');
  });

  it('compacts latin text to letters and digits', () => {
    expect(compact('Zhang Xiao-ming')).toBe('zhangxiaoming');
  });

  it('escapes LIKE metacharacters', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('recognises case numbers and their beginnings', () => {
    expect(caseNumberPrefix('mc-2026-000123')).toBe('MC-2026-000123');
    expect(caseNumberPrefix('MC-2026')).toBe('MC-2026');
    expect(caseNumberPrefix('MC2026')).toBe('MC-2026');
    expect(caseNumberPrefix('张小明')).toBeNull();
    expect(caseNumberPrefix("'; DROP TABLE cases; --")).toBeNull();
  });
});

import { caseNumberPrefix, compact, escapeLike, fullPinyin, nearKeys, pinyinInitials, searchPasses, searchPinyin, searchTerms } from './search-text';

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

  it('gives every beginning of each name from each syllable on, and of its initials, as exact search terms', () => {
    const terms = searchTerms('张小明', '明明');
    for (const typed of ['zh', 'zhang', 'zhangxiao', 'zhangxiaomi', 'zhangxiaoming', 'xiao', 'xiaoming', 'ming', 'zxm', 'xm', 'mingming', 'mm']) {
      expect(terms).toContain(typed);
    }
    // Not the inside of a syllable, nor single letters, nor anything twice.
    for (const inside of ['hang', 'iaom', 'z', 'm']) expect(terms).not.toContain(inside);
    expect(new Set(terms).size).toBe(terms.length);
    expect(searchTerms('Anna Li').filter((t) => !t.startsWith('~'))).toEqual(['an', 'ann', 'anna', 'annal', 'annali', 'li']);
    expect(searchTerms(null, '')).toEqual([]);
    // A very long name adds bounded terms.
    expect(Math.max(...searchTerms('x'.repeat(500)).map((t) => t.replace(/^~/, '').length))).toBe(40);
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

  it('runs the exact pass first, then substrings for short text or similarity for longer text', () => {
    expect(searchPasses('张小明')).toEqual(['exact', 'near', 'similar']);
    expect(searchPasses('zhangxaioming')).toEqual(['exact', 'near', 'similar']);
    expect(searchPasses('ming')).toEqual(['exact', 'similar']);
    expect(searchPasses('li')).toEqual(['exact', 'substring']);
    expect(searchPasses('%')).toEqual(['substring']);
    expect(searchPasses('MC-2026-00')).toEqual(['exact']);
    expect(searchPasses(undefined)).toEqual(['exact']);
  });

  it('gives a name run of five letters or more near keys that a query one typo away shares', () => {
    const terms = new Set(searchTerms('张小明'));
    expect(terms).toContain('~zhangxiaoming');
    expect(terms).toContain('~xiaoming');
    expect(terms).not.toContain('~ming');
    const found = (typed: string) => nearKeys(typed).some((key) => terms.has(key));
    expect(found('zhangxaioming')).toBe(true); // two letters swapped
    expect(found('zhangxiaomin')).toBe(true); // a letter missing
    expect(found('zhangxiiaoming')).toBe(true); // a letter extra
    expect(found('zhangxiaoning')).toBe(true); // a letter wrong
    expect(found('xiaomnig')).toBe(true); // the given name alone, misspelt
    expect(found('zhangxaiomnig')).toBe(false); // two typos: left to the similarity pass
    expect(found('lixiaoming')).toBe(false);
  });
});

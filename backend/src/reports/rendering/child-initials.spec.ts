import { childInitials, displayChildName } from './child-initials';

describe('childInitials', () => {
  it('shortens a Chinese name to surname + 某 in Chinese reports', () => {
    expect(childInitials('王小明', 'zh-CN')).toBe('王某');
    expect(childInitials('李娜', 'zh-CN')).toBe('李某');
    expect(childInitials('  张 子涵 ', 'zh-CN')).toBe('张某');
  });

  it('keeps a two-character compound surname', () => {
    expect(childInitials('欧阳娜娜', 'zh-CN')).toBe('欧阳某');
    expect(childInitials('司马光', 'zh-CN')).toBe('司马某');
    // Only two characters: read as surname + given name, not as a bare compound surname.
    expect(childInitials('欧阳', 'zh-CN')).toBe('欧某');
  });

  it('gives pinyin initials for a Chinese name in English reports, with surname readings', () => {
    expect(childInitials('王小明', 'en')).toBe('W.X.M.');
    expect(childInitials('单小明', 'en')).toBe('S.X.M.'); // 单 as a surname is Shàn, not Dān
    expect(childInitials('曾国藩', 'en')).toBe('Z.G.F.'); // 曾 as a surname is Zēng, not Céng
  });

  it('handles names with a middle dot (no surname)', () => {
    expect(childInitials('阿依古丽·买买提', 'zh-CN')).toBe('阿某');
    expect(childInitials('阿依古丽·买买提', 'en')).toBe('A.M.');
  });

  it('gives the initial of each word of a Latin name in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      expect(childInitials('Maria José Santos', language)).toBe('M.J.S.');
      expect(childInitials('anna-lena berg', language)).toBe('A.L.B.');
      expect(childInitials("Seán O'Brien", language)).toBe('S.O.');
    }
  });

  it('returns null for no name', () => {
    expect(childInitials(null, 'zh-CN')).toBeNull();
    expect(childInitials('   ', 'en')).toBeNull();
  });

  it('never contains the given name', () => {
    for (const name of ['王小明', '欧阳娜娜', '陈梓萱']) {
      const given = name.startsWith('欧阳') ? name.slice(2) : name.slice(1);
      expect(childInitials(name, 'zh-CN')).not.toContain(given);
      expect(childInitials(name, 'en')).not.toMatch(/[a-z]/);
    }
  });

  it('prints the full name only when asked, and a fallback for no name', () => {
    expect(displayChildName('王小明', 'initials', 'zh-CN', '姓名不详')).toBe('王某');
    expect(displayChildName('王小明', 'full', 'zh-CN', '姓名不详')).toBe('王小明');
    expect(displayChildName(null, 'full', 'en', 'unnamed')).toBe('unnamed');
    expect(displayChildName(null, 'initials', 'en', 'unnamed')).toBe('unnamed');
  });
});

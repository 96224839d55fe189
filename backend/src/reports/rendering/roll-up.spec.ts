import { rollUpJurisdictions, zeroCounts } from './roll-up';
import type { JurisdictionFiguresRow } from './types';

const row = (code: string, parentCode: string | null, filesOpened: number, childrenRecovered = 0): JurisdictionFiguresRow => ({
  code,
  name: code,
  nameEn: code,
  parentCode,
  own: { ...zeroCounts(), filesOpened, childrenRecovered },
});

describe('rollUpJurisdictions', () => {
  it('adds each jurisdiction the counts of everything below it (hand-counted)', () => {
    const rolled = rollUpJurisdictions([
      row('341222', '341200', 20, 9), // Taihe
      row('340000', null, 1), // Anhui
      row('341200', '340000', 3), // Fuyang
      row('341221', '341200', 11, 4), // Linquan
      row('340100', '340000', 5, 1), // Hefei
    ]);
    expect(rolled.map((entry) => [entry.row.code, entry.depth, entry.totals.filesOpened, entry.totals.childrenRecovered])).toEqual([
      ['340000', 0, 40, 14],
      ['340100', 1, 5, 1],
      ['341200', 1, 34, 13],
      ['341221', 2, 11, 4],
      ['341222', 2, 20, 9],
    ]);
  });

  it('treats a row whose parent is missing as a root, and does not change the input', () => {
    const rows = [row('341222', '341200', 2), row('341221', '341200', 3)];
    const rolled = rollUpJurisdictions(rows);
    expect(rolled.map((entry) => entry.depth)).toEqual([0, 0]);
    expect(rows[0].own.filesOpened).toBe(2);
  });

  it('refuses duplicate codes and cycles', () => {
    expect(() => rollUpJurisdictions([row('1', null, 1), row('1', null, 1)])).toThrow(/twice/);
    expect(() => rollUpJurisdictions([row('1', '2', 1), row('2', '1', 1)])).toThrow(/cycle/);
  });
});

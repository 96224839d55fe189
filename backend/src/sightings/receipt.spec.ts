import { formatReceipt, newReceiptCode, parseReceipt, RECEIPT_LENGTH } from './receipt';

describe('sighting receipts', () => {
  it('carries at least 128 random bits in Crockford base32', () => {
    expect(RECEIPT_LENGTH * 5).toBeGreaterThanOrEqual(128);
    const codes = new Set(Array.from({ length: 2000 }, newReceiptCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{28}$/);
  });

  it('is shown in groups and read back however it was typed', () => {
    const code = newReceiptCode();
    const shown = formatReceipt(code);
    expect(shown).toMatch(/^HW(-[0-9A-Z]{4}){7}$/);
    expect(parseReceipt(shown)).toBe(code);
    expect(parseReceipt(shown.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(parseReceipt(code)).toBe(code);
  });

  it('reads confusable letters as Crockford digits and refuses what cannot be a receipt', () => {
    expect(parseReceipt('HW-' + 'O'.repeat(28))).toBe('0'.repeat(28));
    expect(parseReceipt('HW-' + 'l'.repeat(28))).toBe('1'.repeat(28));
    expect(parseReceipt('HW-1234')).toBeNull();
    expect(parseReceipt('U'.repeat(28))).toBeNull();
    expect(parseReceipt("' OR 1=1 --")).toBeNull();
  });
});

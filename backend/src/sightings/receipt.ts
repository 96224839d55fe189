import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read out over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 28 characters × 5 bits = 140 random bits. */
export const RECEIPT_LENGTH = 28;

/** A new receipt code in its stored form (28 characters, no prefix, no dashes). */
export function newReceiptCode(): string {
  const bytes = randomBytes(RECEIPT_LENGTH); // one byte per character, 5 bits of it used: uniform
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** How a receipt is shown and read out: HW-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. */
export function formatReceipt(code: string): string {
  return `HW-${code.match(/.{1,4}/g)!.join('-')}`;
}

/**
 * The stored form of a receipt as a person typed it: case, spaces, dashes and the HW- prefix do not
 * matter, and the letters people confuse with digits (I, L → 1; O → 0) are read as Crockford says.
 * Null when it cannot be a receipt.
 */
export function parseReceipt(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.startsWith('HW') && s.length === RECEIPT_LENGTH + 2) s = s.slice(2);
  s = s.replace(/[IL]/g, '1').replace(/O/g, '0');
  if (s.length !== RECEIPT_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

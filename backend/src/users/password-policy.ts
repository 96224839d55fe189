import { HttpStatus, Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { Problem } from '../common/problem';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** About 49,000 passwords seen most often in breaches (zxcvbn-ts' common list), lower-cased. */
const COMMON_PASSWORDS = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

// OWASP's recommended argon2id settings (19 MiB, 2 iterations, 1 lane).
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Passwords as NIST SP 800-63B and OWASP ASVS v4 §2.1 describe them: long, any characters, no
 * composition rules, and never one of the passwords that attackers try first.
 */
@Injectable()
export class PasswordPolicy {
  /** Why a password is refused, or null when it is acceptable. */
  problemWith(password: string, username?: string): string | null {
    const length = [...password].length;
    if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
    if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
    const lower = password.toLowerCase();
    if (COMMON_PASSWORDS.has(lower)) return 'is one of the most common passwords; choose another';
    if (username && lower.includes(username.toLowerCase())) return 'must not contain the username';
    return null;
  }

  assertAcceptable(password: string, field: string, username?: string): void {
    const problem = this.problemWith(password, username);
    if (problem) {
      throw new Problem(HttpStatus.BAD_REQUEST, `The password ${problem}.`, {
        code: 'WEAK_PASSWORD',
        errors: [{ field, message: problem }],
      });
    }
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }

  /** A one-time password for a new or reset account: 20 characters, easy to read out. */
  temporaryPassword(): string {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    const bytes = randomBytes(20);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
    return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
  }
}

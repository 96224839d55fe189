import { HttpStatus } from '@nestjs/common';
import * as argon2 from 'argon2';
import { Problem } from '../common/problem';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordPolicy } from './password-policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it('needs 12 to 128 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(policy.problemWith('k7#vb2!qlm9')).toBe('must be at least 12 characters long');
    expect(policy.problemWith('k7#vb2!qlm9z')).toBeNull();
    expect(policy.problemWith('k7v'.repeat(42) + 'xy')).toBeNull(); // 128
    expect(policy.problemWith('k7v'.repeat(43))).toBe('must be at most 128 characters long'); // 129
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(policy.problemWith('🐼🦊🐯🦁🐸🐙🐢🦉🐝🦋🐞🦀')).toBeNull(); // 12 characters, 24 code units
    expect(policy.problemWith('🐼🦊🐯🦁🐸🐙')).toBe('must be at least 12 characters long'); // 6 characters, 12 code units
    expect(policy.problemWith('🐼'.repeat(128))).toBeNull();
    expect(policy.problemWith('🐼'.repeat(129))).toBe('must be at most 128 characters long');
  });

  it('accepts any characters and imposes no composition rules', () => {
    for (const password of [
      'correct horse battery staple', // only lower-case letters and spaces
      '我们一起去寻找回家的孩子吧', // Chinese
      '            a', // mostly spaces
      '9831740562871', // only digits
      'Ünïcödé-ßtrâßé', // accents
      "tab\there, 'quotes' \"and\" \\slashes", // punctuation and control characters
    ]) {
      expect(policy.problemWith(password)).toBeNull();
    }
  });

  it('refuses passwords from the common-password list, whatever their case', () => {
    for (const password of ['qwerty123456', 'QWERTY123456', 'leavemealone', '1q2w3e4r5t6y', '123qweasdzxc']) {
      expect(policy.problemWith(password)).toBe('is one of the most common passwords; choose another');
    }
  });

  it('refuses a password that contains the username', () => {
    expect(policy.problemWith('my-name-is-Officer.Li-ok', 'officer.li')).toBe('must not contain the username');
    expect(policy.problemWith('my-name-is-Officer.Li-ok')).toBeNull();
  });

  it('answers a refused password with a 400 problem naming the field', () => {
    let thrown: unknown;
    try {
      policy.assertAcceptable('short', 'newPassword');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    const problem = thrown as Problem;
    expect(problem.getStatus()).toBe(HttpStatus.BAD_REQUEST);
    expect(problem.getResponse()).toMatchObject({
      code: 'WEAK_PASSWORD',
      errors: [{ field: 'newPassword', message: 'must be at least 12 characters long' }],
    });
    expect(() => policy.assertAcceptable('a perfectly fine passphrase', 'newPassword')).not.toThrow();
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await policy.hash('a perfectly fine passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    const parameters = hash.split('$')[3].split(',').sort();
    expect(parameters).toEqual(['m=19456', 'p=1', 't=2']); // OWASP's minimum for argon2id
    expect(await policy.verify(hash, 'a perfectly fine passphrase')).toBe(true);
    expect(await policy.verify(hash, 'a perfectly fine passphrasE')).toBe(false);
    expect(await policy.hash('a perfectly fine passphrase')).not.toBe(hash); // salted
    expect(argon2.needsRehash(hash, { memoryCost: 19456, timeCost: 2, parallelism: 1 })).toBe(false);
  });

  it('treats a damaged hash as a wrong password rather than an error', async () => {
    expect(await policy.verify('not-a-hash', 'whatever-password')).toBe(false);
    expect(await policy.verify('', 'whatever-password')).toBe(false);
  });

  it('makes temporary passwords that pass the policy and are easy to read out', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const password = policy.temporaryPassword();
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      expect(password).not.toMatch(/[01ilo]/); // no characters that look alike
      expect(policy.problemWith(password)).toBeNull();
      seen.add(password);
    }
    expect(seen.size).toBe(50);
  });
});

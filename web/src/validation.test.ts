import { describe, expect, it } from 'vitest';
import { isAcceptablePassword, isValidUsername } from './validation';

describe('passwords need 8 characters with letters and digits', () => {
  it('accepts', () => {
    expect(isAcceptablePassword('Demo@2026')).toBe(true);
    expect(isAcceptablePassword('matkhau1')).toBe(true);
    expect(isAcceptablePassword('mậtkhẩu9')).toBe(true);
  });
  it('rejects', () => {
    expect(isAcceptablePassword('abc123')).toBe(false);
    expect(isAcceptablePassword('abcdefgh')).toBe(false);
    expect(isAcceptablePassword('12345678')).toBe(false);
  });
});

describe('usernames are 3–64 of a-z 0-9 . _ -', () => {
  it('accepts', () => {
    expect(isValidUsername('tinh.gialai')).toBe(true);
    expect(isValidUsername('xa_quy-nhon2')).toBe(true);
  });
  it('rejects', () => {
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('Tinh.GiaLai')).toBe(false);
    expect(isValidUsername('nguyễn')).toBe(false);
    expect(isValidUsername('a'.repeat(65))).toBe(false);
  });
});

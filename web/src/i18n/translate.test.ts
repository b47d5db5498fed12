import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';
import { isMessageKey, localName, normaliseLang, translate } from './translate';

describe('translations', () => {
  it('have the same keys in both languages and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)]) expect(v, k).not.toBe('');
  });
  it('use the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) expect(names(en[k]), k).toBe(names(vi[k]));
  });
  it('fill placeholders', () => {
    expect(translate('vi', 'users.editTitle', { username: 'tinh.gialai' })).toBe('Sửa người dùng tinh.gialai');
    expect(translate('en', 'common.total', { n: '1.234' })).toBe('1.234 in total');
  });
  it('name lineage events as the domain does', () => {
    expect(translate('vi', 'lineage.merge')).toBe('Sáp nhập');
    expect(translate('vi', 'lineage.split')).toBe('Chia tách');
    expect(translate('vi', 'lineage.rename')).toBe('Đổi tên');
    expect(translate('vi', 'lineage.reparent')).toBe('Điều chỉnh trực thuộc');
  });
  it('have a message for every documented error code', () => {
    for (const code of [
      'bad_request',
      'invalid_json',
      'validation_failed',
      'not_found',
      'org_unit_not_found',
      'unauthenticated',
      'invalid_credentials',
      'too_many_attempts',
      'forbidden',
      'csrf_failed',
      'conflict',
      'payload_too_large',
      'internal',
      'not_ready',
    ]) {
      expect(isMessageKey(`error.${code}`), code).toBe(true);
    }
    expect(translate('vi', 'error.conflict')).toBe('Dữ liệu đã bị người khác thay đổi, vui lòng tải lại');
  });
  it('pick server-sent names by language', () => {
    const kind = { nameVi: 'Tỉnh, thành phố', nameEn: 'Province' };
    expect(localName(kind, 'vi')).toBe('Tỉnh, thành phố');
    expect(localName(kind, 'en')).toBe('Province');
    expect(localName({ nameVi: 'Sở', nameEn: '' }, 'en')).toBe('Sở');
    expect(localName(undefined, 'en', 'so')).toBe('so');
  });
  it('default to Vietnamese', () => {
    expect(normaliseLang(null)).toBe('vi');
    expect(normaliseLang('fr')).toBe('vi');
    expect(normaliseLang('en')).toBe('en');
  });
});

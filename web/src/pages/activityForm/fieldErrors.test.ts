import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { problemFieldErrors, serverFieldErrors } from './fieldErrors';

const known = new Set(['title', 'reach.0.total', 'reach.2.female', 'reach.0.ages', 'partnerAgencyIds']);

describe('faults on the activity form', () => {
  it('puts client-side problems on their form fields', () => {
    const out = problemFieldErrors(
      [
        { field: 'title', code: 'required' },
        { field: 'reach[1].total', code: 'negative' },
      ],
      (p) => `${p.code}!`,
    );
    expect(out).toEqual([
      { name: ['title'], errors: ['required!'] },
      { name: ['reach', 1, 'total'], errors: ['negative!'] },
    ]);
  });

  it('maps the server rows back to the form rows and merges messages per field', () => {
    const e = new ApiError(400, 'validation_failed', 'Lỗi', 'Error', null, [
      { field: 'reach[1].female', message: 'Nữ quá lớn', messageEn: 'Too many women' },
      { field: 'reach[1].female', message: 'Nữ quá lớn', messageEn: 'Too many women' },
      { field: 'reach[0].ages.18_24', message: 'Sai nhóm tuổi', messageEn: 'Bad age band' },
      { field: 'nowhere', message: 'Khác', messageEn: 'Other' },
    ]);
    const rows = { reach: [0, 2], outputs: [], costs: [] };
    expect(serverFieldErrors(e, known, rows, 'vi', '?')).toEqual([
      { name: ['reach', 2, 'female'], errors: ['Nữ quá lớn'] },
      { name: ['reach', 0, 'ages'], errors: ['Sai nhóm tuổi'] },
    ]);
    expect(serverFieldErrors(e, known, rows, 'en', '?')[0].errors).toEqual(['Too many women']);
  });

  it('uses the single field of a plain 400 and ignores other errors', () => {
    const one = new ApiError(400, 'invalid', 'Tên trống', 'Empty title', 'title');
    expect(serverFieldErrors(one, known, undefined, 'vi', '?')).toEqual([{ name: ['title'], errors: ['Tên trống'] }]);
    expect(serverFieldErrors(new ApiError(409, 'conflict', 'x', 'y', 'title'), known, undefined, 'vi', '?')).toEqual([]);
    expect(serverFieldErrors(new Error('x'), known, undefined, 'vi', '?')).toEqual([]);
  });
});

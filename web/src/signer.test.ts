import { describe, expect, it } from 'vitest';
import { signerQuery } from './components/SignerFields';
import { reportApi, evaluationApi } from './api/api';

describe('the signer of a document download', () => {
  it('puts only what is filled in on the query, trimmed', () => {
    expect(signerQuery({ signerTitle: '  ', signerName: '' })).toEqual({});
    expect(signerQuery({ signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC ', signerName: ' Trần Thị Lan' })).toEqual({
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Trần Thị Lan',
    });
  });
  it('goes on the report and evaluation document URLs, the title lines kept', () => {
    const q = signerQuery({ signerTitle: 'GIÁM ĐỐC', signerName: 'Lê Văn Hùng' });
    const u = new URL(reportApi.documentUrl('bc_6thang', '2026-H2', '52', 'pdf', q), 'http://x');
    expect(u.pathname).toBe('/api/reports/document');
    expect(u.searchParams.get('signerName')).toBe('Lê Văn Hùng');
    expect(u.searchParams.get('format')).toBe('pdf');
    const e = new URL(evaluationApi.documentUrl(7, 'docx', signerQuery({ signerTitle: 'A\nB', signerName: '' })), 'http://x');
    expect(e.searchParams.get('signerTitle')).toBe('A\nB');
    expect(e.searchParams.has('signerName')).toBe(false);
  });
});

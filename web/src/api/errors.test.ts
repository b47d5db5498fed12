import { describe, expect, it } from 'vitest';
import { ApiError, codeForStatus, errorText, parseApiError } from './errors';

const fallback = (code: string) => `[${code}]`;

describe('parseApiError reads the documented error shape', () => {
  it('keeps code, both messages and field', () => {
    const e = parseApiError(
      404,
      JSON.stringify({
        error: {
          code: 'org_unit_not_found',
          message: 'Không tìm thấy đơn vị',
          messageEn: 'Unit not found',
          field: 'asOf',
        },
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(404);
    expect(e.code).toBe('org_unit_not_found');
    expect(e.messageVi).toBe('Không tìm thấy đơn vị');
    expect(e.messageEn).toBe('Unit not found');
    expect(e.field).toBe('asOf');
  });
  it('keeps the list of faults of a validation error', () => {
    const e = parseApiError(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'Số nữ không được âm',
          messageEn: 'negative',
          field: 'reach[1].female',
          details: [
            { field: 'reach[1].female', message: 'không được âm', messageEn: 'cannot be negative' },
            { field: 'endDate', message: 'ngoài năm kế hoạch' },
            'junk',
          ],
        },
      }),
    );
    expect(e.field).toBe('reach[1].female');
    expect(e.details).toEqual([
      { field: 'reach[1].female', message: 'không được âm', messageEn: 'cannot be negative' },
      { field: 'endDate', message: 'ngoài năm kế hoạch', messageEn: '' },
    ]);
    expect(parseApiError(404, '{"error":{"code":"not_found"}}').details).toEqual([]);
  });
  it('treats a null field as no field', () => {
    const e = parseApiError(409, '{"error":{"code":"conflict","message":"x","messageEn":"y","field":null}}');
    expect(e.field).toBeNull();
    expect(e.code).toBe('conflict');
  });
  it('falls back to a code implied by the status for a body that is not the shape', () => {
    expect(parseApiError(502, '<html>Bad gateway</html>').code).toBe('internal');
    expect(parseApiError(429, '').code).toBe('too_many_attempts');
    expect(parseApiError(401, '{"message":"no"}').code).toBe('unauthenticated');
    const e = parseApiError(403, 'null');
    expect(e.code).toBe('forbidden');
    expect(e.messageVi).toBe('');
  });
  it('uses the status when the error object has no code', () => {
    expect(parseApiError(413, '{"error":{}}').code).toBe('payload_too_large');
  });
  it('maps statuses it knows', () => {
    expect(codeForStatus(0)).toBe('network');
    expect(codeForStatus(400)).toBe('bad_request');
    expect(codeForStatus(404)).toBe('not_found');
    expect(codeForStatus(503)).toBe('not_ready');
    expect(codeForStatus(418)).toBe('bad_response');
  });
});

describe('errorText picks the message for the current language', () => {
  const both = new ApiError(401, 'invalid_credentials', 'Sai mật khẩu', 'Wrong password');
  it('shows the Vietnamese message in Vietnamese and the English one in English', () => {
    expect(errorText(both, 'vi', fallback)).toBe('Sai mật khẩu');
    expect(errorText(both, 'en', fallback)).toBe('Wrong password');
  });
  it('uses the other language when only one was sent', () => {
    expect(errorText(new ApiError(400, 'bad_request', 'Chỉ tiếng Việt'), 'en', fallback)).toBe('Chỉ tiếng Việt');
  });
  it('uses the UI translation of the code when the server sent no message', () => {
    expect(errorText(new ApiError(0, 'network'), 'vi', fallback)).toBe('[network]');
  });
  it('does not show the text of an unexpected exception', () => {
    expect(errorText(new Error('TypeError: x is undefined'), 'vi', fallback)).toBe('[unexpected]');
  });
});

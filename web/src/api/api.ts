// The one way the UI talks to the server: same-origin fetch of /api/..., JSON in and out,
// the CSRF header on every state-changing request, and failures thrown as ApiError.
import { ApiError, parseApiError } from './errors';
import type {
  Activity,
  ActivityImport,
  ActivityInput,
  Attachment,
  GeoFeatureCollection,
  EvaluationNarrative,
  IndicatorDef,
  IndicatorTarget,
  IndicatorTargetInput,
  Items,
  Report,
  ReportImport,
  ReportCompilation,
  ReportSaveInput,
  ReportRequest,
  ReportRequestInput,
  Survey,
  SurveyInput,
} from './types';
import type { PivotRequest, PivotResponse } from '../analytics';

export { ApiError } from './errors';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** "?a=1&b=x" from the defined, non-empty values of q; "" when there are none. */
export function buildQuery(q?: Query): string {
  if (!q) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Set from the login answer and from GET /api/me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/**
 * Reads kept for entry without a network (offline/OfflineProvider.tsx): a GET whose path `keep`
 * accepts is stored (sealed in the encrypted local store) when answered, and read from there when
 * the network is down. Never the HTTP cache or Cache Storage.
 */
export interface ReadKeeper {
  keep: (path: string) => boolean;
  put: (key: string, value: unknown) => Promise<void>;
  get: (key: string) => Promise<unknown>;
}
let readKeeper: ReadKeeper | null = null;
export function setReadKeeper(k: ReadKeeper | null): void {
  readKeeper = k;
}

/** Tells the session a request outside `request` (the offline queue's) found the session ended. */
export function notifyUnauthenticated(): void {
  onUnauthenticated?.();
}

/** Called when a request answers 401 unauthenticated (the session ended). */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not call the unauthenticated handler on 401 (used by the session probe itself). */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const keeper = readKeeper;
    if (method === 'GET' && keeper?.keep(path)) {
      const kept = await keeper.get(path + buildQuery(opts.query)).catch(() => null);
      if (kept !== null && kept !== undefined) return kept as T;
    }
    throw new ApiError(0, 'network');
  }

  const text = await res.text();
  if (!res.ok) {
    const err = parseApiError(res.status, text);
    if (res.status === 401 && err.code === 'unauthenticated' && !opts.quiet401) onUnauthenticated?.();
    throw err;
  }
  if (!text) return undefined as T;
  let parsed: T;
  try {
    parsed = JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'bad_response');
  }
  const keeper = readKeeper;
  if (method === 'GET' && keeper?.keep(path)) void keeper.put(path + buildQuery(opts.query), parsed).catch(() => undefined);
  return parsed;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** True for the AbortError a cancelled request throws (not worth showing to anyone). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * A multipart upload (one file in part `field`, plus plain text parts) with progress.
 * fetch cannot report upload progress, so this one request uses XMLHttpRequest — with the same
 * CSRF header, the same error parsing and the same handling of an ended session as `request`.
 */
export function upload<T>(
  path: string,
  file: Blob,
  opts: {
    field?: string;
    fileName?: string;
    fields?: Record<string, string | number | null | undefined>;
    onProgress?: (percent: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) {
    if (v !== undefined && v !== null && v !== '') form.append(k, String(v));
  }
  form.append(opts.field ?? 'file', file, opts.fileName ?? (file as File).name ?? 'file');
  return xhrPost<T>(path, form, null, opts.onProgress, opts.signal);
}

/**
 * A file sent as the raw request body (Content-Type application/octet-stream), with progress:
 * the server streams it to disk instead of parsing a multipart form (bulk imports, up to 512 MiB).
 */
export function uploadRaw<T>(
  path: string,
  file: Blob,
  opts: { query?: Query; onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return xhrPost<T>(path + buildQuery(opts.query), file, 'application/octet-stream', opts.onProgress, opts.signal);
}

/** The answer of an upload whose failure statuses in `accept` carry a result body (not an error). */
export interface CheckedUpload<T> {
  status: number;
  body: T;
}

/**
 * A raw-body upload (as `uploadRaw`) whose answer is kept with its status, and whose statuses in
 * `accept` (e.g. 422 for an import's errors per row) resolve with their body instead of failing.
 */
export function uploadChecked<T>(
  path: string,
  file: Blob,
  opts: { query?: Query; onProgress?: (percent: number) => void; signal?: AbortSignal; accept?: number[] } = {},
): Promise<CheckedUpload<T>> {
  return xhrPost<CheckedUpload<T>>(path + buildQuery(opts.query), file, 'application/octet-stream', opts.onProgress, opts.signal, opts.accept ?? []);
}

function xhrPost<T>(
  url: string,
  body: XMLHttpRequestBodyInit,
  contentType: string | null,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
  /** When set, the answer is {status, body}, and these failure statuses resolve with their body. */
  checked?: number[],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (checked && (checked.includes(xhr.status) || (xhr.status >= 200 && xhr.status < 300))) {
        try {
          resolve({ status: xhr.status, body: text ? JSON.parse(text) : undefined } as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response'));
        }
        return;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const err = parseApiError(xhr.status, text);
        if (xhr.status === 401 && err.code === 'unauthenticated') onUnauthenticated?.();
        reject(err);
        return;
      }
      if (!text) {
        resolve(undefined as T);
        return;
      }
      try {
        resolve(JSON.parse(text) as T);
      } catch {
        reject(new ApiError(xhr.status, 'bad_response'));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

// ----- Activities, surveys, bulk import (docs/api-activities.md) -----
// Reads that pages load with useApi are GET descriptions in api/activities.ts and api/reports.ts;
// the functions below are the writes and the one-off reads.

const enc = (id: string | number) => encodeURIComponent(String(id));

export const activityApi = {
  create: (body: ActivityInput) => api.post<Activity>('/api/activities', body),
  update: (id: string | number, body: ActivityInput & { version: number }) => api.put<Activity>(`/api/activities/${enc(id)}`, body),
  remove: (id: string | number, version: number) => api.del<void>(`/api/activities/${enc(id)}${buildQuery({ version })}`),
  attach: (id: string | number, file: File, onProgress?: (p: number) => void) =>
    upload<Attachment>(`/api/activities/${enc(id)}/attachments`, file, { onProgress }),
};

export const surveyApi = {
  save: (body: SurveyInput) => api.put<Survey>('/api/surveys', body),
  remove: (id: string | number, version: number) => api.del<void>(`/api/surveys/${enc(id)}${buildQuery({ version })}`),
};

export const importApi = {
  templateUrl: (format: 'xlsx' | 'csv') => `/api/activity-imports/template${buildQuery({ format })}`,
  start: (file: File, onProgress?: (p: number) => void, signal?: AbortSignal) =>
    uploadRaw<ActivityImport>('/api/activity-imports', file, { query: { filename: file.name }, onProgress, signal }),
  get: (id: string | number, signal?: AbortSignal) => api.get<ActivityImport>(`/api/activity-imports/${enc(id)}`, undefined, signal),
  commit: (id: string | number) => api.post<ActivityImport | undefined>(`/api/activity-imports/${enc(id)}/commit`),
};

// ----- Yearly evaluation of a plan (docs/api-evaluation.md) -----

export type NarrativeInput = Omit<EvaluationNarrative, 'updatedBy' | 'updatedAt'>;

export const evaluationApi = {
  saveNarrative: (planId: string | number, body: NarrativeInput) =>
    api.put<EvaluationNarrative>(`/api/plans/${enc(planId)}/evaluation`, body),
  documentUrl: (planId: string | number, format: 'docx' | 'xlsx' | 'pdf', extra: Record<string, string> = {}) =>
    `/api/plans/${enc(planId)}/evaluation/document${buildQuery({ format, ...extra })}`,
};

// ----- Periodic reports (docs/api-reports.md) -----

export type ReportDocumentFormat = 'docx' | 'xlsx' | 'pdf';

export const indicatorApi = {
  list: (signal?: AbortSignal) => api.get<Items<IndicatorDef>>('/api/indicators', undefined, signal),
  targets: (orgUnit: string, year: number, signal?: AbortSignal) =>
    api.get<Items<IndicatorTarget>>('/api/indicator-targets', { orgUnit, year }, signal),
  setTarget: (body: IndicatorTargetInput) => api.put<IndicatorTarget>('/api/indicator-targets', body),
  deleteTarget: (indicator: string, orgUnit: string, year: number) =>
    api.del<void>(`/api/indicator-targets${buildQuery({ indicator, orgUnit, year })}`),
};

export const reportApi = {
  current: (form: string, period: string, orgUnit: string, signal?: AbortSignal) =>
    api.get<Report>('/api/reports/current', { form, period, orgUnit }, signal),
  save: (body: ReportSaveInput) => api.put<Report>('/api/reports', body),
  /** Submits; `confirmMissing` when units below have no accepted report, `paper` for a back-filled report. */
  submit: (id: string | number, opts: { confirmMissing?: boolean; paper?: { paperSubmittedOn: string; reason: string } } = {}) =>
    api.post<Report>(`/api/reports/${enc(id)}/submit`,
      opts.confirmMissing || opts.paper ? { ...(opts.confirmMissing ? { confirmMissing: true } : {}), ...(opts.paper ?? {}) } : undefined),
  importHistory: (file: File, onProgress?: (p: number) => void, signal?: AbortSignal) =>
    uploadRaw<ReportImport>('/api/report-imports', file, { query: { filename: file.name }, onProgress, signal }),
  importStatus: (id: number, signal?: AbortSignal) => api.get<ReportImport>(`/api/report-imports/${enc(id)}`, undefined, signal),
  importCommit: (id: number) => api.post<ReportImport>(`/api/report-imports/${enc(id)}/commit`),
  accept: (id: string | number) => api.post<Report>(`/api/reports/${enc(id)}/accept`),
  return: (id: string | number, comment: string) => api.post<Report>(`/api/reports/${enc(id)}/return`, { comment }),
  reopen: (id: string | number, comment: string) => api.post<Report>(`/api/reports/${enc(id)}/reopen`, { comment }),
  compile: (form: string, period: string, orgUnit: string, signal?: AbortSignal) =>
    api.get<ReportCompilation>('/api/reports/compile', { form, period, orgUnit }, signal),
  documentUrl: (form: string, period: string, orgUnit: string, format: ReportDocumentFormat, extra: Record<string, string> = {}) =>
    `/api/reports/document${buildQuery({ form, period, orgUnit, format, ...extra })}`,
};

// ----- Analytics, boundaries, indicators (docs/api-analytics.md, docs/api-boundaries.md) -----

/**
 * POST a JSON body and save the answer as a file (exports): same CSRF header and error parsing
 * as `request`. The file name is the server's (Content-Disposition) or `fallbackName`.
 */
export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!res.ok) {
    const err = parseApiError(res.status, await res.text());
    if (res.status === 401 && err.code === 'unauthenticated') onUnauthenticated?.();
    throw err;
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1] ?? m[2]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export interface BoundaryImportResult {
  level: 'province' | 'commune';
  matched: number;
  unmatched: number;
  matchedCodes: string[];
  unmatchedFeatures: { index: number; code: string | null; name: string | null; reason: string; reasonEn: string }[];
  positionsIn: number;
  positionsOut: number;
  bytes: number;
}

export const boundaryApi = {
  upload: (level: 'province' | 'commune', file: File, onProgress?: (p: number) => void) =>
    uploadRaw<BoundaryImportResult>('/api/boundaries', file, { query: { level, filename: file.name }, onProgress }),
};

export const analyticsApi = {
  meta: (signal?: AbortSignal) => api.get<unknown>('/api/analytics/meta', undefined, signal),
  pivot: (body: PivotRequest, signal?: AbortSignal) =>
    request<PivotResponse>('POST', '/api/analytics/pivot', { body, signal }),
  exportXlsx: (body: PivotRequest) => downloadPost('/api/analytics/pivot/export', body, 'phan-tich.xlsx'),
  boundaries: (level: 'province' | 'commune', within?: string, signal?: AbortSignal) =>
    api.get<GeoFeatureCollection>('/api/boundaries', { level, within }, signal),
  scorecard: (orgUnit: string, year: number, signal?: AbortSignal) =>
    api.get<unknown>('/api/indicators/scorecard', { orgUnit, year }, signal),
};

// ----- Ad-hoc report requests (docs/api-reports.md, "Ad-hoc requests") -----

export const reportRequestApi = {
  create: (body: ReportRequestInput) => api.post<ReportRequest>('/api/report-requests', body),
  close: (id: number | string) => api.post<ReportRequest>(`/api/report-requests/${enc(id)}/close`),
};

// Pure rules the directive, task and plan screens share: overdue marking, board columns, which
// plan buttons to show, upload pre-checks and budget totals. The server decides every one of these
// again; the UI only avoids offering what would be refused.

/** Task statuses as stored; "overdue" is derived, never stored. */
export type TaskStatus = 'not_started' | 'in_progress' | 'done';
export const TASK_STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done'];

/** Plan workflow statuses. */
export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export const PLAN_STATUSES: PlanStatus[] = ['draft', 'submitted', 'returned', 'approved'];

/**
 * Is a task late on `today` ("YYYY-MM-DD")? The server's own `overdue` flag wins when it sent
 * one; otherwise: not done and its deadline has passed.
 */
export function isOverdue(
  task: { status: string; currentDue?: string | null; dueDate?: string | null; overdue?: boolean | null },
  today: string,
): boolean {
  if (typeof task.overdue === 'boolean') return task.overdue;
  if (task.status === 'done') return false;
  const due = task.currentDue ?? task.dueDate ?? null;
  return !!due && due.slice(0, 10) < today;
}

/** Tasks split into the board's three columns, each ordered overdue first, then by deadline. */
export function boardColumns<T extends { status: string; currentDue?: string | null; dueDate?: string | null; overdue?: boolean | null }>(
  tasks: T[],
  today: string,
): Record<TaskStatus, T[]> {
  const cols: Record<TaskStatus, T[]> = { not_started: [], in_progress: [], done: [] };
  for (const t of tasks) {
    const s: TaskStatus = (TASK_STATUSES as string[]).includes(t.status) ? (t.status as TaskStatus) : 'not_started';
    cols[s].push(t);
  }
  const due = (t: T) => (t.currentDue ?? t.dueDate ?? '9999-12-31').slice(0, 10);
  for (const s of TASK_STATUSES) {
    cols[s].sort((a, b) => {
      const oa = isOverdue(a, today) ? 0 : 1;
      const ob = isOverdue(b, today) ? 0 : 1;
      return oa - ob || due(a).localeCompare(due(b));
    });
  }
  return cols;
}

export type PlanAction = 'edit' | 'submit' | 'approve' | 'return' | 'newVersion';

/** Plan contents may be changed only in these statuses. */
export function isPlanEditable(status: string): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * The buttons a plan version offers. `may` says what the caller is allowed to do (from the
 * server's answer when it sends one, else from permissions); only the latest version can move.
 */
export function planActions(
  status: string,
  may: { edit: boolean; submit: boolean; approve: boolean; newVersion: boolean },
  isLatest = true,
): PlanAction[] {
  if (!isLatest) return [];
  const out: PlanAction[] = [];
  if (isPlanEditable(status)) {
    if (may.edit) out.push('edit');
    if (may.submit) out.push('submit');
  }
  if (status === 'submitted' && may.approve) out.push('approve', 'return');
  if (status === 'approved' && may.newVersion) out.push('newVersion');
  return out;
}

/** Ant Design tag colour for a plan status. */
export function planStatusColor(status: string): string {
  switch (status) {
    case 'draft':
      return 'default';
    case 'submitted':
      return 'processing';
    case 'returned':
      return 'warning';
    case 'approved':
      return 'success';
    default:
      return 'default';
  }
}

export const ATTACHMENT_EXTENSIONS = ['pdf', 'docx'];

export type FileProblem = 'empty' | 'tooLarge' | 'wrongType' | null;

/** Checks a file before uploading it (the server checks again, including the content itself). */
export function checkAttachment(
  file: { name: string; size: number },
  maxBytes: number,
  extensions: string[] = ATTACHMENT_EXTENSIONS,
): FileProblem {
  if (file.size <= 0) return 'empty';
  const ext = (/\.([^.]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
  if (!extensions.includes(ext)) return 'wrongType';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

/** 1536 → "1,5 KB"; 10485760 → "10 MB" (Vietnamese decimal comma). */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const rounded = i === 0 ? String(v) : (Math.round(v * 10) / 10).toString().replace('.', ',');
  return `${rounded} ${units[i]}`;
}

/** Sum of `amount` over budget lines, ignoring missing amounts. */
export function sumAmounts(lines: { amount?: number | null }[]): number {
  return lines.reduce((s, l) => s + (typeof l.amount === 'number' && Number.isFinite(l.amount) ? l.amount : 0), 0);
}

/** Budget totals per key (a source or a year), in first-seen order. */
export function totalsBy<L extends { amount?: number | null }>(lines: L[], key: (l: L) => string | number): [string, number][] {
  const m = new Map<string, number>();
  for (const l of lines) {
    const k = String(key(l));
    m.set(k, (m.get(k) ?? 0) + (typeof l.amount === 'number' && Number.isFinite(l.amount) ? l.amount : 0));
  }
  return [...m.entries()];
}

/**
 * Who acts next, in words: "Cán bộ cơ quan đầu mối tỉnh — Gia Lai; Cán bộ Bộ — Bộ LĐTBXH" (the
 * role's name, or when any officer of the unit acts, the action's own label, then the unit's name).
 * Empty when nobody acts (an approved plan, an accepted report).
 */
export function nextActorsText(
  actors: { unit: { name: string } | null; role: { nameVi: string; nameEn: string } | null; action: string }[],
  lang: 'vi' | 'en',
  actionLabel: (action: string) => string,
): string {
  return actors
    .map((a) => {
      const who = a.role ? (lang === 'vi' ? a.role.nameVi : a.role.nameEn) : actionLabel(a.action);
      return a.unit ? `${who} — ${a.unit.name}` : who;
    })
    .join('; ');
}

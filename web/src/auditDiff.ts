// Field-by-field comparison of an audit entry's before and after records.

export interface DiffRow {
  field: string;
  /** Present on the before side. */
  hasBefore: boolean;
  hasAfter: boolean;
  before: unknown;
  after: unknown;
  changed: boolean;
}

type Rec = Record<string, unknown> | null | undefined;

/** Stable JSON (object keys sorted) so that equal values compare equal. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? 'undefined';
}

/** One row per field of either side, in the after side's order, then fields only before had. */
export function diffRows(before: Rec, after: Rec): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  return fields.map((field) => {
    const hasBefore = field in b;
    const hasAfter = field in a;
    return {
      field,
      hasBefore,
      hasAfter,
      before: b[field],
      after: a[field],
      changed: hasBefore !== hasAfter || canonicalJson(b[field]) !== canonicalJson(a[field]),
    };
  });
}

/** A value as shown in a diff cell: strings bare, everything else as indented JSON. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return JSON.stringify(v, null, 2);
}

/** What an audit entry's record is, by name (issue 15: never a bare id). */
export interface RecordNameParts {
  entity: string;
  entityId: string | number;
  before?: Rec;
  after?: Rec;
  /** The naming fields of the record's create entry, sent beside a workflow step (GET /api/audit). */
  createdAs?: Rec;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * The record's name from its own snapshot (after, else before): a plan's or task's title, a
 * directive's number and subject, a unit's or agency's name, a user's full name and username, a
 * boundary import's file; for records without a name of their own, what they are ("chỉ tiêu
 * năm 2026 = 100"). '' when the snapshot says nothing; the id then stays the only mention.
 */
export function recordName(e: RecordNameParts, lang: 'vi' | 'en' = 'vi', indicatorNames?: Map<string, string>): string {
  const own = nameOf(e.entity, (e.after ?? e.before ?? {}) as Record<string, unknown>, lang, indicatorNames);
  return own || (e.createdAs ? nameOf(e.entity, e.createdAs, lang, indicatorNames) : '');
}

function nameOf(entity: string, r: Record<string, unknown>, lang: 'vi' | 'en', indicatorNames?: Map<string, string>): string {
  const en = lang === 'en';
  switch (entity) {
    case 'directive': {
      const n = text(r.number);
      const s = text(r.subject) || text(r.title);
      return [n, s].filter(Boolean).join(' — ');
    }
    case 'user': {
      const full = text(r.fullName);
      const u = text(r.username);
      return full && u ? `${full} (${u})` : full || u;
    }
    case 'agency':
      return text(r.name) || text(r.shortName);
    case 'org_unit':
      return text(r.name) && text(r.code) ? `${text(r.name)} (${text(r.code)})` : text(r.name);
    case 'lineage_event':
      return r.from && r.to ? `${text(r.from)} → ${text(r.to)}${r.date ? ` (${text(r.date).split('-').reverse().join('/')})` : ''}` : '';
    case 'boundaries': {
      const src = text(r.source);
      const n = Array.isArray(r.matched) ? r.matched.length : null;
      if (!src) return '';
      return n === null ? src : en ? `${src} (${n} unit${n === 1 ? '' : 's'})` : `${src} (${n} đơn vị)`;
    }
    case 'indicator_target': {
      const y = text(r.year);
      const v = text(r.target);
      if (!y) return '';
      const ind = indicatorNames?.get(text(r.indicator));
      const head = en ? `Target ${y}${v ? `: ${v}` : ''}` : `Chỉ tiêu năm ${y}${v ? `: ${v}` : ''}`;
      return ind ? `${ind} — ${head.charAt(0).toLowerCase()}${head.slice(1)}` : head;
    }
    // People supported: named by the client code only (identity is never in the audit), with the
    // purpose of a consent or the service delivered.
    case 'case':
    case 'case_identity':
    case 'case_reveal':
    case 'case_consent':
    case 'case_service':
    case 'case_referral':
    case 'case_assessment': // case work (pages/cases/): codes, never the sealed notes
    case 'case_plan':
    case 'case_followup':
    case 'case_outcome':
    case 'case_closure':
    case 'case_rights_export':
    case 'case_correction':
    case 'case_group_member': // clubs and peer groups: the member's code
      return [text(r.code), text(r.purpose) || text(r.service)].filter(Boolean).join(' · ');
    case 'demo_activities':
      return typeof r.activities === 'number' ? (en ? `${r.activities} activities` : `${r.activities} hoạt động`) : '';
    case 'task_update': {
      const note = text(r.note);
      return note.length > 80 ? `${note.slice(0, 79)}…` : note;
    }
    case 'allocation_decision': { // issue 19: by its number (and issuing body when the snapshot has it)
      const n = text(r.number);
      if (!n) return '';
      const body = text(r.issuingBody);
      return `${en ? 'Allocation decision' : 'Quyết định giao kinh phí số'} ${n}${body ? ` — ${body}` : ''}`;
    }
    case 'inspection': // the biên bản: its code and the business
      return [text(r.code), text(r.business)].filter(Boolean).join(' — ');
    default: {
      const name = text(r.title) || text(r.name) || text(r.fileName) || text(r.filename) || text(r.subject) || text(r.code);
      if (name) return name.length > 120 ? `${name.slice(0, 119)}…` : name;
      const parts = [text(r.form), text(r.period)].filter(Boolean);
      return parts.join(' · ');
    }
  }
}

// Pieces of the periodic-report screens: the status and timeliness tags, the form / year /
// period picker (kept in the address), the report itself (computed values read-only,
// hand-entered ones editable, checks by element, workflow buttons following `can`, history),
// the required-comment modal of return / reopen, and the in-app reminders.
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import {
  CheckOutlined,
  ExclamationCircleOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { ApiError, reportApi } from '../api/api';
import { useOffline } from '../offline/OfflineProvider';
import type { Report, ReportForm, ReportIssue, ReportPeriod, ReportValue } from '../api/types';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { isMessageKey, useI18n, type MessageKey } from '../i18n';
import { NextActors } from '../components/NextActors';
import { useApi } from '../useApi';
import { reportReads } from '../api/reports';
import { periodName } from '../analytics';
import { DATE_FORMAT, dayjsToIso } from '../components/dates';
import type { Dayjs } from 'dayjs';
import {
  currentPeriod,
  daysUntil,
  detailsToIssues,
  editableValues,
  elementLabel,
  formatReportValue,
  formatThousands,
  isReportEditable,
  issuesByElement,
  manualChanged,
  manualValues,
  parseThousands,
  reminderList,
  reportStatusColor,
  reviewActions,
  timelinessColor,
  worstSeverity,
  yearChoices,
  type Reminder,
  type ReviewAction,
} from '../reports';

/** Fired after any report changes, so the header's reminders refresh. */
export const REPORTS_CHANGED = 'longghep:reports-changed';
export const notifyReportsChanged = () => window.dispatchEvent(new Event(REPORTS_CHANGED));

export function ReportStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `report.status.${status}`;
  return (
    <Tag color={reportStatusColor(status)} data-testid="report-status-tag">
      {isMessageKey(key) ? t(key) : status}
    </Tag>
  );
}

export function TimelinessTag({ value }: { value: string | null | undefined }) {
  const { t } = useI18n();
  if (!value) return null;
  const key = `report.timeliness.${value}`;
  const late = value === 'late' || value === 'missing';
  return (
    <Tag
      color={timelinessColor(value)}
      icon={late ? <ExclamationCircleOutlined /> : undefined}
      data-testid={late ? 'report-late' : 'report-timeliness'}
    >
      {isMessageKey(key) ? t(key) : value}
    </Tag>
  );
}

export interface PeriodSelection {
  forms: ReportForm[];
  formCode: string;
  form: ReportForm | undefined;
  year: number;
  periods: ReportPeriod[];
  period: ReportPeriod | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
  set: (patch: { form?: string; year?: number; period?: string }) => void;
}

/**
 * The chosen form, year and period, kept in the address (?form=&year=&period=) so a reload or a
 * reminder link opens the same report; the period defaults to the one containing today.
 */
export function usePeriodSelection(orgUnitCode: string | undefined): PeriodSelection {
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const list = useApi(reportReads.forms());
  const forms = list.data?.items ?? [];
  // The six-monthly form unless the address names another; nothing is asked before the list is in.
  const formCode =
    params.get('form') || (forms.find((f) => f.periodKind === 'half_year') ?? forms[0])?.code || (list.error ? 'bc_6thang' : '');
  const periodParam = params.get('period');
  const yearParam = Number(params.get('year') || (periodParam ? periodParam.slice(0, 4) : '') || today.slice(0, 4));
  const year = Number.isFinite(yearParam) && yearParam > 1900 ? yearParam : Number(today.slice(0, 4));
  const listed = forms.find((f) => f.code === formCode);
  const detail = useApi(!formCode || (listed && listed.sections?.length) ? null : reportReads.form(formCode));
  const form = listed && listed.sections?.length ? listed : detail.data;
  const per = useApi(orgUnitCode && formCode ? reportReads.periods(formCode, orgUnitCode, year) : null);
  // Periods of the previous form or year are not offered while the new ones load.
  const periods = per.loading ? [] : (per.data?.items ?? []);
  // the server's current period (the next deadline among the begun ones), else the one containing today
  const serverCurrent = (per.data as { current?: string } | undefined)?.current;
  const period =
    periods.find((p) => p.code === periodParam) ?? periods.find((p) => p.code === serverCurrent) ?? currentPeriod(periods, today);

  const set = (patch: { form?: string; year?: number; period?: string }) => {
    const next = new URLSearchParams(params);
    if (patch.form !== undefined) {
      next.set('form', patch.form);
      next.delete('period');
    }
    if (patch.year !== undefined) {
      next.set('year', String(patch.year));
      next.delete('period');
    }
    if (patch.period !== undefined) next.set('period', patch.period);
    setParams(next, { replace: true });
  };
  return {
    forms,
    formCode,
    form,
    year,
    periods,
    period,
    loading: list.loading || per.loading || detail.loading,
    error: list.error || detail.error || per.error,
    reload: () => {
      list.reload();
      per.reload();
      detail.reload();
    },
    set,
  };
}

export function PeriodPicker({ sel, extra }: { sel: PeriodSelection; extra?: React.ReactNode }) {
  const { t, lang } = useI18n();
  const years = yearChoices(todayIso());
  if (!years.includes(sel.year)) years.push(sel.year);
  return (
    <Space wrap className="lg-filters" data-testid="report-picker">
      <Space size={4}>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('report.form')}:</Typography.Text>
        <Select
          style={{ width: 340, maxWidth: 'calc(100vw - 140px)' }}
          popupMatchSelectWidth={false}
          value={sel.formCode || undefined}
          onChange={(v: string) => sel.set({ form: v })}
          options={(sel.forms.length || !sel.formCode ? sel.forms : [{ code: sel.formCode, nameVi: sel.formCode, nameEn: sel.formCode }]).map((f) => ({
            value: f.code,
            label: lang === 'en' ? f.nameEn || f.nameVi : f.nameVi || f.nameEn,
          }))}
          data-testid="report-form-select"
        />
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{t('report.year')}:</Typography.Text>
        <Select
          style={{ width: 100 }}
          value={sel.year}
          onChange={(v: number) => sel.set({ year: v })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          data-testid="report-year-select"
        />
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{t('report.period')}:</Typography.Text>
        <Select
          style={{ width: 260 }}
          value={sel.period?.code}
          loading={sel.loading}
          notFoundContent={t('report.noPeriods')}
          onChange={(v: string) => sel.set({ period: v })}
          options={sel.periods.map((p) => ({ value: p.code, label: periodName(p, lang) }))}
          data-testid="report-period-select"
        />
      </Space>
      {sel.period?.cutOff && (
        <Typography.Text type="secondary" data-testid="report-period-cutoff">
          {t('report.cutOff')}: {formatDate(sel.period.cutOff)} · {t('report.deadline')}: {formatDate(sel.period.deadline)}
        </Typography.Text>
      )}
      {extra}
    </Space>
  );
}

/** The text of an error for the report screens (report_locked, illegal_transition …). */
function useReportErrText() {
  const { t, errText } = useI18n();
  return (e: unknown) => {
    if (e instanceof ApiError && e.code === 'conflict') return t('error.conflict');
    return errText(e);
  };
}

/** The required-comment dialog of Trả lại / Mở lại. */
export function CommentModal({
  open,
  title,
  label,
  okText,
  onCancel,
  onOk,
  testId,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  onCancel: () => void;
  onOk: (comment: string) => Promise<void>;
  testId: string;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setComment('');
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !comment.trim(), 'data-testid': `${testId}-ok` } as ButtonProps}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        try {
          await onOk(comment.trim());
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={label} required>
          <Input.TextArea
            rows={4}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid={`${testId}-comment`}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Accept / return / reopen of one unit's report by the level above, with the confirm and the
 * comment dialogs. `getReport` fetches the report first when the caller only has the
 * compilation's row (which carries no id).
 */
export function useReviewActions(onDone: (r: Report) => void) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errOf = useReportErrText();
  const [pending, setPending] = useState<{ action: 'return' | 'reopen'; report: Report } | null>(null);

  const fail = (e: unknown) => {
    message.error(errOf(e));
  };

  const run = (action: ReviewAction, report: Report) => {
    if (report.id === null) return;
    const id = report.id;
    const unit = report.orgUnit.name;
    if (action === 'accept') {
      modal.confirm({
        title: t('report.acceptConfirm', { unit }),
        okText: t('report.accept'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'report-confirm-ok' } as ButtonProps,
        onOk: async () => {
          try {
            const r = await reportApi.accept(id);
            message.success(t('report.acceptDone'));
            notifyReportsChanged();
            onDone(r);
          } catch (e) {
            fail(e);
          }
        },
      });
      return;
    }
    setPending({ action, report });
  };

  const node = (
    <CommentModal
      open={!!pending}
      testId={pending?.action === 'reopen' ? 'report-reopen' : 'report-return'}
      title={
        pending
          ? t(pending.action === 'reopen' ? 'report.reopenTitle' : 'report.returnTitle', { unit: pending.report.orgUnit.name })
          : ''
      }
      label={t(pending?.action === 'reopen' ? 'report.reopenComment' : 'report.returnComment')}
      okText={t(pending?.action === 'reopen' ? 'report.reopen' : 'report.return')}
      onCancel={() => setPending(null)}
      onOk={async (comment) => {
        if (!pending || pending.report.id === null) return;
        try {
          const r =
            pending.action === 'reopen'
              ? await reportApi.reopen(pending.report.id, comment)
              : await reportApi.return(pending.report.id, comment);
          message.success(t(pending.action === 'reopen' ? 'report.reopenDone' : 'report.returnDone'));
          setPending(null);
          notifyReportsChanged();
          onDone(r);
        } catch (e) {
          fail(e);
        }
      }}
    />
  );
  return { run, node };
}

export function ReviewButtons({
  report,
  onAction,
  size,
}: {
  report: Report;
  onAction: (a: ReviewAction, r: Report) => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useI18n();
  const acts = reviewActions(report.status, report.can);
  if (report.id === null) return null;
  return (
    <Space size={4} wrap>
      {acts.includes('accept') && (
        <Button size={size} type="primary" icon={<CheckOutlined />} data-testid="report-accept" onClick={() => onAction('accept', report)}>
          {t('report.accept')}
        </Button>
      )}
      {acts.includes('return') && (
        <Button size={size} danger icon={<RollbackOutlined />} data-testid="report-return" onClick={() => onAction('return', report)}>
          {t('report.return')}
        </Button>
      )}
      {acts.includes('reopen') && (
        <Button size={size} icon={<UndoOutlined />} data-testid="report-reopen" onClick={() => onAction('reopen', report)}>
          {t('report.reopen')}
        </Button>
      )}
    </Space>
  );
}

type Values = Record<string, ReportValue | undefined>;

/**
 * One report: its facts, the values by section (computed read-only, hand-entered editable while
 * `can.edit`), the checks by element, Lưu / Gửi báo cáo (and the review buttons when the caller is
 * the level above), and the history with the return comments.
 */
export function ReportView({
  form: def,
  report,
  onChange,
}: {
  form: ReportForm;
  report: Report;
  onChange: (r: Report) => void;
}) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const errOf = useReportErrText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [blocking, setBlocking] = useState<ReportIssue[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const review = useReviewActions(onChange);

  const editable = report.can.edit && isReportEditable(report.status);
  const key = `${report.id ?? 'new'}:${report.version}:${report.status}`;
  // a level edits the own part of its hand-entered numbers; its values are the totals
  const base = useMemo(() => editableValues(def, report), [def, report]);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(base as Values);
    setDirty(false);
    setBlocking(null);
    // Reset whenever another report, or a new version of it, arrives.
  }, [key, form]);

  const issues = blocking ?? report.issues ?? [];
  const grouped = useMemo(() => issuesByElement(def, issues), [def, issues]);
  const byField = new Map(grouped.map((g) => [g.field, g.issues]));
  const msgOf = (i: { message: string; messageEn: string }) => (lang === 'en' ? i.messageEn || i.message : i.message || i.messageEn);

  const saveBody = () => {
    const values = form.getFieldsValue(true) as Values;
    return {
      form: def.code,
      period: report.period.code,
      orgUnitCode: report.orgUnit.code,
      // a former unit is named as of its last day (codes are reused after a reform)
      ...(report.orgUnit.validTo && !report.agency ? { asOf: report.orgUnit.validTo } : {}),
      ...(report.agency ? { agencyId: report.agency.id } : {}),
      values: manualValues(def, values),
      ...(report.id !== null ? { version: report.version } : {}),
    };
  };
  const save = async (): Promise<Report> => reportApi.save(saveBody());

  const offline = useOffline();
  const recordKey = `report:${def.code}:${report.period.code}:${report.orgUnit.code}:${report.agency?.id ?? ''}`;
  // A queued draft of this report was sent (issue 21): show the server's record and its new
  // version, so the next save is not refused as stale — unless the user is changing the page again.
  const sentVersion = offline.items
    .filter((i) => i.recordKey === recordKey && i.state === 'sent' && typeof i.result?.version === 'number')
    .reduce((m, i) => Math.max(m, Number(i.result?.version)), 0);
  useEffect(() => {
    if (!sentVersion || dirty || report.agency || report.orgUnit.validTo) return;
    if (report.id !== null && sentVersion <= report.version) return;
    const ctl = new AbortController();
    reportApi
      .current(def.code, report.period.code, report.orgUnit.code, ctl.signal)
      .then((r) => {
        onChange(r);
        notifyReportsChanged();
      })
      .catch(() => { /* offline again or signed out: the page keeps what it shows */ });
    return () => ctl.abort();
  }, [sentVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  /** No network: the draft goes to the outbox (issue 21) with the version it was based on. */
  const queueDraft = async () => {
    const body = saveBody();
    const item = await offline.enqueue({
      kind: 'report.save',
      label: `${def.code} ${report.period.code} — ${report.orgUnit.name ?? report.orgUnit.code}`,
      method: 'PUT',
      path: '/api/reports',
      body: body as unknown as Record<string, unknown>,
      recordKey,
      baseVersion: report.id !== null ? report.version : undefined,
    });
    message.info(t('offline.queued', { label: item.label }));
    setDirty(false);
  };

  const onSave = async () => {
    setBusy('save');
    setActionError(null);
    try {
      if (offline.shouldQueue(recordKey)) {
        await queueDraft();
        return;
      }
      const r = await save();
      message.success(t('report.saved'));
      notifyReportsChanged();
      onChange(r);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        await queueDraft();
        return;
      }
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const doSubmit = async (confirmMissing: boolean, paper?: { paperSubmittedOn: string; reason: string }) => {
    setBusy('submit');
    setActionError(null);
    setBlocking(null);
    let saved = report;
    try {
      const values = form.getFieldsValue(true) as Values;
      if (report.id === null || manualChanged(def, base, values)) {
        saved = await save();
        onChange(saved);
      }
      if (saved.id === null) throw new ApiError(500, 'bad_response');
      const r = await reportApi.submit(saved.id, { confirmMissing, paper });
      const warnings = (r.issues ?? []).filter((i) => i.severity === 'warning').length;
      message.success(warnings ? t('report.submittedWithWarnings', { n: warnings }) : t('report.submitDone'));
      notifyReportsChanged();
      onChange(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_failed') {
        const list = e.details.length ? detailsToIssues(e.details) : e.field ? detailsToIssues([{ field: e.field, message: e.messageVi, messageEn: e.messageEn }]) : [];
        // Keep the warnings the saved report carries beside the blocking errors.
        setBlocking([...list, ...(saved.issues ?? []).filter((i) => i.severity === 'warning')]);
        setActionError(new ApiError(400, 'validation_failed', t('report.submitBlocked'), t('report.submitBlocked')));
      } else {
        setActionError(e);
      }
    } finally {
      setBusy(null);
    }
  };

  // A level with units below not accepted: the confirmation lists them (they go into the document's notes).
  const missing = report.missingUnits ?? [];
  // A report of a past period (or on behalf of a former unit) may carry the day its paper original
  // was submitted, with a reason: the submit dialog asks for them (and lists the missing units too).
  const pastPeriod = report.period.deadline < todayIso() || report.acting?.fill === 'on_behalf';
  const [paperOpen, setPaperOpen] = useState(false);
  const onSubmit = () =>
    pastPeriod ? setPaperOpen(true) : modal.confirm({
      title: t('report.submitConfirm'),
      width: missing.length ? 560 : undefined,
      content: missing.length ? <MissingUnitsList missing={missing} /> : undefined,
      okText: missing.length ? t('report.submitMissingOk') : t('report.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'report-confirm-ok' } as ButtonProps,
      onOk: () => {
        void doSubmit(missing.length > 0);
      },
    });

  const actionLabel = (a: string) => {
    const k = `report.action.${a}`;
    return isMessageKey(k) ? t(k) : a;
  };
  const yesNo = { yes: t('common.yes'), no: t('common.no') };

  return (
    <div data-testid="report-view">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} align="start" wrap>
        <Space wrap>
          <ReportStatusTag status={report.status} />
          <TimelinessTag value={report.timeliness} />
          {report.nextActors && <NextActors actors={report.nextActors} testId="report-next-actors" />}
          {dirty && editable && (
            <Tag color="gold" data-testid="report-unsaved">
              {t('report.unsaved')}
            </Tag>
          )}
        </Space>
        <Space wrap>
          {editable && (
            <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={!!busy} onClick={() => void onSave()} data-testid="report-save">
              {t('report.save')}
            </Button>
          )}
          {report.can.submit && isReportEditable(report.status) && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              disabled={!!busy}
              onClick={onSubmit}
              data-testid="report-submit"
            >
              {t('report.submit')}
            </Button>
          )}
          <ReviewButtons report={report} onAction={review.run} />
        </Space>
      </Space>

      {!!actionError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errOf(actionError)} data-testid="report-action-error" />
      )}
      {report.status === 'returned' && report.returnComment && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-returned-comment"
          message={t('report.returnedBanner', { comment: report.returnComment })}
        />
      )}
      {report.onBehalf ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-on-behalf"
          message={t('history.onBehalfBanner', { unit: report.onBehalf.orgUnit?.name ?? report.orgUnit.name, user: report.onBehalf.by })}
        />
      ) : (
        report.acting?.fill === 'on_behalf' &&
        report.acting.fillLabel && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="report-on-behalf-pending"
            message={t('history.willBeOnBehalf', { label: (lang === 'en' ? report.acting.fillLabelEn : report.acting.fillLabel) ?? '' })}
          />
        )
      )}
      {report.paperSubmittedOn && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="report-paper-date"
          message={t('history.paperShown', { date: formatDate(report.paperSubmittedOn), reason: report.paperReason ?? '' })}
        />
      )}
      {report.status === 'submitted' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('report.lockedSubmitted')} data-testid="report-locked" />
      )}
      {report.status === 'accepted' && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('report.lockedAccepted')} data-testid="report-locked" />
      )}

      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 640px', minWidth: 0 }}>
          <Form<Values>
            form={form}
            layout="vertical"
            onValuesChange={() => setDirty(manualChanged(def, base, form.getFieldsValue(true) as Values))}
            data-testid="report-form"
          >
            {def.sections.map((s, si) => (
              <Card key={si} size="small" title={lang === 'en' && s.titleEn ? s.titleEn : s.title} style={{ marginBottom: 12 }}>
                {s.elements.map((el) => {
                  const label = elementLabel(def, el.code, lang);
                  const elIssues = byField.get(el.code);
                  const sev = worstSeverity(elIssues);
                  const help = elIssues?.length ? elIssues.map(msgOf).join(' · ') : undefined;
                  const status = sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : undefined;
                  if (el.source === 'computed') {
                    return (
                      <div key={el.code} className={`lg-report-row${sev ? ` lg-report-row-${sev}` : ''}`} data-testid={`report-row-${el.code}`}>
                        <span className="lg-report-label">{label}</span>
                        <span className="lg-report-value">
                          <Tooltip title={t('report.computedHint')}>
                            <Tag bordered={false} color="blue" style={{ marginInlineEnd: 8 }}>
                              {t('report.computed')}
                            </Tag>
                          </Tooltip>
                          <Typography.Text strong data-testid={`report-value-${el.code}`}>
                            {formatReportValue(report.values[el.code], el.valueType, yesNo)}
                          </Typography.Text>
                        </span>
                        {help && (
                          <div className={`lg-report-help lg-report-help-${sev}`} style={{ flexBasis: '100%' }}>
                            {help}
                          </div>
                        )}
                      </div>
                    );
                  }
                  if (!editable) {
                    // Locked or not the caller's to fill: plain readable text, not greyed inputs.
                    const v = report.values[el.code];
                    return el.valueType === 'text' ? (
                      <div key={el.code} style={{ marginTop: 8 }} data-testid={`report-row-${el.code}`}>
                        <div className="lg-report-label" style={{ marginBottom: 4 }}>
                          {label}
                        </div>
                        <div className={`lg-report-text${sev ? ` lg-report-row-${sev}` : ''}`} data-testid={`report-text-${el.code}`}>
                          {typeof v === 'string' && v.trim() ? v : <Typography.Text type="secondary">—</Typography.Text>}
                        </div>
                        {help && <div className={`lg-report-help-${sev}`}>{help}</div>}
                      </div>
                    ) : (
                      <div key={el.code} className={`lg-report-row${sev ? ` lg-report-row-${sev}` : ''}`} data-testid={`report-row-${el.code}`}>
                        <span className="lg-report-label">{label}</span>
                        <span className="lg-report-value">
                          <Typography.Text strong data-testid={`report-value-${el.code}`}>
                            {formatReportValue(v, el.valueType, yesNo)}
                          </Typography.Text>
                        </span>
                        {help && (
                          <div className={`lg-report-help lg-report-help-${sev}`} style={{ flexBasis: '100%' }}>
                            {help}
                          </div>
                        )}
                      </div>
                    );
                  }
                  if (el.valueType === 'text') {
                    return (
                      <Form.Item
                        key={el.code}
                        name={el.code}
                        label={label}
                        validateStatus={status}
                        help={help}
                        style={{ marginTop: 8 }}
                      >
                        <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={20000} data-testid={`report-field-${el.code}`} />
                      </Form.Item>
                    );
                  }
                  return (
                    <div key={el.code} className={`lg-report-row${sev ? ` lg-report-row-${sev}` : ''}`} data-testid={`report-row-${el.code}`}>
                      <span className="lg-report-label">{label}</span>
                      <Form.Item
                        name={el.code}
                        validateStatus={status}
                        help={help}
                        valuePropName={el.valueType === 'bool' ? 'checked' : 'value'}
                        className="lg-report-input"
                      >
                        {el.valueType === 'bool' ? (
                          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid={`report-field-${el.code}`} />
                        ) : (
                          <InputNumber<string>
                            stringMode
                            min="0"
                            style={{ width: 200 }}
                            formatter={(v) => formatThousands(v)}
                            parser={(v) => parseThousands(v)}
                            addonBefore={report.compilation ? t('report.ownPart') : undefined}
                            data-testid={`report-field-${el.code}`}
                          />
                        )}
                      </Form.Item>
                      {report.compilation && el.valueType === 'number' && (
                        <Typography.Text type="secondary" style={{ flexBasis: '100%' }} data-testid={`report-total-${el.code}`}>
                          {t('report.compiledTotal', { total: formatReportValue(report.values[el.code], 'number', yesNo) })}
                        </Typography.Text>
                      )}
                    </div>
                  );
                })}
              </Card>
            ))}
          </Form>
        </div>
        <div style={{ flex: '0 1 360px', minWidth: 280, display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Card size="small" data-testid="report-facts">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('report.unit')}>{report.orgUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t('report.period')}>
                <span data-testid="report-period-label">
                  {periodName(report.period, lang)} ({formatDate(report.period.from)} – {formatDate(report.period.to)})
                </span>
              </Descriptions.Item>
              {report.period.cutOff && (
                <Descriptions.Item label={t('report.cutOff')}>
                  <span data-testid="report-cutoff">
                    {t('report.cutOffValue', { cutOff: formatDate(report.period.cutOff), dataFrom: formatDate(report.period.dataFrom ?? report.period.from) })}
                  </span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('report.deadline')}>
                <strong data-testid="report-deadline">{formatDate(report.period.deadline)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('report.timeliness')}>
                <TimelinessTag value={report.timeliness} />
              </Descriptions.Item>
              {report.submittedAt && (
                <Descriptions.Item label={t('report.submittedAt')}>
                  {formatDateTime(report.submittedAt)}
                  {report.submittedBy ? ` · ${report.submittedBy}` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={t('report.issues')} data-testid="report-issues">
            {grouped.length === 0 ? (
              <Typography.Text type="success">{t('report.issuesNone')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={grouped}
                renderItem={(g) => (
                  <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="report-issue">
                    <div>
                      <strong>{elementLabel(def, g.field, lang)}</strong>
                    </div>
                    {g.issues.map((i, k) => (
                      <div key={k} className={`lg-issue lg-issue-${i.severity}`} data-testid={`report-issue-${i.severity}`}>
                        {i.severity === 'error' ? <ExclamationCircleOutlined /> : <WarningOutlined />}{' '}
                        <span>{msgOf(i)}</span>
                      </div>
                    ))}
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('report.history')}>
            <div data-testid="report-history">
              {(report.history ?? []).length === 0 ? (
                <Typography.Text type="secondary">{t('report.noHistory')}</Typography.Text>
              ) : (
                <Timeline
                  items={report.history.map((h, i) => ({
                    key: i,
                    color: h.action === 'return' || h.action === 'reopen' ? 'red' : h.action === 'accept' ? 'green' : 'blue',
                    children: (
                      <div data-testid="report-history-item">
                        <strong>{actionLabel(h.action)}</strong>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {h.username} · {formatDateTime(h.at)}
                          </Typography.Text>
                        </div>
                        {h.onBehalfLabel && (
                          <div data-testid="report-history-on-behalf">
                            <Tag color="purple">{lang === 'en' ? h.onBehalfLabelEn ?? h.onBehalfLabel : h.onBehalfLabel}</Tag>
                          </div>
                        )}
                        {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>“{h.comment}”</div>}
                      </div>
                    ),
                  }))}
                />
              )}
            </div>
          </Card>
        </div>
      </div>
      {report.compilation && <CompilationCard form={def} report={report} />}
      {review.node}
      <PaperSubmitModal
        open={paperOpen}
        periodFrom={report.period.from}
        missing={missing}
        onCancel={() => setPaperOpen(false)}
        onOk={(paper) => {
          setPaperOpen(false);
          void doSubmit(missing.length > 0, paper);
        }}
      />
    </div>
  );
}

/** The units below without an accepted report, listed in a submit confirmation. */
function MissingUnitsList({ missing }: { missing: NonNullable<Report['missingUnits']> }) {
  const { t } = useI18n();
  return (
    <div data-testid="report-confirm-missing">
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('report.submitMissing')}</Typography.Paragraph>
      <ul style={{ maxHeight: 220, overflow: 'auto', marginTop: 0, marginBottom: 8 }}>
        {missing.map((m, i) => (
          <li key={i} data-testid="report-missing-unit">
            {m.name} — <ReportStatusTag status={m.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The submit dialog of a report of a past period: the day the paper report was submitted (not in
 * the future, not before the period began) and the reason it is entered now; both empty = today.
 */
function PaperSubmitModal({
  open,
  periodFrom,
  missing,
  onCancel,
  onOk,
}: {
  open: boolean;
  periodFrom: string;
  missing: NonNullable<Report['missingUnits']>;
  onCancel: () => void;
  onOk: (paper?: { paperSubmittedOn: string; reason: string }) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ day?: Dayjs | null; reason?: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const today = todayIso();
  return (
    <Modal
      open={open}
      title={t('report.submitConfirm')}
      okText={t('report.submit')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'report-confirm-ok' } as ButtonProps}
      destroyOnHidden
      data-testid="report-paper-modal"
    >
      {missing.length > 0 && <MissingUnitsList missing={missing} />}
      <Typography.Paragraph type="secondary">{t('history.paperHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const day = v.day ? dayjsToIso(v.day) : null;
          onOk(day ? { paperSubmittedOn: day, reason: (v.reason ?? '').trim() } : undefined);
        }}
      >
        <Form.Item name="day" label={t('history.paperSubmittedOn')}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            disabledDate={(d) => {
              const iso = dayjsToIso(d) ?? '';
              return iso > today || iso < periodFrom;
            }}
            data-testid="report-paper-date-input"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('history.reason')}
          dependencies={['day']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, val: string | undefined) =>
                getFieldValue('day') && !(val ?? '').trim()
                  ? Promise.reject(new Error(t('history.reasonRequired')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="report-paper-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The caller's reminders (GET /api/reports/reminders), refreshed after any report action. */
export function useReminders(enabled: boolean): { items: Reminder[]; reload: () => void; error: unknown } {
  const r = useApi(enabled ? reportReads.reminders() : null);
  const { reload } = r;
  useEffect(() => {
    window.addEventListener(REPORTS_CHANGED, reload);
    return () => window.removeEventListener(REPORTS_CHANGED, reload);
  }, [reload]);
  return { items: reminderList(r.data, todayIso()), reload, error: r.error };
}

/** "6 tháng đầu năm 2026: quá hạn nộp từ 15/06/2026" or "… hạn nộp 15/12/2026, còn 5 ngày". */
export function useReminderText() {
  const { t, lang } = useI18n();
  return (r: Reminder) => {
    const deadline = formatDate(r.deadline);
    const name = lang === 'en' ? r.periodLabelEn || r.periodLabel : r.periodLabel;
    const period = r.unitName ? `${name} · ${r.unitName}` : name;
    const key: MessageKey = r.overdue ? 'report.reminderOverdue' : 'report.reminderDue';
    return t(key, { period, deadline, n: r.deadline ? Math.max(0, daysUntil(r.deadline, todayIso())) : '—' });
  };
}

export const reminderLink = (r: Reminder) =>
  r.periodCode.startsWith('adhoc-')
    ? `/reports?tab=adhoc&request=${encodeURIComponent(r.periodCode.slice(6))}`
    : `/reports?form=${encodeURIComponent(r.form)}&year=${encodeURIComponent(r.periodCode.slice(0, 4))}&period=${encodeURIComponent(r.periodCode)}`;

/** The reminders as a list of links (the header's popover and the report page's alert). */
export function ReminderLinks({ items, onPick }: { items: Reminder[]; onPick?: () => void }) {
  const text = useReminderText();
  return (
    <div data-testid="report-reminders-list">
      {items.map((r, i) => (
        <div key={i} style={{ padding: '2px 0' }}>
          <Link to={reminderLink(r)} onClick={onPick} style={{ color: r.overdue ? '#cf1322' : '#d46b08' }} data-testid="report-reminder">
            {r.overdue ? <ExclamationCircleOutlined /> : <WarningOutlined />} {text(r)}
          </Link>
        </div>
      ))}
    </div>
  );
}

/** A level's report: its figures as compiled + own = total beside the live cross-check, why they
 * differ unit by unit, and the units missing (as confirmed once submitted). */
function CompilationCard({ form, report }: { form: ReportForm; report: Report }) {
  const { t, lang } = useI18n();
  const c = report.compilation;
  if (!c) return null;
  const rows = form.sections.flatMap((s) => s.elements).filter((e) => e.valueType === 'number');
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));
  const gaps = c.differences.filter((d) => d.reason !== 'none');
  const who = (d: { orgUnit?: { name: string }; agency?: { name: string } }) => d.orgUnit?.name ?? d.agency?.name ?? '';
  return (
    <Card size="small" title={t('report.compilationTitle')} style={{ marginTop: 12 }} data-testid="report-compilation">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('report.compilationHint')}
      </Typography.Paragraph>
      {/* Wide figures (money rows of billions, signed cuts) scroll inside the box on a phone. */}
      <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="compilation-scroll">
        <table className="lg-compilation-table" style={{ width: '100%', maxWidth: 1100, borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>{t('compile.element')}</th>
            <th style={{ textAlign: 'right' }}>{t('compile.fromUnits')}</th>
            <th style={{ textAlign: 'right' }}>{t('compile.own')}</th>
            <th style={{ textAlign: 'right' }}>{t('compile.total')}</th>
            <th style={{ textAlign: 'right' }}>{t('compile.live')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.code} data-testid={`report-compilation-${e.code}`}>
              <td>{elementLabel(form, e.code, lang)}</td>
              <td style={{ textAlign: 'right' }}>{num(c.compiled[e.code])}</td>
              <td style={{ textAlign: 'right' }}>{num(c.own[e.code])}</td>
              <td style={{ textAlign: 'right' }}>
                <strong>{num(c.total[e.code])}</strong>
              </td>
              <td style={{ textAlign: 'right' }}>{e.source === 'computed' ? num(c.live[e.code]) : ''}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </div>
      {gaps.length > 0 && (
        <div style={{ marginTop: 8 }} data-testid="report-differences">
          <Typography.Text strong>{t('compile.crossCheck')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, columns: '2 320px' }}>
            {gaps.map((d, i) => (
              <li key={i} data-testid="report-difference">
                <strong>{who(d)}</strong>: {lang === 'en' ? d.messageEn : d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

// /classification: "Chấm điểm, phân loại xã, phường" (issue 18, docs/api-classification.md).
// A year picker; for a province, the completeness of its communes (status, class, link, counts;
// filters by status and class, search without diacritics); for a commune officer, the commune's
// assessment of the year (or "Bắt đầu tự chấm điểm") and its results through merges.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Alert, Button, Card, Empty, Input, Select, Space, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { PERM } from '../api/types';
import { ApiError } from '../api/errors';
import {
  classificationApi, COMPLETENESS_STATUSES, type ClassRef, type CompletenessRow, type CompletenessStatus, type HistoryYear,
} from '../api/classification';
import { formatNumber, todayIso } from '../format';
import { fold } from '../reports';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { ListTable } from '../components/list';
import { OrgUnitSelect } from '../components/OrgUnitSelect';

export const FIRST_YEAR = 2021;
export const currentYear = () => Number(todayIso().slice(0, 4));
export const yearOptions = () =>
  Array.from({ length: currentYear() - FIRST_YEAR + 1 }, (_, i) => currentYear() - i).map((y) => ({ value: y, label: String(y) }));

const STATUS_COLOR: Record<CompletenessStatus, string> = {
  not_started: 'default', draft: 'blue', submitted: 'gold', returned: 'red', approved: 'green',
};

export function StatusTag({ status }: { status: CompletenessStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="clf-status">{t(`clf.status.${status}` as MessageKey)}</Tag>;
}

export function ClassTag({ cls }: { cls: ClassRef | null | undefined }) {
  const { lang } = useI18n();
  if (!cls) return <span>—</span>;
  return (
    <Tag color={cls.healthy ? 'green' : cls.rank === 2 ? 'orange' : 'volcano'} data-testid="clf-class" style={{ whiteSpace: 'normal' }}>
      {lang === 'en' ? cls.labelEn : cls.labelVi}
    </Tag>
  );
}

function CommuneView({ commune, year }: { commune: { code: string; name: string }; year: number }) {
  const { t, lang, errText } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: list, error, loading, reload } = useApi(classificationApi.list({ year }));
  const mine = (list?.items ?? []).find((a) => a.commune.code === commune.code && a.year === year);
  const { data: history, error: hErr } = useApi(classificationApi.history(commune.code));
  const [busy, setBusy] = useState(false);
  // Years with a result of the commune or of a predecessor, newest first.
  const shown = [...(history?.years ?? [])]
    .filter((y) => y.own || y.predecessors.some((p) => p.assessment))
    .sort((a, b) => b.year - a.year);

  const start = async () => {
    setBusy(true);
    try {
      const a = await classificationApi.create(commune.code, year);
      navigate(`/classification/assessments/${a.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'assessment_exists' && typeof e.raw.id === 'number') {
        navigate(`/classification/assessments/${e.raw.id}`);
      } else {
        message.error(errText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card size="small" title={t('clf.myAssessment', { commune: commune.name, year })} style={{ marginBottom: 12 }} data-testid="clf-mine">
        <ErrorAlert error={error} onRetry={reload} />
        {loading && !list ? <Spin /> : mine ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <StatusTag status={mine.status} />
              <ClassTag cls={mine.finalClass ?? mine.checkClass ?? mine.selfClass} />
            </Space>
            <span>{t('clf.selfTotal')}: <strong>{formatNumber(mine.selfTotal)}/{formatNumber(mine.maxPoints)}</strong>
              {mine.checkTotal !== null && <> · {t('clf.checkTotal')}: <strong>{formatNumber(mine.checkTotal)}</strong></>}</span>
            {mine.status === 'returned' && mine.returnComment && (
              <Alert type="warning" showIcon message={t('clf.returnedWith')} description={mine.returnComment} />
            )}
            <Link to={`/classification/assessments/${mine.id}`} data-testid="clf-open-mine">
              <Button type="primary">{t('clf.open')}</Button>
            </Link>
          </Space>
        ) : (
          <Space direction="vertical">
            <Typography.Text type="secondary">{t('clf.notStartedYet')}</Typography.Text>
            {can(PERM.classificationAssess) && (
              <Button type="primary" icon={<FormOutlined />} loading={busy} onClick={() => void start()} data-testid="clf-start">
                {t('clf.start')}
              </Button>
            )}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('clf.history')} data-testid="clf-history">
        <ErrorAlert error={hErr} />
        {shown.length === 0 && history && <Empty description={t('clf.historyEmpty')} />}
        {shown.map((y) => (
          <HistoryRow key={y.year} y={y} lang={lang} />
        ))}
      </Card>
    </>
  );
}

function HistoryRow({ y }: { y: HistoryYear; lang: string }) {
  const { t } = useI18n();
  return (
    <div style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }} data-testid="clf-history-year">
      <strong>{y.year}</strong>{' '}
      {y.own ? (
        <Space wrap size={4}>
          <StatusTag status={y.own.status} />
          <ClassTag cls={y.own.finalClass} />
          <span>{formatNumber(y.own.checkTotal ?? y.own.selfTotal)}/{formatNumber(y.own.maxPoints)}</span>
          <Link to={`/classification/assessments/${y.own.id}`}>{t('clf.open')}</Link>
        </Space>
      ) : (
        <div style={{ paddingLeft: 8 }}>
          <Typography.Text type="secondary">{t('clf.predecessors')}</Typography.Text>
          {y.predecessors.map((p) => (
            <div key={p.unit.code} style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 2 }} data-testid="clf-predecessor">
              <span style={{ minWidth: 90 }}>{p.unit.name}{p.partial ? ` (${t('clf.partial')})` : ''}:</span>
              {p.assessment ? (
                <>
                  <ClassTag cls={p.assessment.finalClass} />
                  <Link to={`/classification/assessments/${p.assessment.id}`}>{t('clf.open')}</Link>
                </>
              ) : <span>{t('clf.noResult')}</span>}
            </div>
          ))}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 4 }} data-testid="clf-derived">
            <span>{t('clf.derived')}:</span>
            <ClassTag cls={y.derivedClass} />
            {y.derivedRule && <Typography.Text type="secondary">({t(y.derivedRule === 'lowest' ? 'clf.ruleLowest' : 'clf.ruleHighest')})</Typography.Text>}
          </div>
        </div>
      )}
    </div>
  );
}

function ProvinceView({ province, year }: { province: string; year: number }) {
  const { t, lang, errText } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // A commune that handed in a paper self-assessment: the province types it in (POST
  // /api/classification/assessments for the commune), then opens it.
  const [starting, setStarting] = useState<string | null>(null);
  const startPaper = async (code: string) => {
    setStarting(code);
    try {
      const a = await classificationApi.create(code, year);
      navigate(`/classification/assessments/${a.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'assessment_exists' && typeof e.raw.id === 'number') {
        navigate(`/classification/assessments/${e.raw.id}`);
      } else {
        message.error(errText(e));
      }
    } finally {
      setStarting(null);
    }
  };
  const { data, error, loading, reload } = useApi(classificationApi.completeness(province, year));
  const [status, setStatus] = useState<CompletenessStatus | undefined>();
  const [cls, setCls] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const f = fold(q.trim());
    return (data?.communes ?? []).filter(
      (r) => (!status || r.status === status) && (!cls || r.finalClass?.code === cls) && (!f || fold(r.commune.name).includes(f) || r.commune.code.includes(f)),
    );
  }, [data, status, cls, q]);
  const classes = useMemo(() => {
    const m = new Map<string, ClassRef>();
    for (const r of data?.communes ?? []) if (r.finalClass) m.set(r.finalClass.code, r.finalClass);
    return [...m.values()].sort((a, b) => a.rank - b.rank);
  }, [data]);
  const c = data?.counts;
  const countCards: [string, number | undefined, CompletenessStatus | undefined][] = [
    ['clf.communes', c?.communes, undefined], ['clf.status.not_started', c?.notStarted, 'not_started'], ['clf.status.draft', c?.draft, 'draft'],
    ['clf.status.submitted', c?.submitted, 'submitted'], ['clf.status.returned', c?.returned, 'returned'], ['clf.status.approved', c?.approved, 'approved'],
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Space wrap style={{ marginBottom: 8 }} data-testid="clf-documents">
        {(c?.approved ?? 0) > 0 && (
          <>
            <span>{t('clf.decision')}:</span>
            {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
              <a key={f} href={classificationApi.decisionUrl(province, year, f)} data-testid={`clf-decision-${f}`}>{f.toUpperCase()}</a>
            ))}
            <span>·</span>
          </>
        )}
        <Link to="/dashboard">{t('clf.onDashboard')}</Link>
      </Space>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }} data-testid="clf-counts">
        {countCards.map(([k, n, s]) => (
          <Card key={k} size="small" hoverable style={{ minWidth: 110, flex: '1 1 110px', borderColor: status === s && s ? '#1677ff' : undefined }}
            onClick={() => setStatus(s)} data-testid={`clf-count-${s ?? 'all'}`}>
            <Statistic title={t(k as MessageKey)} value={n ?? 0} formatter={(v) => formatNumber(Number(v))} />
          </Card>
        ))}
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 240, maxWidth: '100%' }} placeholder={t('clf.searchCommune')} onSearch={(v) => setQ(v)}
          onChange={(e) => setQ(e.target.value)} data-testid="clf-search" />
        <Select allowClear style={{ width: 180 }} placeholder={t('clf.statusLabel')} value={status} onChange={setStatus}
          options={COMPLETENESS_STATUSES.map((s) => ({ value: s, label: t(`clf.status.${s}` as MessageKey) }))} data-testid="clf-status-filter" />
        <Select allowClear style={{ width: 220, maxWidth: '100%' }} popupMatchSelectWidth={false} placeholder={t('clf.classLabel')} value={cls} onChange={setCls}
          options={classes.map((x) => ({ value: x.code, label: lang === 'en' ? x.labelEn : x.labelVi }))} data-testid="clf-class-filter" />
      </Space>
      <ListTable<CompletenessRow>
        rowKey={(r) => r.commune.code}
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: t('clf.empty') }}
        data-testid="clf-table"
        columns={[
          { title: t('clf.commune'), key: 'commune', render: (_: unknown, r: CompletenessRow) => (
            r.assessmentId ? <Link to={`/classification/assessments/${r.assessmentId}`} data-testid="clf-commune-link"><strong>{r.commune.name}</strong></Link>
              : <strong>{r.commune.name}</strong>) },
          { title: t('clf.code'), key: 'code', render: (_: unknown, r: CompletenessRow) => r.commune.code },
          { title: t('clf.statusLabel'), key: 'status', render: (_: unknown, r: CompletenessRow) => <StatusTag status={r.status} /> },
          { title: t('clf.classLabel'), key: 'class', render: (_: unknown, r: CompletenessRow) => <ClassTag cls={r.finalClass} /> },
          ...(can(PERM.classificationAssess)
            ? [{ title: '', key: 'start', render: (_: unknown, r: CompletenessRow) => r.status === 'not_started' && !r.assessmentId ? (
                <Tooltip title={t('clf.startPaperHint')}>
                  <Button size="small" icon={<FormOutlined />} loading={starting === r.commune.code} disabled={!!starting}
                    onClick={() => void startPaper(r.commune.code)} data-testid="clf-start-paper">{t('clf.startPaper')}</Button>
                </Tooltip>
              ) : null }]
            : []),
        ]}
      />
    </>
  );
}

export default function ClassificationPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const [year, setYear] = useState(currentYear());
  const unit = me?.orgUnit;
  const isProvince = unit?.kind === 'province';
  const isCommune = !!unit && !isProvince && unit.kind !== 'national' && unit.kind !== 'country' && unit.code !== 'VN';
  const [picked, setPicked] = useState<string | undefined>();
  const province = isProvince ? unit.code : picked;
  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">{t('clf.title')}</Typography.Title>
        <Space wrap>
          <Select style={{ width: 100 }} value={year} onChange={setYear} options={yearOptions()} data-testid="clf-year" aria-label={t('clf.year')} />
          {can(PERM.classificationRead) && <Link to="/classification/sets">{t('clf.setsLink')}</Link>}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('clf.hint')}</Typography.Paragraph>
      {isCommune && unit && <CommuneView commune={unit} year={year} />}
      {!isCommune && !isProvince && (
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('clf.province')}:</span>
          <OrgUnitSelect style={{ width: 260, maxWidth: '100%' }} value={picked} onChange={setPicked} placeholder={t('clf.pickProvince')} data-testid="clf-province" />
        </Space>
      )}
      {!isCommune && province && <ProvinceView province={province} year={year} />}
    </div>
  );
}

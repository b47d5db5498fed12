// /reports/compile — "Tổng hợp báo cáo" for a province / ministry officer: for a unit (the
// caller's own by default) and a period, the completeness of the reports of the units below
// (statistic cards), the units with their status and timeliness (late / missing in red) and the
// review actions Tiếp nhận / Trả lại / Mở lại, the compiled figures per element (compiled from
// units + own = total, beside the live computed figure), and the official document downloads.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Drawer, Input, Progress, Row, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, WarningOutlined } from '@ant-design/icons';
import { reportApi, type ReportDocumentFormat } from '../api/api';
import { PERM, type Report, type ReportCompileUnit } from '../api/types';
import { formatDateTime, formatNumber, todayIso } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { reportReads } from '../api/reports';
import { periodName } from '../analytics';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { SignerFields, signerQuery, useSigner } from '../components/SignerFields';
import { acceptedPercent, figureRows, isLateOrMissing, reviewActions, unitRows, type FigureRow, type ReviewAction } from '../reports';
import { PeriodPicker, ReportStatusTag, ReportView, TimelinessTag, usePeriodSelection, useReviewActions } from './ReportsParts';

type SectionRow = { kind: 'section'; key: string; title: string };
type Row = SectionRow | (FigureRow & { kind: 'figure'; key: string });

export default function ReportsCompilePage() {
  const { t, lang, errText } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const unit = params.get('orgUnit') || me?.orgUnit.code;
  const sel = usePeriodSelection(unit);
  const compile = useApi(sel.period && unit ? reportReads.compile(sel.formCode, sel.period.code, unit) : null);
  const data = compile.data;
  const [q, setQ] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [opened, setOpened] = useState<{ code: string; name: string } | null>(null);
  const [openedReport, setOpenedReport] = useState<Report | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [fetching, setFetching] = useState<string | null>(null);
  const mayReview = can(PERM.reportsReview);

  const fetchReport = (code: string) => reportApi.current(sel.formCode, sel.period?.code ?? '', code);

  const afterAction = (r: Report) => {
    compile.reload();
    if (opened && r.orgUnit.code === opened.code) setOpenedReport(r);
  };
  const review = useReviewActions(afterAction);

  // Opening a unit's report in the drawer.
  useEffect(() => {
    if (!opened) {
      setOpenedReport(null);
      setOpenError(null);
      return;
    }
    let live = true;
    setOpenedReport(null);
    setOpenError(null);
    fetchReport(opened.code).then(
      (r) => live && setOpenedReport(r),
      (e) => live && setOpenError(e),
    );
    return () => {
      live = false;
    };
    // Refetch when another unit or period is opened.
  }, [opened?.code, sel.period?.code, sel.formCode]);

  /** A row's action: the compilation's row carries no id, so fetch the unit's report first. */
  const act = async (a: ReviewAction, u: ReportCompileUnit) => {
    setFetching(u.orgUnit.code);
    try {
      const r = await fetchReport(u.orgUnit.code);
      if (!reviewActions(r.status, r.can).includes(a)) {
        message.error(t('error.illegal_transition'));
        compile.reload();
        return;
      }
      review.run(a, r);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setFetching(null);
    }
  };

  const rows = useMemo(() => unitRows(data?.units ?? [], { q, problemsOnly }), [data, q, problemsOnly]);
  const figures: Row[] = useMemo(() => {
    if (!data || !sel.form) return [];
    const out: Row[] = [];
    let section = '';
    for (const f of figureRows(sel.form, data, lang)) {
      if (f.section !== section) {
        section = f.section;
        out.push({ kind: 'section', key: `s:${section}`, title: section });
      }
      out.push({ ...f, kind: 'figure', key: f.code });
    }
    return out;
  }, [data, sel.form, lang]);

  const c = data?.completeness;
  const stats: { key: keyof NonNullable<typeof c>; label: MessageKey; bad?: boolean }[] = [
    { key: 'expected', label: 'compile.expected' },
    { key: 'submitted', label: 'compile.submitted' },
    { key: 'accepted', label: 'compile.accepted' },
    { key: 'onTime', label: 'compile.onTime' },
    { key: 'late', label: 'compile.late', bad: true },
    { key: 'missing', label: 'compile.missing', bad: true },
  ];

  const [signer, setSigner] = useSigner(me);
  const docButton = (format: ReportDocumentFormat, icon: React.ReactNode, label: MessageKey) => (
    <Button
      icon={icon}
      href={sel.period && unit ? reportApi.documentUrl(sel.formCode, sel.period.code, unit, format, signerQuery(signer)) : undefined}
      disabled={!sel.period || !unit}
      download
      data-testid={`report-download-${format}`}
    >
      {t(label)}
    </Button>
  );

  const span = (r: Row) => (r.kind === 'section' ? 0 : 1);
  const numCell = (v: number | null) => (v === null ? '—' : formatNumber(v));

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('compile.title')}
      </Typography.Title>
      <PeriodPicker
        sel={sel}
        extra={
          <Space size={4}>
            <Typography.Text type="secondary">{t('compile.unit')}:</Typography.Text>
            <OrgUnitSelect
              value={unit}
              // a past period lists the units of its day (the old districts and communes, reviewed
              // on their behalf by their successors: docs/api-reports.md)
              asOf={sel.period && sel.period.to < todayIso() ? sel.period.to : undefined}
              initial={data?.orgUnit ?? me?.orgUnit}
              onChange={(code) => {
                const next = new URLSearchParams(params);
                if (code) next.set('orgUnit', code);
                else next.delete('orgUnit');
                setParams(next, { replace: true });
              }}
              style={{ width: 320 }}
              data-testid="compile-unit-select"
            />
          </Space>
        }
      />
      <ErrorAlert error={sel.error} onRetry={sel.reload} />
      <ErrorAlert error={compile.error} onRetry={compile.reload} />
      {!sel.loading && sel.periods.length === 0 && !sel.error && (
        <Typography.Paragraph type="secondary">{t('report.noPeriods')}</Typography.Paragraph>
      )}

      {!data && compile.loading && <Card loading />}
      {data && c && (
        <>
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            data-testid="compile-documents"
            title={`${t('compile.documents')} · ${data.orgUnit.name} · ${periodName(data.period, lang)}`}
          >
            <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text type="secondary">{t('compile.documentsHint')}</Typography.Text>
              <Space wrap>
                {docButton('docx', <FileWordOutlined />, 'report.download.docx')}
                {docButton('xlsx', <FileExcelOutlined />, 'report.download.xlsx')}
                {docButton('pdf', <FilePdfOutlined />, 'report.download.pdf')}
              </Space>
            </Space>
            <div style={{ marginTop: 8 }}>
              <SignerFields value={signer} onChange={setSigner} />
            </div>
          </Card>

          <Row gutter={[12, 12]} data-testid="compile-completeness">
            {stats.map((s) => (
              <Col key={s.key} xs={12} sm={8} lg={4}>
                <Card size="small" className={s.bad && c[s.key] > 0 ? 'lg-stat-bad' : undefined}>
                  <Statistic
                    title={t(s.label)}
                    value={c[s.key]}
                    formatter={(v) => <span data-testid={`compile-stat-${s.key}`}>{formatNumber(Number(v))}</span>}
                    valueStyle={s.bad && c[s.key] > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Space style={{ margin: '8px 0 16px' }} wrap>
            <Progress percent={acceptedPercent(c)} showInfo={false} size="small" style={{ width: 320, margin: 0 }} />
            <Typography.Text type="secondary" data-testid="compile-accepted-percent">
              {t('compile.acceptedPercent', { p: acceptedPercent(c) })}
            </Typography.Text>
          </Space>

          <Typography.Title level={5}>
            {t('compile.units')} ({formatNumber(data.units.length)})
          </Typography.Title>
          <Space wrap style={{ marginBottom: 8 }}>
            <Input.Search
              allowClear
              placeholder={t('compile.search')}
              style={{ width: 320 }}
              onSearch={setQ}
              onChange={(e) => setQ(e.target.value)}
              data-testid="compile-units-search"
            />
            <Space size={4}>
              <Switch size="small" checked={problemsOnly} onChange={setProblemsOnly} data-testid="compile-problems-only" />
              <Typography.Text>{t('compile.problemsOnly')}</Typography.Text>
            </Space>
          </Space>
          <Table<ReportCompileUnit>
            rowKey={(u) => u.orgUnit.code}
            size="small"
            dataSource={rows}
            data-testid="compile-units"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('compile.noUnits') }}
            rowClassName={(u) => (isLateOrMissing(u.timeliness) ? 'lg-report-late' : '')}
            scroll={{ x: 860 }}
            columns={[
              {
                title: t('report.unit'),
                key: 'unit',
                render: (_: unknown, u) => (
                  <>
                    <strong>{u.orgUnit.name}</strong>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      ({u.orgUnit.code})
                    </Typography.Text>
                  </>
                ),
              },
              { title: t('report.status'), dataIndex: 'status', width: 140, render: (s: string) => <ReportStatusTag status={s} /> },
              { title: t('report.timeliness'), dataIndex: 'timeliness', width: 150, render: (v: string) => <TimelinessTag value={v} /> },
              { title: t('report.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
              {
                // why the unit's live figure differs from what the compilation counts of it
                title: t('compile.crossCheck'),
                key: 'gap',
                width: 220,
                render: (_: unknown, u) => {
                  const d = data.differences?.find((x) => x.orgUnit?.code === u.orgUnit.code);
                  if (!d) return null;
                  if (d.reason === 'none') return <Typography.Text type="success">{t('compile.crossCheckOk')}</Typography.Text>;
                  return (
                    <Typography.Text type="warning" data-testid="compile-gap">
                      {lang === 'en' ? d.messageEn : d.message}
                    </Typography.Text>
                  );
                },
              },
              {
                title: t('common.actions'),
                key: 'act',
                width: 280,
                render: (_: unknown, u) => {
                  const acts = mayReview ? reviewActions(u.status) : [];
                  return (
                    <Space size={4} wrap>
                      <Button
                        size="small"
                        icon={<EyeOutlined />}
                        onClick={() => setOpened({ code: u.orgUnit.code, name: u.orgUnit.name })}
                        data-testid="compile-view"
                      >
                        {t('compile.view')}
                      </Button>
                      {acts.includes('accept') && (
                        <Button size="small" type="primary" loading={fetching === u.orgUnit.code} onClick={() => void act('accept', u)} data-testid="compile-accept">
                          {t('report.accept')}
                        </Button>
                      )}
                      {acts.includes('return') && (
                        <Button size="small" danger onClick={() => void act('return', u)} data-testid="compile-return">
                          {t('report.return')}
                        </Button>
                      )}
                      {acts.includes('reopen') && (
                        <Button size="small" onClick={() => void act('reopen', u)} data-testid="compile-reopen">
                          {t('report.reopen')}
                        </Button>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('compile.figures')}
          </Typography.Title>
          {data.frozen && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('compile.frozen')} data-testid="compile-frozen" />}
          {!!data.missingUnits?.length && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="compile-missing"
              message={t('compile.missingUnits', { names: data.missingUnits.map((m) => m.name).join(', ') })}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
            {t('compile.figuresHint')}
          </Typography.Paragraph>
          <Table<Row>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={figures}
            data-testid="compile-figures"
            rowClassName={(r) => (r.kind === 'section' ? 'lg-figures-section' : '')}
            scroll={{ x: 860 }}
            columns={[
              {
                title: t('compile.element'),
                key: 'label',
                onCell: (r) => ({ colSpan: r.kind === 'section' ? 5 : 1 }),
                render: (_: unknown, r) => (r.kind === 'section' ? <strong>{r.title}</strong> : r.label),
              },
              {
                title: t('compile.fromUnits'),
                key: 'compiled',
                align: 'right',
                width: 170,
                onCell: (r) => ({ colSpan: span(r) }),
                render: (_: unknown, r) => (r.kind === 'figure' ? numCell(r.compiled) : null),
              },
              {
                title: t('compile.own'),
                key: 'own',
                align: 'right',
                width: 130,
                onCell: (r) => ({ colSpan: span(r) }),
                render: (_: unknown, r) => (r.kind === 'figure' ? numCell(r.own) : null),
              },
              {
                title: t('compile.total'),
                key: 'total',
                align: 'right',
                width: 150,
                onCell: (r) => ({ colSpan: span(r) }),
                render: (_: unknown, r) =>
                  r.kind === 'figure' ? (
                    <Space size={4}>
                      {!r.addsUp && (
                        <Tooltip title={t('compile.notAddingUp')}>
                          <Tag color="red">≠</Tag>
                        </Tooltip>
                      )}
                      <strong data-testid={`compile-total-${r.code}`}>{numCell(r.total)}</strong>
                    </Space>
                  ) : null,
              },
              {
                title: t('compile.live'),
                key: 'computed',
                align: 'right',
                width: 160,
                onCell: (r) => ({ colSpan: span(r) }),
                render: (_: unknown, r) =>
                  r.kind === 'figure' ? (
                    <Space size={4}>
                      {!r.matchesLive && (
                        <Tooltip title={t('compile.notMatching')}>
                          <WarningOutlined style={{ color: '#d46b08' }} data-testid="compile-not-matching" />
                        </Tooltip>
                      )}
                      <span>{numCell(r.computed)}</span>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </>
      )}

      <Drawer
        open={!!opened}
        width={Math.min(1180, window.innerWidth - 80)}
        title={opened ? t('compile.unitReport', { unit: opened.name }) : ''}
        onClose={() => setOpened(null)}
        destroyOnHidden
      >
        <div data-testid="compile-drawer">
          <ErrorAlert error={openError} />
          {openedReport && sel.form ? (
            <ReportView form={sel.form} report={openedReport} onChange={afterAction} />
          ) : (
            !openError && <Card loading />
          )}
        </div>
      </Drawer>
      {review.node}
    </div>
  );
}

// /reports — "Báo cáo định kỳ": the signed-in user's own unit's report for a form and period
// (GET /api/reports/current): computed values read-only, hand-entered ones editable, checks by
// element, Lưu / Gửi báo cáo following `can`, the history with return comments; the reminders of
// reports overdue or due soon on top. An agency focal point sees its agency's report to the
// province (?agency=). The "Báo cáo đột xuất" tab (?tab=adhoc) holds the ad-hoc requests.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { Report } from '../api/types';
import { PERM } from '../api/types';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { reportReads } from '../api/reports';
import { ErrorAlert } from '../components/ResultPages';
import { PeriodPicker, ReminderLinks, ReportView, useReminders, usePeriodSelection } from './ReportsParts';
import AdhocRequestsTab from './ReportsAdhoc';

export default function ReportsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'adhoc' ? 'adhoc' : 'periodic';
  const unit = me?.orgUnit.code;
  // an agency focal point reports for its agency (docs/api-reports.md, "Agency reports")
  const agency = me && me.roles.includes('agency_focal_point') && me.agency ? me.agency : null;
  const sel = usePeriodSelection(unit);
  const reminders = useReminders(can(PERM.reportsSubmit));
  // History through the successors: a former unit merged into the user's (?unit=&unitAsOf=), among
  // those the user may report for in the chosen period (GET /api/reports/acting-units).
  const actFor = params.get('unit') || '';
  const actAsOf = params.get('unitAsOf') || '';
  const actingList = useApi(
    !agency && can(PERM.reportsSubmit) && sel.period && !sel.period.code.startsWith('adhoc') && tab === 'periodic'
      ? reportReads.actingUnits(sel.formCode, sel.period.code)
      : null,
  );
  const formerUnits = (actingList.data?.items ?? []).filter((u) => u.acting === 'on_behalf');
  const setActFor = (v: string) => {
    const next = new URLSearchParams(params);
    const [code, asOf] = v.split('|');
    if (code) {
      next.set('unit', code);
      next.set('unitAsOf', asOf ?? '');
    } else {
      next.delete('unit');
      next.delete('unitAsOf');
    }
    setParams(next, { replace: true });
  };
  const current = useApi(
    sel.period && unit && tab === 'periodic'
      ? reportReads.current({
          form: sel.formCode,
          period: sel.period.code,
          ...(agency ? { agency: String(agency.id) } : { orgUnit: actFor || unit, ...(actFor && actAsOf ? { asOf: actAsOf } : {}) }),
        })
      : null,
  );
  // The latest answer of an action wins over the loaded one until the selection changes.
  const [report, setReport] = useState<Report | undefined>(undefined);
  useEffect(() => setReport(current.data), [current.data]);
  const shown =
    report && report.period.code === sel.period?.code && report.form === sel.formCode ? report : undefined;

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('report.title')}
        {me && (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 12 }}>
            {agency ? t('adhoc.agencyReport', { agency: agency.name }) : me.orgUnit.name}
          </Typography.Text>
        )}
      </Typography.Title>
      {reminders.items.length > 0 && (
        <Alert
          type={reminders.items.some((r) => r.overdue) ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-reminders"
          message={t('report.reminderAlert', { n: reminders.items.length })}
          description={<ReminderLinks items={reminders.items} />}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams();
          if (k === 'adhoc') next.set('tab', 'adhoc');
          setParams(next);
        }}
        items={[
          { key: 'periodic', label: <span data-testid="report-tab-periodic">{t('adhoc.periodicTab')}</span> },
          { key: 'adhoc', label: <span data-testid="report-tab-adhoc">{t('adhoc.tab')}</span> },
        ]}
      />
      {tab === 'adhoc' ? (
        <AdhocRequestsTab />
      ) : (
        <>
      <PeriodPicker
        sel={sel}
        extra={
          (formerUnits.length > 0 || actFor) && (
            <Space size={4} wrap>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t('history.actFor')}:
              </Typography.Text>
              <Select
                style={{ width: 340, maxWidth: 'calc(100vw - 130px)' }}
                popupMatchSelectWidth={false}
                showSearch
                optionFilterProp="search"
                value={actFor ? `${actFor}|${actAsOf}` : ''}
                onChange={setActFor}
                loading={actingList.loading}
                data-testid="report-actfor-select"
                options={[
                  { value: '', search: me?.orgUnit.name ?? '', label: `${me?.orgUnit.name ?? ''} (${t('history.own')})` },
                  ...formerUnits.map((u) => ({
                    value: `${u.code}|${u.asOf}`,
                    search: `${u.name} ${u.code} ${u.parent?.name ?? ''}`,
                    label: (
                      <span>
                        {u.name}
                        {u.parent ? ` — ${u.parent.name}` : ''} <Tag color="purple">{t('history.onBehalfTag')}</Tag>
                      </span>
                    ),
                  })),
                ]}
              />
            </Space>
          )
        }
      />
      {can(PERM.reportsSubmit) && !agency && (formerUnits.length > 0 || actFor) && (
        <div style={{ marginBottom: 8 }}>
          <Link to="/reports/import-history" data-testid="report-import-history-link">
            {t('history.importLink')}
          </Link>
        </div>
      )}
      <ErrorAlert error={sel.error} onRetry={sel.reload} />
      <ErrorAlert error={current.error} onRetry={current.reload} />
      {!sel.loading && sel.periods.length === 0 && !sel.error && (
        <Typography.Paragraph type="secondary">{t('report.noPeriods')}</Typography.Paragraph>
      )}
      {shown && sel.form ? (
        <ReportView form={sel.form} report={shown} onChange={setReport} />
      ) : (
        (current.loading || sel.loading) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Card loading />
          </Space>
        )
      )}
        </>
      )}
    </div>
  );
}

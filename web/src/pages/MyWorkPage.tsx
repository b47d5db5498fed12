// /my-work ("Việc của tôi"), the home of every role: what waits for the caller (plans to approve,
// reports to accept, its reports due, tasks due or overdue) and what it sent, each with its state
// and who acts next (GET /api/my-work). Cards and plain lists: one column on a phone.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { myWorkApi, type MyWorkReport } from '../api/myWork';
import { ErrorAlert } from '../components/ResultPages';
import { PlanStatusTag } from './PlansStatusTag';
import { ReminderLinks, ReportStatusTag } from './ReportsParts';
import { reminderList } from '../reports';
import { formatDate, todayIso } from '../format';
import { NextActors } from '../components/NextActors';
import { MyWorkReferrals } from './cases/MyWorkReferrals';

function Section({ title, count, children, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space>
          {title}
          <Badge count={count} showZero color={count ? '#1677ff' : '#bfbfbf'} />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      {children}
    </Card>
  );
}

const reportCompileLink = (r: MyWorkReport) =>
  `/reports/compile?form=${encodeURIComponent(r.form)}&period=${encodeURIComponent(r.period)}`;
const reportOwnLink = (r: MyWorkReport) =>
  `/reports?form=${encodeURIComponent(r.form)}&year=${encodeURIComponent(r.period.slice(0, 4))}&period=${encodeURIComponent(r.period)}`;

export default function MyWorkPage() {
  const { t } = useI18n();
  const { data, loading, error, reload } = useApi(myWorkApi.mine());
  const w = data?.waiting;
  const today = todayIso();
  // A plain line, not the empty-box picture: on a phone four empty boxes would fill two screens.
  const none = <Typography.Text type="secondary">{t('myWork.nothing')}</Typography.Text>;
  const due = reminderList({ items: w?.reportsDue ?? [] }, today);
  return (
    <div data-testid="my-work">
      <Typography.Title level={3} className="lg-page-title">
        {t('myWork.title')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('myWork.waiting')}</Typography.Title>
          <Section title={t('myWork.plansToApprove')} count={w?.plansToApprove.length ?? 0} testId="my-work-plans">
            <List
              loading={loading}
              dataSource={w?.plansToApprove ?? []}
              locale={{ emptyText: none }}
              renderItem={(p) => (
                <List.Item data-testid="my-work-plan">
                  <List.Item.Meta
                    title={<Link to={`/plans/${p.id}`}>{p.title}</Link>}
                    description={`${p.orgUnit.name} · ${p.agency.name} · ${p.year}`}
                  />
                  <PlanStatusTag status={p.status} />
                </List.Item>
              )}
            />
          </Section>
          <Section title={t('myWork.reportsToAccept')} count={w?.reportsToAccept.length ?? 0} testId="my-work-reports">
            <List
              loading={loading}
              dataSource={w?.reportsToAccept ?? []}
              locale={{ emptyText: none }}
              renderItem={(r) => (
                <List.Item data-testid="my-work-report">
                  <List.Item.Meta
                    title={<Link to={reportCompileLink(r)}>{r.formName}</Link>}
                    description={`${r.orgUnit?.name ?? ''} · ${r.period} · ${formatDate(r.submittedAt)}`}
                  />
                  <ReportStatusTag status={r.status} />
                </List.Item>
              )}
            />
          </Section>
          <Section title={t('myWork.reportsDue')} count={due.length} testId="my-work-due">
            {due.length ? <ReminderLinks items={due} /> : none}
          </Section>
          <Section title={t('myWork.tasks')} count={w?.tasks.length ?? 0} testId="my-work-tasks">
            <List
              loading={loading}
              dataSource={w?.tasks ?? []}
              locale={{ emptyText: none }}
              renderItem={(x) => (
                <List.Item data-testid="my-work-task">
                  <List.Item.Meta
                    title={<Link to="/tasks">{x.title}</Link>}
                    description={`${x.directive.number} · ${x.directive.subject}`}
                  />
                  {x.overdue ? (
                    <Tag color="red">{t('myWork.overdue', { n: x.daysOverdue })}</Tag>
                  ) : (
                    <Tag color="orange">{t('myWork.due', { date: formatDate(x.currentDue) })}</Tag>
                  )}
                </List.Item>
              )}
            />
          </Section>
          <MyWorkReferrals items={w?.referrals} loading={loading} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('myWork.sent')}</Typography.Title>
          <Section title={t('myWork.sentPlans')} count={data?.sent.plans.length ?? 0} testId="my-work-sent-plans">
            <List
              loading={loading}
              dataSource={data?.sent.plans ?? []}
              locale={{ emptyText: none }}
              renderItem={(p) => (
                <List.Item data-testid="my-work-sent-plan">
                  <List.Item.Meta
                    title={<Link to={`/plans/${p.id}`}>{p.title}</Link>}
                    description={<NextActors actors={p.nextActors} />}
                  />
                  <PlanStatusTag status={p.status} />
                </List.Item>
              )}
            />
          </Section>
          <Section title={t('myWork.sentReports')} count={data?.sent.reports.length ?? 0} testId="my-work-sent-reports">
            <List
              loading={loading}
              dataSource={data?.sent.reports ?? []}
              locale={{ emptyText: none }}
              renderItem={(r) => (
                <List.Item data-testid="my-work-sent-report">
                  <List.Item.Meta
                    title={<Link to={reportOwnLink(r)}>{`${r.formName} · ${r.period}`}</Link>}
                    description={
                      <>
                        {r.returnComment && <div>{r.returnComment}</div>}
                        <NextActors actors={r.nextActors} />
                      </>
                    }
                  />
                  <ReportStatusTag status={r.status} />
                </List.Item>
              )}
            />
          </Section>
        </Col>
      </Row>
    </div>
  );
}

// The plan as read: its note and the three sections (beneficiaries, interventions, resources)
// as tables, the budget with its totals by year.
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { AgencyRef, Plan } from '../../api/types';
import { formatDate, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { sumAmounts, totalsBy } from '../../workflow';
import type { PlanLookups } from './usePlanLookups';
import { activityBudget, budgetBasis } from './planValues';
import { formatMoney, sumLines, totalsBySource } from '../../money';

export function PlanSections({ plan, lookups }: { plan: Plan; lookups: PlanLookups }) {
  const { t } = useI18n();
  const { targetGroups, interventionTypes, fundingSources, name } = lookups;
  const total = sumAmounts(plan.budget);
  const basis = budgetBasis(plan);
  return (
    <>
      {plan.note && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.note}
        </Typography.Paragraph>
      )}
      <Card size="small" title={`1. ${t('plan.sections.beneficiaries')}`} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={plan.beneficiaries}
          data-testid="plan-beneficiaries"
          locale={{ emptyText: t('plan.empty') }}
          columns={[
            { title: t('plan.targetGroup'), dataIndex: 'targetGroup', render: (c: string) => name(targetGroups, c) },
            { title: t('plan.programme'), dataIndex: 'programme', render: (p: { name: string } | null) => p?.name ?? '—' },
            { title: t('plan.plannedCount'), dataIndex: 'plannedCount', align: 'right', render: (n: number | null) => formatNumber(n) },
            { title: t('plan.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title={`2. ${t('plan.sections.activities')}`} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={plan.activities}
          data-testid="plan-activities"
          scroll={{ x: 1340 }}
          locale={{ emptyText: t('plan.empty') }}
          columns={[
            { title: t('plan.interventionType'), dataIndex: 'interventionType', render: (c: string) => name(interventionTypes, c) },
            { title: t('plan.description'), dataIndex: 'description' },
            { title: t('plan.targetGroup'), dataIndex: 'targetGroup', render: (c: string | null) => name(targetGroups, c) },
            {
              title: t('plan.quantity'),
              key: 'q',
              align: 'right',
              render: (_: unknown, a) => (a.plannedQuantity === null ? '—' : `${formatNumber(a.plannedQuantity)} ${a.quantityUnit}`),
            },
            { title: t('plan.timing'), key: 'time', render: (_: unknown, a) => `${formatDate(a.startDate)} – ${formatDate(a.endDate)}` },
            { title: t('plan.location'), dataIndex: 'location', render: (u: { name: string } | null) => u?.name ?? '—' },
            { title: t('plan.lead'), dataIndex: 'leadAgency', render: (a: AgencyRef | null) => a?.shortName || a?.name || '—' },
            {
              title: t('money.activityBudget'),
              key: 'budget',
              width: 240,
              render: (_: unknown, a) => {
                const lines = activityBudget(a);
                if (!lines.length) return '—';
                return (
                  <div data-testid="plan-activity-budget-view">
                    {lines.map((l, i) => (
                      <div key={i} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                        <span>{name(fundingSources, l.fundingSource)}{l.programme ? ` · ${l.programme.name}` : ''}</span>
                        <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(l.amount)}</span>
                      </div>
                    ))}
                    <div style={{ textAlign: 'right' }} data-testid="plan-activity-budget-view-total">
                      <strong>{formatMoney((a as { budgetTotal?: number }).budgetTotal ?? sumLines(lines))}</strong>
                    </div>
                  </div>
                );
              },
            },
            {
              title: t('plan.partners'),
              dataIndex: 'partners',
              render: (xs: AgencyRef[]) => (
                <Space size={[4, 4]} wrap>
                  {xs.map((x) => (
                    <Tag key={String(x.id)}>{x.shortName || x.name}</Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`3. ${t('plan.sections.resources')}`} style={{ marginBottom: 12 }}>
        {basis !== 'none' && (
          <Typography.Paragraph type="secondary" data-testid={`plan-budget-basis-${basis}`}>
            {basis === 'activities' ? t('money.derivedHint') : t('money.wholePlanHint')}
          </Typography.Paragraph>
        )}
        {basis === 'activities' && (
          <div style={{ marginBottom: 8 }} data-testid="plan-budget-by-source">
            {totalsBySource(plan.activities.flatMap((a) => activityBudget(a))).map(([src, n]) => (
              <Tag key={src} data-testid="plan-budget-source-total">{name(fundingSources, src)}: {formatMoney(n)}</Tag>
            ))}
          </div>
        )}
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={plan.budget}
          data-testid="plan-budget"
          locale={{ emptyText: t('plan.empty') }}
          columns={[
            { title: t('budget.source'), dataIndex: 'fundingSource', render: (c: string) => name(fundingSources, c) },
            { title: t('budget.year'), dataIndex: 'year', width: 90 },
            { title: t('budget.amount'), dataIndex: 'amount', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('budget.programme'), dataIndex: 'programme', render: (p: { name: string } | null) => p?.name ?? '—' },
            { title: t('plan.note'), dataIndex: 'note' },
          ]}
          summary={() =>
            plan.budget.length ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{t('budget.total')}</strong>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {totalsBy(plan.budget, (l) => l.year)
                      .map(([y, n]) => `${y}: ${formatNumber(n)}`)
                      .join(' · ')}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{formatNumber(total)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} colSpan={2} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}

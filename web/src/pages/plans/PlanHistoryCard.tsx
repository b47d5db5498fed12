// The side card of a plan: its version number, last change, and the workflow history
// (submitted, returned with the comment, approved, …).
import { Card, Descriptions, Timeline, Typography } from 'antd';
import type { Plan, PlanTransition } from '../../api/types';
import { formatDateTime } from '../../format';
import { isMessageKey, useI18n } from '../../i18n';

export function PlanHistoryCard({ plan, items }: { plan: Plan; items: PlanTransition[] }) {
  const { t } = useI18n();
  const actionLabel = (a: string) => {
    const key = `plan.action.${a}`;
    return isMessageKey(key) ? t(key) : a;
  };
  return (
    <Card size="small" title={t('plan.history')} style={{ flex: '0 1 340px', minWidth: 280 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('plan.versionNo')}>{plan.planVersion}</Descriptions.Item>
        <Descriptions.Item label={t('plan.updatedAt')}>{formatDateTime(plan.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <div data-testid="plan-history">
        {items.length === 0 ? (
          <Typography.Text type="secondary">{t('plan.noHistory')}</Typography.Text>
        ) : (
          <Timeline
            items={items.map((h, i) => ({
              key: i,
              color: h.action === 'return' ? 'red' : h.action === 'approve' ? 'green' : 'blue',
              children: (
                <div data-testid="plan-history-item">
                  <div>
                    <strong>{actionLabel(h.action)}</strong>
                    {h.planVersion !== undefined && (
                      <Typography.Text type="secondary"> · {t('plan.versionLabel', { n: h.planVersion })}</Typography.Text>
                    )}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {h.fullName || h.username} · {formatDateTime(h.at)}
                  </Typography.Text>
                  {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>“{h.comment}”</div>}
                </div>
              ),
            }))}
          />
        )}
      </div>
    </Card>
  );
}

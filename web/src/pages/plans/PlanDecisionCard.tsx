// The approval decision of an approved plan, as it is cited ("Quyết định số 123/QĐ-UBND ngày
// 20/01/2026 của UBND tỉnh Gia Lai"), with "Sửa quyết định" for the approving authority.
import { Button, Card, Descriptions, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Plan } from '../../api/types';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';

export function PlanDecisionCard({ plan, canEdit, onEdit }: { plan: Plan; canEdit: boolean; onEdit: () => void }) {
  const { t } = useI18n();
  const d = plan.decision;
  return (
    <Card
      size="small"
      title={t('plan.decision.title')}
      style={{ margin: '12px 0' }}
      data-testid="plan-decision"
      extra={
        canEdit ? (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="plan-decision-edit">
            {t('plan.decision.edit')}
          </Button>
        ) : undefined
      }
    >
      {d ? (
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3 }}>
          <Descriptions.Item label={t('plan.decision.number')}>
            <span data-testid="plan-decision-number-text">{d.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.decision.date')}>
            <span data-testid="plan-decision-date-text">{formatDate(d.date)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.decision.body')}>
            <span data-testid="plan-decision-body-text">{d.body}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('plan.decision.none')}</Typography.Text>
      )}
    </Card>
  );
}

// The head of a plan: back link, title, status, the version picker, and the buttons of the
// workflow steps the caller may take now (edit, submit, approve, return, new version), the
// evaluation and the .xlsx export.
import { Link, useNavigate } from 'react-router-dom';
import { Button, Select, Space, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  BarChartOutlined,
  CheckOutlined,
  CopyOutlined,
  EditOutlined,
  FileExcelOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { Plan, PlanVersionRef } from '../../api/types';
import { planApi } from '../../api/plans';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n';
import type { PlanAction } from '../../workflow';
import { PlanStatusTag } from '../PlansStatusTag';

export function PlanHeader({
  plan,
  versionList,
  actions,
  editing,
  busy,
  onEdit,
  onSubmit,
  onApprove,
  onReturn,
  onNewVersion,
}: {
  plan: Plan;
  versionList: PlanVersionRef[];
  /** The steps offered now (workflow.planActions); 'return' only to those who may return. */
  actions: PlanAction[];
  editing: boolean;
  /** The step under way (its button spins). */
  busy: string | null;
  onEdit: () => void;
  onSubmit: () => void;
  onApprove: () => void;
  onReturn: () => void;
  onNewVersion: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/plans">
          <ArrowLeftOutlined /> {t('plan.back')}
        </Link>
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space direction="vertical" size={4}>
          <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }} data-testid="plan-title">
            {plan.title}
          </Typography.Title>
          <Space wrap>
            <span data-testid="plan-status">
              <PlanStatusTag status={plan.status} />
            </span>
            <Typography.Text type="secondary">
              {plan.agency.name} · {plan.orgUnit.name} · {t('plan.year')} {plan.year}
            </Typography.Text>
            <Select
              size="small"
              style={{ width: 190 }}
              value={plan.id}
              data-testid="plan-version-select"
              onChange={(v) => navigate(`/plans/${encodeURIComponent(String(v))}`)}
              options={(versionList.length
                ? versionList
                : [{ id: plan.id, planVersion: plan.planVersion, status: plan.status }]
              ).map((v) => ({
                value: v.id,
                label: `${t('plan.versionLabel', { n: v.planVersion })} · ${
                  isMessageKey(`plan.status.${v.status}`) ? t(`plan.status.${v.status}` as MessageKey) : v.status
                }`,
              }))}
            />
          </Space>
        </Space>
        <Space wrap>
          {actions.includes('edit') && !editing && (
            <Button icon={<EditOutlined />} data-testid="plan-edit" onClick={onEdit}>
              {t('plan.edit')}
            </Button>
          )}
          {actions.includes('submit') && !editing && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              data-testid="plan-submit"
              loading={busy === 'submit'}
              onClick={onSubmit}
            >
              {t('plan.submit')}
            </Button>
          )}
          {actions.includes('approve') && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              data-testid="plan-approve"
              loading={busy === 'approve'}
              onClick={onApprove}
            >
              {t('plan.approve')}
            </Button>
          )}
          {actions.includes('return') && (
            <Button
              danger
              icon={<RollbackOutlined />}
              data-testid="plan-return"
              onClick={onReturn}
            >
              {t('plan.return')}
            </Button>
          )}
          {actions.includes('newVersion') && (
            <Button
              icon={<CopyOutlined />}
              data-testid="plan-new-version"
              loading={busy === 'newVersion'}
              onClick={onNewVersion}
            >
              {t('plan.newVersion')}
            </Button>
          )}
          {(plan.status === 'approved' || plan.status === 'superseded') && (
            <Button icon={<BarChartOutlined />} data-testid="plan-evaluation" onClick={() => navigate(`/plans/${encodeURIComponent(String(plan.id))}/evaluation`)}>
              {t('eval.open')}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            href={planApi.exportUrl(plan.id)}
            data-testid="plan-export"
          >
            {t('plan.export')}
          </Button>
        </Space>
      </Space>
    </>
  );
}

// The coloured tag of a plan's workflow status.
import { Tag } from 'antd';
import { isMessageKey, useI18n } from '../i18n';
import { planStatusColor } from '../workflow';

export function PlanStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `plan.status.${status}`;
  return <Tag color={planStatusColor(status)}>{isMessageKey(key) ? t(key) : status}</Tag>;
}

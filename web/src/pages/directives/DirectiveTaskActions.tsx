// The buttons of a task row for those who may change it: edit, and extend a one-off deadline.
import { Button, Space } from 'antd';
import { ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import type { Task } from '../../api/types';
import { useI18n } from '../../i18n';

export function DirectiveTaskActions({ task, onEdit, onExtend }: { task: Task; onEdit: () => void; onExtend: () => void }) {
  const { t } = useI18n();
  const oneOff = (!task.deadline?.recurrence || task.deadline.recurrence === 'none') && !!task.deadline?.dueDate;
  return (
    <Space size={4}>
      <Button size="small" icon={<EditOutlined />} onClick={onEdit} title={t('common.edit')} aria-label={t('common.edit')} data-testid="task-edit" />
      {oneOff && task.status !== 'done' && (
        <Button size="small" icon={<ClockCircleOutlined />} onClick={onExtend} data-testid="task-extend">
          {t('extend.action')}
        </Button>
      )}
    </Space>
  );
}

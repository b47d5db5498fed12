// Shared bits of the case-work tabs (issue 16 §4–5): labels of the codes, colours, who may decide.
import { Tag } from 'antd';
import type { CaseWork, CaseWorkPlan } from '../../api/caseWork';
import { PERM } from '../../api/types';
import { isMessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';

export function useCaseWorkLabels() {
  const { t } = useI18n();
  const label = (prefix: string, code: string) => {
    const key = `caseWork.${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  return {
    domain: (c: string) => label('domain', c),
    level: (c: string) => label('level', c),
    goalStatus: (c: string) => label('goalStatus', c),
    planStatus: (c: string) => label('planStatus', c),
    area: (c: string) => label('area', c),
    outcome: (c: string) => label('outcome', c),
    reason: (c: string) => label('reason', c),
    closureKind: (c: string) => label('closureKind', c),
  };
}

const LEVEL_COLOR: Record<string, string> = { none: 'default', low: 'blue', medium: 'orange', high: 'red' };
const PLAN_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'green',
  returned: 'orange',
  superseded: 'default',
};

export function LevelTag({ level }: { level: string }) {
  const l = useCaseWorkLabels();
  return <Tag color={LEVEL_COLOR[level] ?? 'default'}>{l.level(level)}</Tag>;
}
export function PlanStatusTag({ status }: { status: string }) {
  const l = useCaseWorkLabels();
  return (
    <Tag color={PLAN_COLOR[status] ?? 'default'} data-testid="cw-plan-status">
      {l.planStatus(status)}
    </Tag>
  );
}

/** Whether the signed-in user may decide on something submitted by `submitterId` (the server decides anyway). */
export function useMayDecide() {
  const { can, me } = useSession();
  return (submitterId: number | null | undefined) => can(PERM.casesSupervise) && !!me && me.id !== submitterId;
}

export const planSubmitter = (p: CaseWorkPlan) => p.submittedBy?.id ?? p.createdBy?.id ?? null;
export const closed = (w: CaseWork | undefined) => w?.status === 'closed';

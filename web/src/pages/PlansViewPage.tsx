// /plans/:id — one version of an integration plan: its three sections (beneficiaries,
// interventions, resources), editable only in draft or returned; the workflow buttons the caller
// may use now; the versions of the plan and its history; the .xlsx export. The parts are in
// pages/plans/: the head with the buttons, the sections read and edited, the history, the return.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Card, Form } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../api/api';
import { PERM } from '../api/types';
import { planApi } from '../api/plans';
import { useI18n, type MessageKey } from '../i18n';
import { NextActors } from '../components/NextActors';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { isPlanEditable, planActions, type PlanAction } from '../workflow';
import { toBody, toValues, type Values } from './plans/planValues';
import { usePlanLookups } from './plans/usePlanLookups';
import { PlanHeader } from './plans/PlanHeader';
import { PlanEditForm } from './plans/PlanEditForm';
import { PlanSections } from './plans/PlanSections';
import { PlanHistoryCard } from './plans/PlanHistoryCard';
import { PlanReturnModal } from './plans/PlanReturnModal';
import { CoordinationPlans } from './plans/CoordinationPlans';
import { PlanDecisionModal } from './plans/PlanDecisionModal';
import { PlanDecisionCard } from './plans/PlanDecisionCard';

/** "activities[2].endDate" → ['activities', 2, 'endDate'] (a form field path); [] when not a path. */
function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return [];
    out.push(m[1]);
    if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return out;
}

export default function PlansViewPage() {
  const { id = '' } = useParams();
  const { t, lang, errText } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { data: plan, loading, error, reload } = useApi(planApi.one(id));
  const versions = useApi(planApi.versions(id));
  const history = useApi(planApi.history(id));
  const lookups = usePlanLookups(plan);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [decisionMode, setDecisionMode] = useState<'approve' | 'correct' | null>(null);

  useEffect(() => {
    setEditing(false);
    setActionError(null);
  }, [id]);
  useEffect(() => {
    if (plan && !editing) form.setFieldsValue(toValues(plan));
  }, [plan, editing, form]);

  const versionList = versions.data?.items ?? [];
  const historyItems = history.data?.items ?? [];
  const isLatest =
    plan?.latest ??
    (versionList.length === 0 || Math.max(...versionList.map((v) => v.planVersion)) === plan?.planVersion);
  const may = plan?.can ?? {
    edit: can(PERM.plansEdit),
    submit: can(PERM.plansEdit),
    approve: can(PERM.plansApprove),
    return: can(PERM.plansApprove),
    newVersion: can(PERM.plansEdit),
  };
  const actions: PlanAction[] = plan ? planActions(plan.status, may, isLatest).filter((a) => a !== 'return' || may.return) : [];

  const refreshAll = () => {
    reload();
    versions.reload();
    history.reload();
  };

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = (v: Values) =>
    run('save', async () => {
      if (!plan) return;
      try {
        await planApi.update(id, toBody(v, plan.version));
      } catch (e) {
        // the server's faults on the rows they name ("activities[2].endDate"); the editor stays open
        if (e instanceof ApiError) {
          const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
          const named = issues
            .map((i) => ({ name: fieldPath(i.field), errors: [lang === 'en' ? i.messageEn : i.message] }))
            .filter((f) => f.name.length > 0);
          if (named.length) {
            form.setFields(named as never);
            form.scrollToField(named[0].name as never);
          }
        }
        throw e;
      }
      message.success(t('plan.saved'));
      setEditing(false);
      refreshAll();
    });

  const confirm = (title: MessageKey, onOk: () => Promise<void>) =>
    modal.confirm({
      title: t(title),
      okText: t('common.yes'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'plan-confirm-ok' } as ButtonProps,
      onOk,
    });

  const transition = (action: 'submit' | 'approve' | 'return', done: MessageKey, comment?: string) =>
    run(action, async () => {
      await planApi.act(id, action, comment);
      message.success(t(done));
      refreshAll();
    });

  const newVersion = () =>
    run('newVersion', async () => {
      const p = await planApi.newVersion(id);
      message.success(t('plan.newVersionDone', { n: p.planVersion }));
      navigate(`/plans/${encodeURIComponent(String(p.id))}`);
    });

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!plan) return <Card loading={loading || !plan} />;

  const editable = isLatest && isPlanEditable(plan.status) && may.edit;
  // the day in Vietnam the plan was last submitted: the earliest decision date
  const lastSubmit = [...historyItems]
    .filter((h) => (h.action === 'submit' || h.action === 'resubmit') && (h.planVersion === undefined || h.planVersion === plan.planVersion))
    .pop();
  const submittedOn = lastSubmit ? new Date(Date.parse(lastSubmit.at) + 7 * 3600_000).toISOString().slice(0, 10) : null;
  const lastReturn = [...historyItems]
    .filter((h) => h.action === 'return' && (h.planVersion === undefined || h.planVersion === plan.planVersion))
    .pop();

  return (
    <div data-testid="plan-view">
      <PlanHeader
        plan={plan}
        versionList={versionList}
        actions={actions}
        editing={editing}
        busy={busy}
        onEdit={() => setEditing(true)}
        onSubmit={() => confirm('plan.submitConfirm', () => transition('submit', 'plan.submitted'))}
        onApprove={() => setDecisionMode('approve')}
        onReturn={() => setReturnOpen(true)}
        onNewVersion={() => confirm('plan.newVersionConfirm', newVersion)}
      />

      {!!actionError && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="plan-action-error"
          message={
            actionError instanceof ApiError && actionError.code === 'conflict' ? t('error.conflict') : errText(actionError)
          }
        />
      )}
      {isLatest && plan.nextActors && plan.nextActors.length > 0 && (
        <div style={{ margin: '8px 0' }}>
          <NextActors actors={plan.nextActors} testId="plan-next-actors" />
        </div>
      )}
      {!isLatest && <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('plan.oldVersion')} />}
      {isLatest && plan.status === 'approved' && (
        <Alert type="success" showIcon style={{ margin: '12px 0' }} message={t('plan.lockedApproved')} data-testid="plan-locked" />
      )}
      {(plan.status === 'approved' || plan.status === 'superseded') && (
        <PlanDecisionCard plan={plan} canEdit={!!plan.can?.editDecision} onEdit={() => setDecisionMode('correct')} />
      )}
      {isLatest && plan.status === 'submitted' && (
        <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('plan.lockedSubmitted')} />
      )}
      {plan.status === 'returned' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="plan-returned-comment"
          message={t('plan.returnedBanner', { comment: lastReturn.comment })}
        />
      )}

      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', marginTop: 12, flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 720px', minWidth: 0 }}>
          {editing && editable ? (
            <PlanEditForm
              form={form}
              plan={plan}
              lookups={lookups}
              saving={busy === 'save'}
              onSave={save}
              onCancel={() => {
                setEditing(false);
                form.setFieldsValue(toValues(plan));
              }}
            />
          ) : (
            <PlanSections plan={plan} lookups={lookups} />
          )}
        </div>
        <PlanHistoryCard plan={plan} items={historyItems} />
      </div>
      {isLatest && <CoordinationPlans plan={plan} />}

      <PlanDecisionModal
        open={decisionMode !== null}
        mode={decisionMode ?? 'approve'}
        plan={plan}
        submittedOn={submittedOn}
        busy={busy === 'decision'}
        onCancel={() => setDecisionMode(null)}
        onSave={async (d) => {
          setBusy('decision');
          try {
            if (decisionMode === 'approve') await planApi.approve(id, d);
            else await planApi.correctDecision(id, d, plan.version);
            message.success(t(decisionMode === 'approve' ? 'plan.approved' : 'plan.decision.saved'));
            setDecisionMode(null);
            refreshAll();
          } finally {
            setBusy(null);
          }
        }}
      />

      <PlanReturnModal
        open={returnOpen}
        busy={busy === 'return'}
        onCancel={() => setReturnOpen(false)}
        onReturn={async (comment) => {
          await transition('return', 'plan.returned', comment);
          setReturnOpen(false);
        }}
      />
    </div>
  );
}

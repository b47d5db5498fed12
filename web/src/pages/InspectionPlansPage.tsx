// /inspection-plans: the yearly inspection plans (Kế hoạch kiểm tra) with their progress —
// businesses in scope, inspected, coverage against the target, unannounced inspections against
// the target — and the inter-agency teams (Đội kiểm tra liên ngành) with agencies and members
// (docs/api-inspections.md). Cards everywhere, so a phone shows the same.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Select, Space, Spin, Tabs, Tag, Typography,
} from 'antd';
import { EditOutlined, FormOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { agencyApi } from '../api/orgUnits';
import { businessApi } from '../api/businesses';
import {
  inspectionApi, itemsOf, PLAN_MODES, type Plan, type PlanInput, type PlanMode, type PlanStatus, type Team, type TeamInput,
} from '../api/inspections';
import { PERM } from '../api/types';
import { coveragePercent } from '../inspections';
import { formatDate, formatNumber, todayIso } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';

const dateItem = {
  getValueProps: (v: string | undefined | null) => ({ value: isoToDayjs(v ?? undefined) }),
  normalize: (d: unknown) => dayjsToIso(d as never) ?? null,
};

const statusColor = (s: PlanStatus) => (s === 'active' ? 'green' : s === 'draft' ? 'default' : 'blue');

export default function InspectionPlansPage() {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 1000 }}>
      <Typography.Title level={3} className="lg-page-title">{t('inspPlans.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('inspPlans.hint')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'plans', label: t('inspPlans.plans'), children: <PlansTab /> },
          { key: 'teams', label: t('inspPlans.teams'), children: <TeamsTab /> },
        ]}
      />
    </div>
  );
}

function PlansTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const writer = can(PERM.inspectionsWrite);
  const [year, setYear] = useState<number | null>(Number(todayIso().slice(0, 4)));
  const [status, setStatus] = useState<string | undefined>();
  const { data, error, loading, reload } = useApi(inspectionApi.plans({ year: year ?? undefined, status }));
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const plans = itemsOf(data);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber style={{ width: 110 }} min={2000} max={2100} placeholder={t('insp.year')} value={year} onChange={(v) => setYear(v ?? null)} data-testid="plans-year" />
        <Select allowClear style={{ width: 160 }} placeholder={t('insp.statusLabel')} value={status} onChange={setStatus}
          options={(['draft', 'active', 'closed'] as const).map((s) => ({ value: s, label: t(`inspPlans.status.${s}`) }))} />
        {writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-new">{t('inspPlans.newPlan')}</Button>}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Spin spinning={loading}>
        {plans.length === 0 && !loading && <Empty description={t('inspPlans.noPlans')} />}
        {plans.map((p) => <PlanCard key={p.id} p={p} writer={writer} onEdit={() => setEditing(p)} onChanged={reload} />)}
      </Spin>
      {editing && <PlanForm plan={editing === 'new' ? null : editing} onClose={(saved) => { setEditing(null); if (saved) reload(); }} />}
    </>
  );
}

function PlanCard({ p, writer, onEdit, onChanged }: { p: Plan; writer: boolean; onEdit: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pct = coveragePercent(p.progress);
  const next: PlanStatus | null = p.status === 'draft' ? 'active' : p.status === 'active' ? 'closed' : null;
  const move = async () => {
    if (!next) return;
    setBusy(true);
    setErr(null);
    try {
      await inspectionApi.setPlanStatus(p.id, p.version, next);
      onChanged();
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="plan-card"
      title={<span style={{ whiteSpace: 'normal' }}>{p.title}</span>}
      extra={<Tag color={statusColor(p.status)} data-testid="plan-status">{t(`inspPlans.status.${p.status}`)}</Tag>}
    >
      <ErrorAlert error={err} />
      <Typography.Paragraph style={{ marginBottom: 6 }}>
        {p.team.name} · {p.year} · {t(`inspPlans.mode.${p.mode}`)}
        {p.legalBasis && <> · {t('inspPlans.legalBasis')}: {p.legalBasis}{p.legalBasisDate ? ` (${formatDate(p.legalBasisDate)})` : ''}</>}
      </Typography.Paragraph>
      <div data-testid="plan-progress">
        <Typography.Text>
          {t('inspPlans.coverage', {
            inspected: formatNumber(p.progress.businessesInspected),
            scope: formatNumber(p.progress.businessesInScope),
            pct: formatNumber(pct, 1),
          })}
          {p.coverageTargetPct !== null && ` · ${t('inspPlans.target', { pct: formatNumber(p.coverageTargetPct) })}`}
        </Typography.Text>
        <Progress
          percent={Math.min(100, pct)}
          success={p.coverageTargetPct !== null ? { percent: Math.min(pct, p.coverageTargetPct) } : undefined}
          format={() => `${formatNumber(pct, 1)}%`}
          status={p.coverageTargetPct !== null && pct >= p.coverageTargetPct ? 'success' : 'normal'}
          size="small"
          data-testid="plan-coverage"
        />
        <Typography.Text type="secondary">
          {t('inspPlans.inspections', { n: formatNumber(p.progress.inspections) })} ·{' '}
          <span data-testid="plan-unannounced">
            {p.unannouncedTarget !== null
              ? t('inspPlans.unannouncedVsTarget', { n: formatNumber(p.progress.unannounced), target: formatNumber(p.unannouncedTarget) })
              : t('inspPlans.unannounced', { n: formatNumber(p.progress.unannounced) })}
          </span>
        </Typography.Text>
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        {writer && p.status === 'active' && (
          <Button type="primary" size="small" icon={<FormOutlined />} onClick={() => navigate(`/inspections/new?planId=${p.id}`)} data-testid="plan-inspect">
            {t('insp.new')}
          </Button>
        )}
        {writer && p.status !== 'closed' && <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="plan-edit">{t('businesses.edit')}</Button>}
        {writer && next && (
          <Button size="small" loading={busy} onClick={move} data-testid="plan-move">
            {next === 'active' ? t('inspPlans.activate') : t('inspPlans.close')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

type PlanValues = Omit<PlanInput, 'version'>;

function PlanForm({ plan, onClose }: { plan: Plan | null; onClose: (saved: boolean) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const { data: teams } = useApi(inspectionApi.teams());
  const { data: types } = useApi(businessApi.types());
  const [q, setQ] = useState('');
  const { data: found } = useApi(businessApi.list({ q: q || undefined, pageSize: 30 }));
  const initial: Partial<PlanValues> = plan
    ? {
        teamId: plan.team.id, year: plan.year, title: plan.title, legalBasis: plan.legalBasis, legalBasisDate: plan.legalBasisDate,
        coverageTargetPct: plan.coverageTargetPct, unannouncedTarget: plan.unannouncedTarget, mode: plan.mode, note: plan.note,
        typeCodes: plan.typeCodes, businessIds: plan.businessIds,
      }
    : { year: Number(todayIso().slice(0, 4)), mode: 'mixed', typeCodes: [], businessIds: [] };
  const save = async (v: PlanValues) => {
    setBusy(true);
    setErr(null);
    try {
      const body: PlanInput = {
        ...v, title: v.title.trim(), legalBasis: (v.legalBasis ?? '').trim(), note: (v.note ?? '').trim(),
        typeCodes: v.typeCodes ?? [], businessIds: v.businessIds ?? [],
      };
      if (plan) await inspectionApi.updatePlan(plan.id, { ...body, version: plan.version });
      else await inspectionApi.createPlan(body);
      onClose(true);
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={plan ? t('inspPlans.editPlan') : t('inspPlans.newPlan')} onCancel={() => onClose(false)} footer={null} width={640} destroyOnClose>
      <ErrorAlert error={err} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="plan-form">
        <Form.Item name="teamId" label={t('insp.team')} rules={[{ required: true, message: t('insp.team') }]}>
          <Select options={itemsOf(teams).map((x) => ({ value: x.id, label: x.name }))} data-testid="plan-team" />
        </Form.Item>
        <Form.Item name="title" label={t('inspPlans.planTitle')} rules={[{ required: true, whitespace: true, message: t('inspPlans.planTitle') }]}>
          <Input maxLength={300} data-testid="plan-title" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="year" label={t('insp.year')} rules={[{ required: true, message: t('insp.year') }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="mode" label={t('inspPlans.modeLabel')}>
            <Select style={{ width: 180 }} options={PLAN_MODES.map((m: PlanMode) => ({ value: m, label: t(`inspPlans.mode.${m}`) }))} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="legalBasis" label={t('inspPlans.legalBasisNo')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="legalBasisDate" label={t('inspPlans.legalBasisDate')} {...dateItem}>
            <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="coverageTargetPct" label={t('inspPlans.coverageTarget')}>
            <InputNumber min={0} max={100} addonAfter="%" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="unannouncedTarget" label={t('inspPlans.unannouncedTarget')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="typeCodes" label={t('inspPlans.types')} extra={t('inspPlans.typesHint')}>
          <Select mode="multiple" allowClear options={(types?.items ?? []).map((x) => ({ value: x.code, label: localName(x, lang, x.code) }))} />
        </Form.Item>
        <Form.Item name="businessIds" label={t('inspPlans.businesses')}>
          <Select mode="multiple" allowClear showSearch filterOption={false} onSearch={setQ}
            options={(found?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="note" label={t('inspPlans.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="plan-save">{t('common.save')}</Button>
          <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function TeamsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const writer = can(PERM.inspectionsWrite);
  const { data, error, loading, reload } = useApi(inspectionApi.teams());
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const teams = itemsOf(data);
  return (
    <>
      {writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="team-new">{t('inspPlans.newTeam')}</Button>}
      <ErrorAlert error={error} onRetry={reload} />
      <Spin spinning={loading}>
        {teams.length === 0 && !loading && <Empty description={t('inspPlans.noTeams')} />}
        {teams.map((x) => (
          <Card key={x.id} size="small" style={{ marginBottom: 12 }} data-testid="team-card"
            title={<span style={{ whiteSpace: 'normal' }}>{x.name}</span>}
            extra={writer && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(x)} data-testid="team-edit">{t('businesses.edit')}</Button>}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {x.orgUnit?.name ?? ''}{x.decisionRef ? ` · ${t('inspPlans.decision')}: ${x.decisionRef}` : ''}{!x.active && <Tag style={{ marginLeft: 6 }}>{t('inspPlans.inactive')}</Tag>}
            </Typography.Paragraph>
            {x.leadAgency && <Typography.Paragraph style={{ marginBottom: 4 }}>{t('inspPlans.leadAgency')}: {x.leadAgency.name}</Typography.Paragraph>}
            {x.agencies.length > 0 && <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('inspPlans.agencies')}: {x.agencies.map((a) => a.name).join(', ')}</Typography.Paragraph>}
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {x.members.filter((m) => m.active).map((m) => (
                <li key={m.id}>{m.fullName}{m.position ? ` — ${m.position}` : ''}{m.agency ? ` (${m.agency.name})` : ''}{m.isLead && <Tag color="blue" style={{ marginLeft: 6 }}>{t('inspPlans.lead')}</Tag>}</li>
              ))}
            </ul>
          </Card>
        ))}
      </Spin>
      {editing && <TeamForm team={editing === 'new' ? null : editing} onClose={(saved) => { setEditing(null); if (saved) reload(); }} />}
    </>
  );
}

interface TeamValues {
  orgUnitCode: string;
  name: string;
  leadAgencyId?: number | null;
  decisionRef?: string;
  agencyIds: number[];
  active: boolean;
  members: { id?: number; fullName: string; position?: string; agencyId?: number | null; isLead?: boolean }[];
}

function TeamForm({ team, onClose }: { team: Team | null; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm<TeamValues>();
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  const { data: agencies } = useApi(orgUnitCode ? agencyApi.list({ orgUnit: orgUnitCode, asOf: todayIso(), pageSize: 500, sort: 'name' }) : null);
  const agencyOptions = [
    ...(team?.agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
    ...(agencies?.items ?? []).filter((a) => !team?.agencies.some((x) => x.id === a.id)).map((a) => ({ value: a.id, label: a.name })),
  ];
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const initial: Partial<TeamValues> = team
    ? {
        orgUnitCode: team.orgUnit?.code ?? '', name: team.name, leadAgencyId: team.leadAgency?.id ?? null, decisionRef: team.decisionRef,
        agencyIds: team.agencies.map((a) => a.id), active: team.active,
        members: team.members.filter((m) => m.active).map((m) => ({ id: m.id, fullName: m.fullName, position: m.position, agencyId: m.agency?.id ?? null, isLead: m.isLead })),
      }
    : { orgUnitCode: me?.orgUnit?.code, agencyIds: [], active: true, members: [{ fullName: '', position: '', isLead: true }] };
  const save = async (v: TeamValues) => {
    setBusy(true);
    setErr(null);
    try {
      const body: TeamInput = {
        orgUnitCode: v.orgUnitCode, name: v.name.trim(), leadAgencyId: v.leadAgencyId ?? null, decisionRef: (v.decisionRef ?? '').trim(),
        agencyIds: v.agencyIds ?? [],
        members: (v.members ?? []).filter((m) => m.fullName?.trim()).map((m) => ({
          ...(m.id ? { id: m.id } : {}), fullName: m.fullName.trim(), position: (m.position ?? '').trim(), agencyId: m.agencyId ?? null, isLead: !!m.isLead,
        })),
      };
      if (team) await inspectionApi.updateTeam(team.id, { ...body, version: team.version, active: v.active });
      else await inspectionApi.createTeam(body);
      onClose(true);
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={team ? t('inspPlans.editTeam') : t('inspPlans.newTeam')} onCancel={() => onClose(false)} footer={null} width={680} destroyOnClose>
      <ErrorAlert error={err} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="team-form">
        <Form.Item name="orgUnitCode" label={t('insp.unit')} rules={[{ required: true, message: t('insp.unit') }]}>
          <OrgUnitSelect style={{ width: '100%' }} initial={team?.orgUnit ?? me?.orgUnit ?? null} />
        </Form.Item>
        <Form.Item name="name" label={t('inspPlans.teamName')} rules={[{ required: true, whitespace: true, message: t('inspPlans.teamName') }]}>
          <Input maxLength={300} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="decisionRef" label={t('inspPlans.decision')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="agencyIds" label={t('inspPlans.agencies')}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={agencyOptions} />
        </Form.Item>
        <Form.Item name="leadAgencyId" label={t('inspPlans.leadAgency')}>
          <Select allowClear optionFilterProp="label" showSearch options={agencyOptions} />
        </Form.Item>
        {team && <Form.Item name="active" valuePropName="checked"><Checkbox>{t('inspPlans.active')}</Checkbox></Form.Item>}
        <Typography.Text strong>{t('inspPlans.members')}</Typography.Text>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ margin: '8px 0' }} data-testid="team-member">
                  <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                  <Form.Item name={[f.name, 'fullName']} label={t('inspPlans.memberName')} rules={[{ required: true, whitespace: true, message: t('inspPlans.memberName') }]} style={{ marginBottom: 8 }}>
                    <Input maxLength={200} data-testid="team-member-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'position']} label={t('inspPlans.position')} style={{ marginBottom: 8 }}><Input maxLength={200} /></Form.Item>
                  <Form.Item name={[f.name, 'agencyId']} label={t('inspPlans.agency')} style={{ marginBottom: 8 }}>
                    <Select allowClear showSearch optionFilterProp="label" options={agencyOptions} />
                  </Form.Item>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Form.Item name={[f.name, 'isLead']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('inspPlans.lead')}</Checkbox></Form.Item>
                    <Button danger size="small" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>{t('insp.remove')}</Button>
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ fullName: '', position: '', isLead: false })} style={{ marginBottom: 12 }} data-testid="team-add-member">
                {t('inspPlans.addMember')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="team-save">{t('common.save')}</Button>
            <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </Modal>
  );
}

// /programmes: the review of related programmes (guidance 221 §5.1) per org unit and year, each
// assessed on five criteria; add and review with programmes.manage.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PERM, type AgencyRef, type OrgUnitRef, type Potential, type Programme } from '../api/types';
import { formatNumber } from '../format';
import { localName, useI18n, type MessageKey } from '../i18n';
import { useTaxonomy } from '../reference';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { programmeApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { AgencyPicker } from '../components/AgencyPicker';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { FilterBar, SearchFilter, useListState, type ListSpec, ListTable } from '../components/list';
import { sumAmounts } from '../workflow';

const POTENTIALS: Potential[] = ['high', 'medium', 'low', 'none'];
const POTENTIAL_COLOR: Record<Potential, string> = { high: 'green', medium: 'blue', low: 'orange', none: 'default' };
const CONTENTS = ['beneficiaries', 'interventions', 'resources'] as const;

interface Filters {
  q?: string;
  year?: number;
  category?: string;
  orgUnit?: string;
}

const LIST: ListSpec<Filters> = {
  filters: { q: 'string', year: 'int', category: 'string', orgUnit: 'string' },
  sorts: ['name', 'year'],
};

export default function ProgrammesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const categories = useTaxonomy('programme-categories');
  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  const [editing, setEditing] = useState<Programme | null | undefined>(undefined);
  const { data, loading, error, reload } = useApi(programmeApi.list(list.query));
  const manage = can(PERM.programmesManage);
  const potentialTag = (p: Potential) => (
    <Tag color={POTENTIAL_COLOR[p] ?? 'default'}>{t(`programme.potential.${p}` as MessageKey)}</Tag>
  );

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={3} className="lg-page-title">
          {t('programme.title')}
        </Typography.Title>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="programme-create">
            {t('programme.create')}
          </Button>
        )}
      </Space>
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <SearchFilter value={filters.q} onSearch={(q) => update({ q })} placeholder={t('programme.searchPlaceholder')} width={280} />
        <Form.Item label={t('programme.year')}>
          <InputNumber min={2000} max={2100} value={filters.year} onChange={(v) => update({ year: v ?? undefined })} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label={t('programme.category')}>
          <Select
            allowClear
            style={{ width: 260 }}
            placeholder={t('common.all')}
            value={filters.category}
            onChange={(category?: string) => update({ category })}
            options={categories.map((c) => ({ value: c.code, label: localName(c, lang, c.code) }))}
          />
        </Form.Item>
        <Form.Item label={t('programme.orgUnit')}>
          <OrgUnitSelect allowClear value={filters.orgUnit} onChange={(orgUnit) => update({ orgUnit })} style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<Programme>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="programmes-table"
        scroll={{ x: 1100 + 120 * CONTENTS.length + (manage ? 80 : 0) }}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        columns={[
          { title: t('programme.name'), dataIndex: 'name', width: 260, sorter: true, sortOrder: list.sortOrder('name') },
          {
            title: t('programme.category'),
            dataIndex: 'category',
            width: 200,
            render: (c: Programme['category']) => localName(c, lang, c?.code),
          },
          { title: t('programme.year'), dataIndex: 'year', width: 90, sorter: true, sortOrder: list.sortOrder('year') },
          { title: t('programme.orgUnit'), dataIndex: 'orgUnit', width: 140, render: (u: OrgUnitRef) => u?.name },
          { title: t('programme.lead'), dataIndex: 'leadAgency', width: 180, render: (a: AgencyRef) => a?.shortName || a?.name },
          {
            title: t('programme.budgetTotal'),
            key: 'budget',
            align: 'right',
            width: 150,
            render: (_: unknown, p) => formatNumber(sumAmounts(p.budget ?? [])),
          },
          ...CONTENTS.map((c) => ({
            title: t(`programme.potential.${c}` as MessageKey),
            key: c,
            width: 120,
            render: (_: unknown, p: Programme) => potentialTag(p.potential?.[c]?.assessment ?? 'none'),
          })),
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'act',
                  width: 80,
                  render: (_: unknown, p: Programme) => (
                    <Button size="small" icon={<EditOutlined />} title={t('common.edit')} aria-label={t('common.edit')} onClick={() => setEditing(p)} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && editing !== undefined && (
        <ProgrammeFormModal programme={editing} onClose={() => setEditing(undefined)} onSaved={reload} />
      )}
    </div>
  );
}

interface Values {
  orgUnitCode?: string;
  year: number;
  name: string;
  category?: string;
  leadAgencyId?: string | number | null;
  targetGroups: string[];
  interventionTypes: string[];
  interventionsNote?: string;
  budget: { fundingSource?: string; year?: number; amount?: number }[];
  potential: Record<(typeof CONTENTS)[number], { assessment: Potential; note?: string }>;
  note?: string;
}

function ProgrammeFormModal({ programme, onClose, onSaved }: { programme: Programme | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const categories = useTaxonomy('programme-categories');
  const targetGroups = useTaxonomy('target-groups');
  const interventionTypes = useTaxonomy('intervention-types');
  const fundingSources = useTaxonomy('funding-sources');
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  const opts = (xs: { code: string; nameVi: string; nameEn: string }[]) => xs.map((x) => ({ value: x.code, label: localName(x, lang, x.code) }));

  const initial: Values = programme
    ? {
        orgUnitCode: programme.orgUnit.code,
        year: programme.year,
        name: programme.name,
        category: programme.category?.code,
        leadAgencyId: programme.leadAgency?.id ?? null,
        targetGroups: programme.targetGroups ?? [],
        interventionTypes: programme.interventionTypes ?? [],
        interventionsNote: programme.interventionsNote,
        budget: programme.budget ?? [],
        potential: {
          beneficiaries: { ...programme.potential.beneficiaries },
          interventions: { ...programme.potential.interventions },
          resources: { ...programme.potential.resources },
        },
        note: programme.note,
      }
    : {
        orgUnitCode: me?.orgUnit.code,
        year: new Date().getFullYear(),
        name: '',
        leadAgencyId: me?.agency?.id ?? null,
        targetGroups: [],
        interventionTypes: [],
        budget: [],
        potential: { beneficiaries: { assessment: 'none' }, interventions: { assessment: 'none' }, resources: { assessment: 'none' } },
      };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const body = {
      orgUnitCode: v.orgUnitCode,
      year: v.year,
      name: v.name.trim(),
      categoryCode: v.category,
      leadAgencyId: v.leadAgencyId ?? null,
      targetGroups: v.targetGroups ?? [],
      interventionTypes: v.interventionTypes ?? [],
      interventionsNote: v.interventionsNote ?? '',
      budget: (v.budget ?? []).map((b) => ({ fundingSource: b.fundingSource, year: b.year, amount: b.amount ?? 0 })),
      potential: Object.fromEntries(CONTENTS.map((c) => [c, { assessment: v.potential[c].assessment, note: v.potential[c].note ?? '' }])),
      note: v.note ?? '',
      ...(programme ? { version: programme.version } : {}),
    };
    try {
      if (programme) await programmeApi.update(programme.id, body);
      else await programmeApi.create(body);
      message.success(programme ? t('common.saved') : t('programme.created'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={900}
      title={programme ? t('programme.editTitle', { name: programme.name }) : t('programme.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'programme-save' }}
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Space align="start" wrap>
          <Form.Item name="orgUnitCode" label={t('programme.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
            <OrgUnitSelect initial={programme?.orgUnit ?? me?.orgUnit} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="year" label={t('programme.year')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={2000} max={2100} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="category" label={t('programme.category')} rules={[{ required: true, message: t('common.required') }]}>
            <Select style={{ width: 320 }} options={opts(categories)} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('programme.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}>
          <Input />
        </Form.Item>
        <Card size="small" title={t('programme.c1')} style={{ marginBottom: 12 }}>
          <Form.Item name="targetGroups" label={t('programme.targetGroups')} extra={t('programme.c1Hint')} style={{ marginBottom: 0 }}>
            <Select mode="multiple" options={opts(targetGroups)} optionFilterProp="label" />
          </Form.Item>
        </Card>
        <Card size="small" title={t('programme.c2')} style={{ marginBottom: 12 }}>
          <Form.Item name="interventionTypes" label={t('programme.interventions')}>
            <Select mode="multiple" options={opts(interventionTypes)} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="interventionsNote" label={t('programme.interventionsNote')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('programme.c3')} style={{ marginBottom: 12 }}>
          <Form.Item name="leadAgencyId" rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
            <AgencyPicker orgUnitCode={orgUnitCode} known={programme?.leadAgency ? [programme.leadAgency] : me?.agency ? [me.agency] : []} style={{ width: 400 }} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('programme.c4')} style={{ marginBottom: 12 }}>
          <Form.List name="budget">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'fundingSource']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select style={{ width: 300 }} placeholder={t('budget.source')} options={opts(fundingSources)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'year']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber min={2000} max={2100} placeholder={t('budget.year')} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber<number>
                        min={0}
                        style={{ width: 200 }}
                        placeholder={t('budget.amount')}
                        formatter={(v) => (v === undefined || v === null || (v as unknown) === '' ? '' : formatNumber(Number(v), 0))}
                        parser={(s) => Number((s ?? '').replace(/\./g, '').replace(',', '.')) || 0}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ year: form.getFieldValue('year') })}>
                    {t('budget.addLine')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('programme.c5')} style={{ marginBottom: 12 }}>
          {CONTENTS.map((c) => (
            <Space key={c} align="start" wrap>
              <Form.Item name={['potential', c, 'assessment']} label={t(`programme.potential.${c}` as MessageKey)}>
                <Select style={{ width: 160 }} options={POTENTIALS.map((p) => ({ value: p, label: t(`programme.potential.${p}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name={['potential', c, 'note']} label={t('common.note')}>
                <Input style={{ width: 560 }} maxLength={4000} />
              </Form.Item>
            </Space>
          ))}
        </Card>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

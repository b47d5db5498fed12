// The people-reached rows of an activity: target group, total, female, male, and the age bands
// folded away under each row.
import { Button, Collapse, Form, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CodeName } from '../../api/types';
import { formatNumber } from '../../format';
import { localName, useI18n } from '../../i18n';
import { CountInput } from '../../components/CountInput';
import type { Values } from './values';

/** The people-reached rows: target group, total, female, male, and the age bands folded away. */
export function ReachRows({
  form,
  rule,
  groups,
  bands,
}: {
  form: FormInstance<Values>;
  rule: (field: string) => Rule;
  groups: { value: string; label: string }[];
  bands: CodeName[];
}) {
  const { t } = useI18n();
  return (
    <Form.List name="reach">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => {
            const p = `reach[${f.name}]`;
            const dep = (k: string) => ['reach', f.name, k];
            const label = (k: Parameters<typeof t>[0]) => (i === 0 ? t(k) : undefined);
            const ages = (form.getFieldValue(['reach', f.name, 'ages']) ?? {}) as Record<string, number | null>;
            const hasAges = Object.values(ages).some((n) => typeof n === 'number');
            return (
              <div key={f.key} className="lg-reach-row" data-testid="activity-reach-row">
                <Space align="start" wrap size={[12, 0]}>
                  <Form.Item name={[f.name, 'targetGroup']} label={label('activity.targetGroup')} rules={[rule(`${p}.targetGroup`)]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 380 }}
                      placeholder={t('activity.chooseGroup')}
                      options={groups}
                      popupMatchSelectWidth={false}
                      data-testid="activity-reach-group"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'total']} label={label('activity.total')} rules={[rule(`${p}.total`)]} className="lg-count" style={{ width: 130 }}>
                    <CountInput placeholder={t('activity.total')} data-testid="activity-reach-total-input" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'female']}
                    label={label('activity.female')}
                    dependencies={[dep('total'), dep('male')]}
                    rules={[rule(`${p}.female`)]}
                    className="lg-count"
                    style={{ width: 110 }}
                  >
                    <CountInput style={{ width: 110 }} placeholder={t('activity.female')} data-testid="activity-reach-female" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'male']}
                    label={label('activity.male')}
                    dependencies={[dep('total')]}
                    rules={[rule(`${p}.male`)]}
                    className="lg-count"
                    style={{ width: 110 }}
                  >
                    <CountInput style={{ width: 110 }} placeholder={t('activity.male')} data-testid="activity-reach-male" />
                  </Form.Item>
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Form.Item>
                </Space>
                <Collapse
                  ghost
                  size="small"
                  defaultActiveKey={hasAges ? ['ages'] : []}
                  className="lg-ages"
                  items={[
                    {
                      key: 'ages',
                      label: t('activity.agesToggle'),
                      forceRender: true,
                      children: (
                        <Form.Item name={[f.name, 'ages']} dependencies={[dep('total')]} rules={[rule(`${p}.ages`)]} style={{ marginBottom: 0 }}>
                          <AgeBandsInput bands={bands} />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              </div>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-reach">
            {t('activity.addReach')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** One count per age band (all optional; when any is given they sum to the row's total). */
function AgeBandsInput({
  bands,
  value,
  onChange,
}: {
  bands: CodeName[];
  value?: Record<string, number | null> | null;
  onChange?: (v: Record<string, number | null> | null) => void;
}) {
  const { lang } = useI18n();
  const v = value ?? {};
  const sum = Object.values(v).reduce<number>((s, n) => s + (typeof n === 'number' ? n : 0), 0);
  return (
    <Space wrap size={[8, 8]} data-testid="activity-ages">
      {bands
        .filter((b) => b.active !== false || typeof v[b.code] === 'number')
        .map((b) => (
          <Space.Compact key={b.code}>
            <span className="lg-age-label">{localName(b, lang, b.code)}</span>
            <CountInput
              style={{ width: 90 }}
              value={v[b.code] ?? null}
              onChange={(n) => {
                const next = { ...v, [b.code]: n ?? null };
                onChange?.(Object.values(next).some((x) => typeof x === 'number') ? next : null);
              }}
              data-testid={`activity-age-${b.code}`}
            />
          </Space.Compact>
        ))}
      <Typography.Text type="secondary">Σ {formatNumber(sum)}</Typography.Text>
    </Space>
  );
}

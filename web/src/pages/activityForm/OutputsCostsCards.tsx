// What the activity produced (outputs by kind, money kinds in VND) and what it cost (amounts by
// funding source), side by side.
import { Button, Card, Form, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { CountInput } from '../../components/CountInput';
import { useActivityTaxonomies } from '../ActivityParts';
import type { Values } from './values';

export function OutputsCostsCards({ form, rule }: { form: FormInstance<Values>; rule: (field: string) => Rule }) {
  const { t } = useI18n();
  const tax = useActivityTaxonomies();
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
      <Card size="small" title={t('activity.outputsTitle')} style={{ flex: '1 1 480px' }}>
        <Form.List name="outputs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap data-testid="activity-output-row">
                  <Form.Item name={[f.name, 'kind']} rules={[rule(`outputs[${f.name}].kind`)]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 300 }}
                      placeholder={t('activity.outputKind')}
                      options={tax.options(tax.outputKinds)}
                      data-testid="activity-output-kind"
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate={(a, b) => a.outputs?.[f.name]?.kind !== b.outputs?.[f.name]?.kind}>
                    {() => (
                      <Form.Item name={[f.name, 'quantity']} rules={[rule(`outputs[${f.name}].quantity`)]}>
                        <CountInput
                          style={{ width: 170 }}
                          placeholder={t('activity.quantity')}
                          addonAfter={tax.isMoneyKind(form.getFieldValue(['outputs', f.name, 'kind'])) ? t('activity.vnd') : undefined}
                          data-testid="activity-output-quantity"
                        />
                      </Form.Item>
                    )}
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-output">
                {t('activity.addOutput')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('activity.costsTitle')} style={{ flex: '1 1 480px' }}>
        <Form.List name="costs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap data-testid="activity-cost-row">
                  <Form.Item name={[f.name, 'fundingSource']} rules={[rule(`costs[${f.name}].fundingSource`)]}>
                    <Select
                      style={{ width: 260 }}
                      placeholder={t('budget.source')}
                      options={tax.options(tax.fundingSources)}
                      data-testid="activity-cost-source"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[rule(`costs[${f.name}].amount`)]}>
                    <CountInput style={{ width: 200 }} step={100000} placeholder={t('budget.amount')} addonAfter={t('activity.vnd')} data-testid="activity-cost-amount" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-cost">
                {t('activity.addCost')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </div>
  );
}

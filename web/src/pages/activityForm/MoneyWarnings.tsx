// The over-allocation warnings of a saved activity (docs/api-money.md §3): the server's sentence
// in the chosen language and the three figures of the planned activity (by source or in total).
import { Alert, Space } from 'antd';
import type { MoneyWarning } from '../../api/money';
import { localName, useI18n } from '../../i18n';
import { useTaxonomy } from '../../reference';
import { formatMoney } from '../../money';

export function MoneyWarnings({ warnings }: { warnings: MoneyWarning[] }) {
  const { t, lang } = useI18n();
  const sources = useTaxonomy('funding-sources');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="money-warnings">
      {warnings.map((w, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          data-testid="money-warning"
          message={lang === 'en' ? w.messageEn || w.message : w.message}
          description={
            <div>
              <div>{w.fundingSource ? localName(sources.find((s) => s.code === w.fundingSource), lang, w.fundingSource) : t('money.allSources')}</div>
              <div>{t('money.planned')}: <strong>{formatMoney(w.planned)}</strong></div>
              <div>{t('money.allocated')}: <strong data-testid="money-warning-allocated">{formatMoney(w.allocated)}</strong></div>
              <div>{t('money.spent')}: <strong data-testid="money-warning-spent">{formatMoney(w.spent)}</strong></div>
            </div>
          }
        />
      ))}
    </Space>
  );
}

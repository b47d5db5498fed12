// "Người xử lý tiếp: Cán bộ Bộ — Việt Nam" (who acts next on a plan or a report, from the
// answer's nextActors), or "Đã hoàn tất" when nobody acts.
import { Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import type { NextActor } from '../api/myWork';
import { nextActorsText } from '../workflow';

export function NextActors({ actors, testId }: { actors: NextActor[]; testId?: string }) {
  const { t, lang } = useI18n();
  const text = nextActorsText(actors, lang, (a) => t(`next.${a}` as MessageKey));
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId ?? 'next-actors'}>
      {text ? t('next.label', { who: text }) : t('myWork.nobody')}
    </Typography.Text>
  );
}

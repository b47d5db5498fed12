import type { Rule } from 'antd/es/form';
import { isAcceptablePassword } from '../validation';
import type { MessageKey } from '../i18n';

/** Form rules mirroring the server's password policy (it stays the judge). */
export function passwordRules(t: (k: MessageKey) => string): Rule[] {
  return [
    { required: true, message: t('common.required') },
    {
      validator: (_, value: string | undefined) =>
        !value || isAcceptablePassword(value) ? Promise.resolve() : Promise.reject(new Error(t('password.rules'))),
    },
  ];
}

// Create or edit a user. Edits send the version they read; a stale one (409) is explained and
// can be reloaded without losing the modal.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Switch } from 'antd';
import { ApiError } from '../api/api';
import type { OrgUnitRef, Role, User, UserCreate, UserUpdate } from '../api/types';
import { formatDate } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { AgencySelect } from '../components/AgencySelect';
import { passwordRules } from '../components/passwordRules';
import { isValidUsername } from '../validation';
import { load } from '../api/get';
import { userApi } from '../api/users';

interface Props {
  open: boolean;
  /** null: create a new user. */
  user: User | null;
  roles: Role[];
  onClose: () => void;
  onSaved: () => void;
}

interface Values {
  username: string;
  fullName: string;
  email?: string;
  password?: string;
  orgUnitCode?: string;
  /** The chosen version when the code names different units over time (409 ambiguous_org_unit). */
  orgUnitAsOf?: string | null;
  agencyId?: string | number | null;
  roles: string[];
  active: boolean;
}

const FORM_FIELDS = ['username', 'fullName', 'email', 'password', 'orgUnitCode', 'agencyId', 'roles', 'active'];

export function UserFormModal({ open, user, roles, onClose, onSaved }: Props) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<User | null>(user);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  const editing = !!user;
  // A code that names different units on different dates is never resolved silently: the server
  // answers 409 ambiguous_org_unit with the candidates, and the form asks which one.
  const [candidates, setCandidates] = useState<{ code: string; units: OrgUnitRef[] } | null>(null);
  useEffect(() => {
    if (candidates && orgUnitCode !== candidates.code) {
      setCandidates(null);
      form.setFieldValue('orgUnitAsOf', null);
    }
  }, [orgUnitCode]);

  const fill = (u: User | null) => {
    setCurrent(u);
    form.resetFields();
    form.setFieldsValue(
      u
        ? {
            username: u.username,
            fullName: u.fullName,
            email: u.email ?? '',
            orgUnitCode: u.orgUnit?.code,
            agencyId: u.agency?.id ?? null,
            roles: u.roles,
            active: u.active,
          }
        : { roles: [], active: true, orgUnitCode: me?.orgUnit?.code, agencyId: null },
    );
  };

  useEffect(() => {
    if (open) {
      setError(null);
      fill(user);
    }
    // Refill only when the modal opens or is given another user, not on every render.
  }, [open, user]);

  const reloadUser = async () => {
    if (!user) return;
    try {
      const fresh = await load(userApi.one(user.id));
      setError(null);
      fill(fresh);
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const email = v.email?.trim() ? v.email.trim() : null;
      if (editing && current) {
        const body: UserUpdate = {
          fullName: v.fullName.trim(),
          email,
          orgUnitCode: v.orgUnitCode ?? '',
          ...(v.orgUnitAsOf ? { orgUnitAsOf: v.orgUnitAsOf } : {}),
          agencyId: v.agencyId ?? null,
          roles: v.roles,
          active: v.active,
          version: current.version,
        };
        await userApi.update(current.id, body);
        message.success(t('users.saved'));
      } else {
        const body: UserCreate = {
          username: v.username.trim(),
          fullName: v.fullName.trim(),
          email,
          password: v.password ?? '',
          orgUnitCode: v.orgUnitCode ?? '',
          ...(v.orgUnitAsOf ? { orgUnitAsOf: v.orgUnitAsOf } : {}),
          agencyId: v.agencyId ?? null,
          roles: v.roles,
        };
        await userApi.create(body);
        message.success(t('users.created', { username: body.username }));
      }
      onSaved();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ambiguous_org_unit' && Array.isArray(e.raw.candidates)) {
        setCandidates({ code: v.orgUnitCode ?? '', units: e.raw.candidates as OrgUnitRef[] });
        setError(null);
        return;
      }
      setError(e);
      if (e instanceof ApiError && e.field && FORM_FIELDS.includes(e.field)) {
        form.setFields([{ name: e.field as keyof Values, errors: [errText(e)] }]);
      }
    } finally {
      setSaving(false);
    }
  };

  // A role may be granted only if the granting user holds all of its permissions.
  const mine = new Set(me?.permissions ?? []);
  const roleOptions = roles.map((r) => ({
    value: r.code,
    label: localName(r, lang, r.code),
    disabled: !r.permissions.every((p) => mine.has(p)),
  }));

  const conflict = editing && error instanceof ApiError && error.status === 409;

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle', { username: user!.username }) : t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
      data-testid="user-form-modal"
    >
      {!!error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="user-form-error"
          message={conflict ? t('error.conflict') : errText(error)}
          action={
            conflict ? (
              <Button size="small" onClick={() => void reloadUser()}>
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameRule')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('common.required') },
                  {
                    validator: (_, val: string | undefined) =>
                      !val || isValidUsername(val.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('users.usernameRule'))),
                  },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('users.fullName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}
        >
          <Input data-testid="user-fullname" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }, { max: 255 }]}>
          <Input data-testid="user-email" />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.password')} rules={passwordRules(t)} extra={t('password.rules')}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="orgUnitCode"
          label={t('users.orgUnit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgUnitSelect
            initial={current?.orgUnit ?? (editing ? null : me?.orgUnit)}
            onChange={() => form.setFieldValue('agencyId', null)}
            data-testid="user-orgunit"
          />
        </Form.Item>
        {candidates && (
          <Form.Item
            name="orgUnitAsOf"
            label={t('users.orgUnitAsOf')}
            extra={t('users.ambiguousHint', { code: candidates.code })}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              data-testid="user-orgunit-asof"
              options={candidates.units.map((u) => ({
                // a day the version was valid: its first, or its last when it has no start
                value: u.validFrom ?? u.validTo ?? '',
                label: `${u.name} (${u.validFrom ? formatDate(u.validFrom) : '…'} – ${u.validTo ? formatDate(u.validTo) : '…'}) · id ${u.id}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="agencyId" label={t('users.agency')}>
          <AgencySelect orgUnitCode={orgUnitCode} initial={current?.agency} data-testid="user-agency" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('common.required') }]}>
          <Select mode="multiple" options={roleOptions} optionFilterProp="label" data-testid="user-roles" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch data-testid="user-active" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// /login: sign-in, and the first-run form creating the system admin while GET /api/setup
// says one is needed.
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { passwordRules } from '../components/passwordRules';
import { isValidUsername } from '../validation';
import { sessionApi } from '../api/session';
import { UnsentNotice } from '../offline/UnsentNotice';

interface LoginValues {
  username: string;
  password: string;
}

interface SetupValues {
  username: string;
  fullName: string;
  password: string;
}

export default function LoginPage() {
  const { t, lang, setLang, errText } = useI18n();
  const { status, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: Location } | null)?.from;
  const target = from && from.pathname !== '/login' ? from.pathname + from.search : '/'; // Home decides: the dashboard or the hierarchy

  const [setupNeeded, setSetupNeeded] = useState(false);
  const [setupDone, setSetupDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loginForm] = Form.useForm<LoginValues>();

  useEffect(() => {
    let live = true;
    sessionApi.setupNeeded().then(
      (r) => live && setSetupNeeded(!!r.needed),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (status === 'in') return <Navigate to={target} replace />;

  const onLogin = async (v: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const onSetup = async (v: SetupValues) => {
    setBusy(true);
    setError(null);
    try {
      await sessionApi.setup({ username: v.username.trim(), fullName: v.fullName.trim(), password: v.password });
      setSetupNeeded(false);
      setSetupDone(true);
      loginForm.setFieldsValue({ username: v.username.trim(), password: '' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const errorMessage =
    error instanceof ApiError && error.status === 429 ? t('login.throttled') : error ? errText(error) : null;

  return (
    <div className="lg-login">
      <Card className="lg-login-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {setupNeeded ? t('setup.title') : t('login.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
            </div>
            <Button
              size="small"
              icon={<GlobalOutlined />}
              data-testid="lang-toggle"
              title={t('header.langToggleTitle')}
              onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            >
              {t('header.langToggle')}
            </Button>
          </div>

          <UnsentNotice />
          {errorMessage && (
            <div data-testid="login-error">
              <Alert type="error" showIcon message={errorMessage} />
            </div>
          )}
          {setupDone && <Alert type="success" showIcon message={t('setup.done')} />}

          {setupNeeded ? (
            <Form<SetupValues> layout="vertical" onFinish={onSetup} data-testid="setup-form">
              <Alert type="info" showIcon message={t('setup.intro')} style={{ marginBottom: 16 }} />
              <Form.Item
                name="username"
                label={t('login.username')}
                extra={t('users.usernameRule')}
                rules={[
                  { required: true, message: t('common.required') },
                  {
                    validator: (_, v: string | undefined) =>
                      !v || isValidUsername(v.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('users.usernameRule'))),
                  },
                ]}
              >
                <Input autoComplete="username" data-testid="setup-username" />
              </Form.Item>
              <Form.Item
                name="fullName"
                label={t('setup.fullName')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}
              >
                <Input data-testid="setup-fullname" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={passwordRules(t)}
                extra={t('password.rules')}
              >
                <Input.Password autoComplete="new-password" data-testid="setup-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
                {t('setup.submit')}
              </Button>
            </Form>
          ) : (
            <Form<LoginValues> form={loginForm} layout="vertical" onFinish={onLogin} requiredMark={false}>
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form>
          )}
        </Space>
      </Card>
    </div>
  );
}

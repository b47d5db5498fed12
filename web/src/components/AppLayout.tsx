// The signed-in frame: side menu (from the route table, routes.tsx), header with the user, language toggle, password, sign-out.
// On a phone (under 768 px) the menu, the user, the language toggle, password and sign-out are in a
// drawer opened by the header's hamburger.
import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Badge, Button, Drawer, Layout, Menu, Popover, Space, Spin, Tooltip, Typography } from 'antd';
import { ApiOutlined, BellOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, MailOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { PERM } from '../api/types';
import { ChangePasswordModal } from './ChangePasswordModal';
import { MailPreferenceModal } from './MailPreferenceModal';
import { NotificationBell } from './NotificationBell';
import { menuFor, menuTestId, selectedEntry, type MenuEntry } from '../routes';
import { ReminderLinks, useReminders } from '../pages/ReportsParts';
import { useIsPhone } from './responsive';
import { OfflineBanner } from '../offline/OfflineBanner';
import { useOffline } from '../offline/OfflineProvider';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { me, can, logout, passwordChanged } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [pwOpen, setPwOpen] = useState(false);
  const [mailOpen, setMailOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [remindersOpen, setRemindersOpen] = useState(false);
  const reminders = useReminders(!!me && can(PERM.reportsSubmit));
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // A page picked in the drawer closes it (as does going back).
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  if (!me) return null;

  // The menu: the route table's entries the caller may open, by section (routes.tsx).
  const groups = menuFor(can);
  const entry = (e: MenuEntry) => ({
    key: e.path,
    icon: <e.icon />,
    label: (
      <Link to={e.path} data-testid={menuTestId(e.path)}>
        {t(e.label)}
      </Link>
    ),
  });
  const items = collapsed && !phone
    ? groups.flatMap((g, i) => [...(i ? [{ type: 'divider' as const, key: `divider-${g.group}` }] : []), ...g.entries.map(entry)])
    : groups.map((g) => ({
        type: 'group' as const,
        key: `group-${g.group}`,
        label: t(`menu.group.${g.group}`),
        children: g.entries.map(entry),
      }));
  const selected = selectedEntry(
    location.pathname,
    groups.flatMap((g) => g.entries.map((e) => e.path)),
  );

  const { unsent } = useOffline();
  const { modal } = AntApp.useApp();
  const onLogout = async () => {
    // Sign-out wipes the local store: never silently when items are unsent.
    if (unsent > 0) {
      const ok = await modal.confirm({
        title: t('offline.logoutUnsent', { n: unsent }),
        okText: t('offline.logoutAnyway'),
        okButtonProps: { danger: true, ...({ 'data-testid': 'logout-wipe-ok' } as Record<string, string>) },
        cancelText: t('common.cancel'),
      });
      if (!ok) return;
    }
    await logout();
    navigate('/login', { replace: true });
  };

  const bell = can(PERM.reportsSubmit) && (
    <Popover
      open={remindersOpen}
      onOpenChange={setRemindersOpen}
      trigger="click"
      placement="bottomRight"
      title={t('report.reminders')}
      content={
        reminders.items.length ? (
          <div style={{ maxWidth: 'min(420px, calc(100vw - 48px))' }}>
            <ReminderLinks items={reminders.items} onPick={() => setRemindersOpen(false)} />
          </div>
        ) : (
          <Typography.Text type="secondary">{t('report.remindersNone')}</Typography.Text>
        )
      }
    >
      <Badge
        count={reminders.items.length}
        size="small"
        color={reminders.items.some((r) => r.overdue) ? '#f5222d' : '#fa8c16'}
        data-testid="report-reminders-badge"
      >
        <Button icon={<BellOutlined />} aria-label={t('report.reminders')} title={t('report.reminders')} data-testid="report-reminders-bell" />
      </Badge>
    </Popover>
  );
  const who = (
    <div className="lg-who" data-testid="current-user">
      <div>{me.fullName || me.username}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {me.agency ? `${me.agency.name} · ` : ''}
        {me.orgUnit?.name}
      </Typography.Text>
    </div>
  );
  const langButton = (
    <Button icon={<GlobalOutlined />} data-testid="lang-toggle" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {t('header.langToggle')}
    </Button>
  );
  const passwordButton = (
    <Button icon={<KeyOutlined />} data-testid="change-password" onClick={() => setPwOpen(true)}>
      {t('header.changePassword')}
    </Button>
  );
  // The own e-mail preference (MailPreferenceModal): an icon on the desktop header, labelled in the drawer.
  const mailButton = (
    <Tooltip title={phone ? undefined : t('header.mailPref')}>
      <Button icon={<MailOutlined />} aria-label={t('header.mailPref')} data-testid="mail-pref" onClick={() => { setDrawerOpen(false); setMailOpen(true); }}>
        {phone ? t('header.mailPref') : null}
      </Button>
    </Tooltip>
  );
  // The own API tokens (TokensPage, issue 21): an icon on the desktop header, labelled in the drawer.
  const tokensButton = (
    <Tooltip title={phone ? undefined : t('header.tokens')}>
      <Button icon={<ApiOutlined />} aria-label={t('header.tokens')} data-testid="my-tokens" onClick={() => { setDrawerOpen(false); navigate('/account/tokens'); }}>
        {phone ? t('header.tokens') : null}
      </Button>
    </Tooltip>
  );
  const logoutButton = (
    <Button icon={<LogoutOutlined />} data-testid="logout" onClick={() => void onLogout()}>
      {t('header.logout')}
    </Button>
  );
  const menu = <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} data-testid="side-menu" />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Sider
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={230}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div className="lg-brand">{collapsed ? 'LG' : t('app.shortTitle')}</div>
          {menu}
        </Sider>
      )}
      {phone && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          width={Math.min(300, window.innerWidth - 40)}
          closable={false}
          className="lg-menu-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <div data-testid="menu-drawer">
          <div className="lg-drawer-user">
            <UserOutlined />
            {who}
          </div>
          <div className="lg-drawer-actions">
            {langButton}
            {passwordButton}
            {mailButton}
            {tokensButton}
            {logoutButton}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            data-testid="drawer-menu"
            onClick={() => setDrawerOpen(false)}
          />
          </div>
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header className="lg-header">
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('header.menu')}
              title={t('header.menu')}
              data-testid="menu-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong ellipsis style={{ minWidth: 0, flex: phone ? 1 : undefined }}>
            {t(phone ? 'app.shortTitle' : 'app.title')}
          </Typography.Text>
          {phone ? (
            <Space size={4}>
              <NotificationBell />
              {bell}
            </Space>
          ) : (
            <div className="lg-header-user">
              <UserOutlined />
              {who}
              <Space size={4}>
                <NotificationBell />
                {bell}
                <Tooltip title={t('header.langToggleTitle')}>{langButton}</Tooltip>
                {passwordButton}
                {mailButton}
                {tokensButton}
                {logoutButton}
              </Space>
            </div>
          )}
        </Header>
        <OfflineBanner />
        <Content className="lg-content">
          <Suspense
            fallback={
              <div style={{ padding: 48, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            {/* The API answers only the password change while it is required: no page behind the modal. */}
            {me.mustChangePassword ? null : <Outlet />}
          </Suspense>
        </Content>
      </Layout>
      <MailPreferenceModal open={mailOpen} onClose={() => setMailOpen(false)} />
      <ChangePasswordModal
        open={pwOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPwOpen(false)}
        onChanged={passwordChanged}
      />
    </Layout>
  );
}

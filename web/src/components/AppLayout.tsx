// The signed-in frame: side menu, header with the user, language toggle, password, sign-out.
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Layout, Menu, Popover, Space, Spin, Tooltip, Typography } from 'antd';
import {
  AimOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  BellOutlined,
  FileDoneOutlined,
  CloudUploadOutlined,
  FormOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  AuditOutlined,
  BankOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  PieChartOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  InboxOutlined,
  ProjectOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { PERM } from '../api/types';
import { ChangePasswordModal } from './ChangePasswordModal';
import { ReminderLinks, useReminders } from '../pages/ReportsParts';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { me, can, logout, passwordChanged } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [pwOpen, setPwOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [remindersOpen, setRemindersOpen] = useState(false);
  const reminders = useReminders(!!me && can(PERM.reportsSubmit));

  if (!me) return null;

  const items = [
    ...(can(PERM.activitiesRead)
      ? [
          { key: '/dashboard', icon: <DashboardOutlined />, label: t('menu.dashboard') },
          { key: '/analytics/pivot', icon: <PieChartOutlined />, label: t('menu.pivot') },
        ]
      : []),
    { key: '/org-units', icon: <ApartmentOutlined />, label: t('menu.orgUnits') },
    { key: '/agencies', icon: <BankOutlined />, label: t('menu.agencies') },
    ...(can(PERM.directivesRead)
      ? [
          { key: '/directives', icon: <FileTextOutlined />, label: t('menu.directives') },
          { key: '/tasks', icon: <CarryOutOutlined />, label: t('menu.tasks') },
        ]
      : []),
    ...(can(PERM.programmesRead)
      ? [{ key: '/programmes', icon: <FileSearchOutlined />, label: t('menu.programmes') }]
      : []),
    ...(can(PERM.plansRead) ? [{ key: '/plans', icon: <ProjectOutlined />, label: t('menu.plans') }] : []),
    ...(can(PERM.plansApprove) ? [{ key: '/plans/inbox', icon: <InboxOutlined />, label: t('menu.inbox') }] : []),
    ...(can(PERM.activitiesRead)
      ? [{ key: '/activities', icon: <ScheduleOutlined />, label: t('menu.activities') }]
      : []),
    ...(can(PERM.activitiesRecord)
      ? [
          { key: '/activities/new', icon: <FormOutlined />, label: t('menu.activityNew') },
          { key: '/activities/import', icon: <CloudUploadOutlined />, label: t('menu.activityImport') },
        ]
      : []),
    ...(can(PERM.activitiesRead) ? [{ key: '/surveys', icon: <SolutionOutlined />, label: t('menu.surveys') }] : []),
    ...(can(PERM.reportsRead) ? [{ key: '/reports', icon: <FileDoneOutlined />, label: t('menu.reports') }] : []),
    ...(can(PERM.reportsReview)
      ? [{ key: '/reports/compile', icon: <BarChartOutlined />, label: t('menu.reportsCompile') }]
      : []),
    ...(can(PERM.indicatorsRead) ? [{ key: '/indicators', icon: <AimOutlined />, label: t('menu.indicators') }] : []),
    ...(can(PERM.usersRead) ? [{ key: '/users', icon: <TeamOutlined />, label: t('menu.users') }] : []),
    ...(can(PERM.auditRead) ? [{ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') }] : []),
    ...(can(PERM.boundariesManage) ? [{ key: '/boundaries', icon: <GlobalOutlined />, label: t('menu.boundaries') }] : []),
  ].map((it) => ({
    key: it.key,
    icon: it.icon,
    label: (
      <Link to={it.key} data-testid={`menu-${it.key.slice(1).replace('/', '-')}`}>
        {it.label}
      </Link>
    ),
  }));
  // The entry whose path is the longest prefix of the address (/plans/12 → /plans,
  // /plans/inbox → /plans/inbox, /activities/5/edit → /activities).
  const selected =
    items
      .map((it) => it.key)
      .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '/' + (location.pathname.split('/')[1] ?? '');

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={230}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="lg-brand">{collapsed ? 'LG' : t('app.shortTitle')}</div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} data-testid="side-menu" />
      </Sider>
      <Layout>
        <Header className="lg-header">
          <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
            {t('app.title')}
          </Typography.Text>
          <div className="lg-header-user">
            <UserOutlined />
            <div className="lg-who" data-testid="current-user">
              <div>{me.fullName || me.username}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {me.agency ? `${me.agency.name} · ` : ''}
                {me.orgUnit?.name}
              </Typography.Text>
            </div>
            <Space size={4}>
              {can(PERM.reportsSubmit) && (
                <Popover
                  open={remindersOpen}
                  onOpenChange={setRemindersOpen}
                  trigger="click"
                  placement="bottomRight"
                  title={t('report.reminders')}
                  content={
                    reminders.items.length ? (
                      <div style={{ maxWidth: 420 }}>
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
              )}
              <Tooltip title={t('header.langToggleTitle')}>
                <Button
                  icon={<GlobalOutlined />}
                  data-testid="lang-toggle"
                  onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
                >
                  {t('header.langToggle')}
                </Button>
              </Tooltip>
              <Button icon={<KeyOutlined />} data-testid="change-password" onClick={() => setPwOpen(true)}>
                {t('header.changePassword')}
              </Button>
              <Button icon={<LogoutOutlined />} data-testid="logout" onClick={() => void onLogout()}>
                {t('header.logout')}
              </Button>
            </Space>
          </div>
        </Header>
        <Content style={{ margin: 16, padding: 16, background: '#fff', minWidth: 0 }}>
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
      <ChangePasswordModal
        open={pwOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPwOpen(false)}
        onChanged={passwordChanged}
      />
    </Layout>
  );
}

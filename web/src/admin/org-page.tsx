import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { Role } from '../api/types';
import { useAuth } from '../auth';
import { ROLE_LABELS } from '../lib/labels';
import { useAsync } from '../lib/use-async';
import {
  type AdminUnit,
  type AdminUser,
  adminApi,
  type CalendarYear,
  FUND_TYPE_LABELS,
  UNIT_KIND_LABELS,
} from './admin-api';
import { EditModal, editColumn, enabledColumn, fieldProblem, useEditor } from './editing';
import { type SaveProblem, toProblem } from './server-errors';
import { AccountRecord, TotpCell } from './totp-reset';

type UnitDraft = Partial<AdminUnit> & { isNew?: boolean };

function UnitsTab() {
  const units = useAsync(() => adminApi.units(), []);
  const editor = useEditor<UnitDraft>(
    (editing) => {
      const body = {
        name: editing.name ?? '',
        kind: editing.kind ?? '',
        managedBy: editing.kind === 'department' ? (editing.managedBy ?? '') : '',
        seesAll: Boolean(editing.seesAll),
        disabled: Boolean(editing.disabled),
      };
      return editing.isNew
        ? adminApi.createUnit({ ...body, id: editing.id ?? '' })
        : adminApi.updateUnit(editing.id as string, { ...body, version: editing.version ?? 0 });
    },
    '单位已保存',
    units.reload,
  );
  const { problem, setEditing } = editor;
  const sections = (units.data ?? []).filter((u) => (u.kind === 'section' || u.kind === 'center') && !u.disabled);
  const name = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.name ?? id) : '');
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => setEditing({ isNew: true, kind: 'department' })}>
          新增单位
        </Button>
      </Space>
      <Table<AdminUnit>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={units.loading}
        dataSource={units.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => UNIT_KIND_LABELS[k] ?? k },
          { title: '归口业务股室', dataIndex: 'managedBy', render: (m: string | null) => name(m) },
          { title: '查看全部', dataIndex: 'seesAll', render: (v: boolean) => (v ? '是' : '') },
          enabledColumn<AdminUnit>(),
          editColumn<AdminUnit>((u) => setEditing({ ...u })),
        ]}
      />
      <EditModal editor={editor} title={editor.editing?.isNew ? '新增单位' : '编辑单位'}>
        {(editing) => (
          <>
            <Form.Item label="编号" {...fieldProblem(problem, 'id')}>
              <Input
                disabled={!editing.isNew}
                value={editing.id}
                onChange={(e) => setEditing({ ...editing, id: e.target.value.trim() })}
                placeholder="小写字母、数字或连字符"
              />
            </Form.Item>
            <Form.Item label="名称" {...fieldProblem(problem, 'name')}>
              <Input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
            </Form.Item>
            <Form.Item label="类型" {...fieldProblem(problem, 'kind')}>
              <Select
                value={editing.kind}
                onChange={(v) => setEditing({ ...editing, kind: v })}
                options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            {editing.kind === 'department' ? (
              <Form.Item label="归口业务股室（第八条）" {...fieldProblem(problem, 'managedBy')}>
                <Select
                  allowClear
                  value={editing.managedBy ?? undefined}
                  onChange={(v) => setEditing({ ...editing, managedBy: v ?? null })}
                  options={sections.map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item label="可查看全部已提交的表单（如绩效评价服务股、预算股）">
              <Switch checked={Boolean(editing.seesAll)} onChange={(v) => setEditing({ ...editing, seesAll: v })} />
            </Form.Item>
            <Form.Item label="停用" {...fieldProblem(problem, 'disabled')}>
              <Switch checked={Boolean(editing.disabled)} onChange={(v) => setEditing({ ...editing, disabled: v })} />
            </Form.Item>
          </>
        )}
      </EditModal>
    </div>
  );
}

function RoutingTab() {
  const { message } = App.useApp();
  const settings = useAsync(() => adminApi.settings(), []);
  const units = useAsync(() => adminApi.units(), []);
  const [routing, setRouting] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  useEffect(() => {
    if (settings.data) setRouting(settings.data.fundTypeRouting);
  }, [settings.data]);
  const options = (units.data ?? [])
    .filter((u) => (u.kind === 'section' || u.kind === 'center') && !u.disabled)
    .map((u) => ({ value: u.id, label: u.name }));
  const save = async () => {
    try {
      const clean = Object.fromEntries(Object.entries(routing).filter(([, v]) => v));
      await adminApi.saveSettings({ fundTypeRouting: clean, version: settings.data?.version ?? 0 });
      message.success('资金类型分办设置已保存');
      setProblem(null);
      settings.reload();
    } catch (e) {
      setProblem(toProblem(e));
    }
  };
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">
        第九条：国有资本经营预算、社会保险基金预算、PPP、政府债券、政府采购等按业务归口分类管理。设置了分办单位的资金类型由该单位审核，其余按填报单位的归口业务股室。已提交的填报不受影响。
      </Typography.Paragraph>
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem.message}
          description={problem.details.map((d) => (
            <div key={d.path}>{`${FUND_TYPE_LABELS[d.path.split('/').pop() ?? ''] ?? d.path}：${d.message}`}</div>
          ))}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 10 }}>
        {Object.entries(FUND_TYPE_LABELS).map(([fundType, label]) => (
          <Form.Item key={fundType} label={label} {...fieldProblem(problem, `fundTypeRouting/${fundType}`)}>
            <Select
              allowClear
              placeholder="按归口业务股室"
              value={routing[fundType] || undefined}
              options={options}
              onChange={(v) => setRouting({ ...routing, [fundType]: v ?? '' })}
            />
          </Form.Item>
        ))}
      </Form>
      <Button type="primary" onClick={() => void save()}>
        保存
      </Button>
    </Card>
  );
}

const ROLES: Role[] = ['filler', 'leader', 'reviewer', 'admin'];

type UserDraft = Partial<AdminUser> & { isNew?: boolean; password?: string };

function UsersTab() {
  const { me } = useAuth();
  const users = useAsync(() => adminApi.users(), []);
  const units = useAsync(() => adminApi.units(), []);
  const editor = useEditor<UserDraft>(
    (editing) =>
      editing.isNew
        ? adminApi.createUser({
            username: editing.username ?? '',
            name: editing.name ?? '',
            unitId: editing.unitId ?? '',
            roles: editing.roles ?? [],
            ...(editing.password ? { password: editing.password } : {}),
            ...(editing.email?.trim() ? { email: editing.email.trim() } : {}),
          })
        : adminApi.updateUser(editing.id as string, {
            name: editing.name ?? '',
            unitId: editing.unitId ?? '',
            roles: editing.roles ?? [],
            disabled: Boolean(editing.disabled),
            ...(editing.password ? { password: editing.password } : {}),
            email: editing.email?.trim() ?? '',
            version: editing.version ?? 0,
          }),
    '用户已保存',
    users.reload,
  );
  const { problem, setEditing } = editor;
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => setEditing({ isNew: true, roles: ['filler'] })}>
          新增用户
        </Button>
      </Space>
      <Table<AdminUser>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unitId', render: unitName },
          { title: '角色', dataIndex: 'roles', render: (r: Role[]) => r.map((x) => ROLE_LABELS[x] ?? x).join('、') },
          enabledColumn<AdminUser>(),
          {
            title: '动态验证码',
            key: 'totp',
            render: (_: unknown, u: AdminUser) => (
              <>
                <TotpCell user={u} self={u.id === me?.id} onReset={users.reload} />
                <AccountRecord user={u} />
              </>
            ),
          },
          editColumn<AdminUser>((u) => setEditing({ ...u })),
        ]}
      />
      <EditModal editor={editor} title={editor.editing?.isNew ? '新增用户' : '编辑用户'}>
        {(editing) => (
          <>
            <Form.Item label="用户名" {...fieldProblem(problem, 'username')}>
              <Input
                disabled={!editing.isNew}
                value={editing.username}
                onChange={(e) => setEditing({ ...editing, username: e.target.value.trim() })}
              />
            </Form.Item>
            <Form.Item label="姓名" {...fieldProblem(problem, 'name')}>
              <Input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
            </Form.Item>
            <Form.Item label="单位" {...fieldProblem(problem, 'unitId')}>
              <Select
                showSearch
                optionFilterProp="label"
                value={editing.unitId}
                onChange={(v) => setEditing({ ...editing, unitId: v })}
                options={(units.data ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item label="角色" {...fieldProblem(problem, 'roles')}>
              <Checkbox.Group
                value={editing.roles}
                onChange={(v) => setEditing({ ...editing, roles: v as Role[] })}
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              />
            </Form.Item>
            <Form.Item label="邮箱（接收待办、催报和截止提醒）" {...fieldProblem(problem, 'email')}>
              <Input
                type="email"
                autoComplete="off"
                value={editing.email}
                onChange={(e) => setEditing({ ...editing, email: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={editing.isNew ? '密码' : '重置密码（留空则不变）'} {...fieldProblem(problem, 'password')}>
              <Input.Password
                autoComplete="new-password"
                value={editing.password}
                onChange={(e) => setEditing({ ...editing, password: e.target.value })}
              />
            </Form.Item>
            {editing.isNew ? null : (
              <Form.Item label="停用（停用后不能登录，办理历史保留）" {...fieldProblem(problem, 'disabled')}>
                <Switch checked={Boolean(editing.disabled)} onChange={(v) => setEditing({ ...editing, disabled: v })} />
              </Form.Item>
            )}
          </>
        )}
      </EditModal>
    </div>
  );
}

type CalendarDraft = { year: number; holidays: string; workdays: string };
const splitDays = (s: string) => s.split(/[\s,，、]+/).filter(Boolean);

function CalendarTab() {
  const years = useAsync(() => adminApi.calendar(), []);
  const editor = useEditor<CalendarDraft>(
    (editing) =>
      adminApi.saveCalendar(editing.year, {
        holidays: splitDays(editing.holidays),
        workdays: splitDays(editing.workdays),
      }),
    (editing) => `${editing.year} 年节假日安排已保存`,
    years.reload,
  );
  const { setEditing } = editor;
  const next = Math.max(new Date().getFullYear(), ...(years.data ?? []).map((y) => y.year)) + 1;
  return (
    <div>
      <Typography.Paragraph type="secondary">
        办理期限按工作日计算（法定节假日不计，调休上班日计入）。内置 2025、2026
        年；国务院办公厅公布新一年安排后在此添加。未收录年份的期限按周一至周五估算，并在页面上提示。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => setEditing({ year: next, holidays: '', workdays: '' })}>
          添加 {next} 年
        </Button>
      </Space>
      <Table<CalendarYear>
        scroll={{ x: 'max-content' }}
        rowKey="year"
        size="small"
        loading={years.loading}
        dataSource={years.data ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year' },
          {
            title: '来源',
            dataIndex: 'source',
            render: (s: string) => (s === 'admin' ? <Tag color="blue">管理员维护</Tag> : <Tag>内置</Tag>),
          },
          { title: '放假日', dataIndex: 'holidays', render: (h: string[]) => `${h.length} 天` },
          { title: '调休上班日', dataIndex: 'workdays', render: (w: string[]) => w.join('、') },
          editColumn<CalendarYear>(
            (y) => setEditing({ year: y.year, holidays: y.holidays.join('\n'), workdays: y.workdays.join('\n') }),
            '修改',
          ),
        ]}
      />
      <EditModal editor={editor} title={`${editor.editing?.year ?? ''} 年节假日安排`} listDetails>
        {(editing) => (
          <>
            <Form.Item label="年度">
              <Input
                type="number"
                value={editing.year}
                onChange={(e) => setEditing({ ...editing, year: Number(e.target.value) })}
              />
            </Form.Item>
            <Form.Item label="放假日（YYYY-MM-DD，每行一个或用逗号分隔）">
              <Input.TextArea
                rows={6}
                value={editing.holidays}
                onChange={(e) => setEditing({ ...editing, holidays: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="调休上班日（周六或周日）">
              <Input.TextArea
                rows={3}
                value={editing.workdays}
                onChange={(e) => setEditing({ ...editing, workdays: e.target.value })}
              />
            </Form.Item>
          </>
        )}
      </EditModal>
    </div>
  );
}

/** 组织机构与日历: units with 归口, 第九条 routing, users and roles, the holiday calendar. */
export function OrgPage() {
  return (
    <Tabs
      items={[
        { key: 'units', label: '单位与归口', children: <UnitsTab /> },
        { key: 'routing', label: '资金类型分办（第九条）', children: <RoutingTab /> },
        { key: 'users', label: '用户与角色', children: <UsersTab /> },
        { key: 'calendar', label: '节假日', children: <CalendarTab /> },
      ]}
    />
  );
}

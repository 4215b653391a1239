import { App, Button, Card, Form, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { useAsync } from '../lib/use-async';
import { type AdminUnit, adminApi } from './admin-api';

/**
 * 乡镇与公开复核 (admin): which departments are 乡镇 (规程第十条: their targets also pass 乡镇财政管理股) and who
 * checks each kind of item before publication (第三十条: 预算股 for 预算公开, the 业务股室 for 决算; the rest is set here).
 */
type CycleUnit = AdminUnit & { township: boolean };
interface CycleSettings {
  fundTypeRouting: Record<string, string>;
  publicationCheckers?: Record<string, string>;
  version: number;
}

const FAMILIES: { key: string; label: string; byDefault: string }[] = [
  { key: 'target', label: '绩效目标（随部门预算公开）', byDefault: 'ysg' },
  { key: 'selfEval', label: '绩效自评结果（随部门决算公开）', byDefault: 'managingSection' },
  { key: 'fiscalEvaluation', label: '财政评价结果', byDefault: 'managingSection' },
];
const MANAGING = 'managingSection';

function TownshipCard() {
  const { message } = App.useApp();
  const units = useAsync(() => api<{ items: CycleUnit[] }>('GET', '/api/admin/units'), []);
  const [busy, setBusy] = useState<string | null>(null);
  const toggle = async (u: CycleUnit, township: boolean) => {
    setBusy(u.id);
    try {
      await adminApi.updateUnit(u.id, {
        name: u.name,
        kind: u.kind,
        managedBy: u.managedBy ?? '',
        seesAll: u.seesAll,
        disabled: u.disabled,
        township,
        version: u.version,
      });
      message.success(township ? `已将${u.name}标记为乡镇` : `已取消${u.name}的乡镇标记`);
      units.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title="乡镇单位" size="small">
      <Typography.Paragraph type="secondary">
        标记为乡镇的预算单位，其项目支出和部门整体绩效目标在业务股室审核后，再由乡镇财政管理股协同审核。
      </Typography.Paragraph>
      <Table<CycleUnit>
        rowKey="id"
        size="small"
        loading={units.loading}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        dataSource={(units.data?.items ?? []).filter((u) => u.kind === 'department' && !u.disabled)}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '单位代码', dataIndex: 'code' },
          {
            title: '乡镇',
            key: 'township',
            render: (_: unknown, u) => (
              <Switch
                aria-label={`${u.name}是乡镇`}
                checked={u.township}
                loading={busy === u.id}
                onChange={(v) => toggle(u, v)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function CheckersCard() {
  const { message } = App.useApp();
  const settings = useAsync(() => api<CycleSettings>('GET', '/api/admin/settings'), []);
  const units = useAsync(() => adminApi.units(), []);
  const [checkers, setCheckers] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings.data)
      setCheckers(
        Object.fromEntries(FAMILIES.map((f) => [f.key, settings.data?.publicationCheckers?.[f.key] ?? f.byDefault])),
      );
  }, [settings.data]);
  const options = [
    { value: MANAGING, label: '归口业务股室' },
    ...(units.data ?? [])
      .filter((u) => (u.kind === 'section' || u.kind === 'center') && !u.disabled)
      .map((u) => ({ value: u.id, label: u.name })),
  ];
  const save = async () => {
    if (!settings.data) return;
    setSaving(true);
    try {
      await api('PUT', '/api/admin/settings', {
        fundTypeRouting: settings.data.fundTypeRouting,
        publicationCheckers: checkers,
        version: settings.data.version,
      });
      message.success('公开复核单位已保存');
      settings.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="公开复核单位" size="small">
      <Typography.Paragraph type="secondary">
        公开前由谁复核：预算公开信息由预算股复核，部门决算信息由业务股室复核；其他事项在此指定。
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        {FAMILIES.map((f) => (
          <Form.Item key={f.key} label={f.label}>
            <Select
              aria-label={f.label}
              value={checkers[f.key]}
              onChange={(v) => setCheckers({ ...checkers, [f.key]: v })}
              options={options}
            />
          </Form.Item>
        ))}
        <Button type="primary" loading={saving} disabled={!settings.data} onClick={save}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

export default function OrgCyclePage() {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <TownshipCard />
      <CheckersCard />
    </Space>
  );
}

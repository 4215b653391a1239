import { Alert, App, Button, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SubmissionStatus } from '../api/types';
import { formatDateTime, STATUS_LABELS } from '../lib/labels';
import { useAsync } from '../lib/use-async';
import { adminApi, type DiffEntry, type DryRunItem, type VersionSummary } from './admin-api';
import { showJson, toProblem } from './server-errors';

const KIND_LABELS: Record<DiffEntry['kind'], { text: string; color: string }> = {
  added: { text: '新增', color: 'success' },
  removed: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'blue' },
};

/**
 * 版本与发布 of one form: the versions, publishing, a structural diff between any two versions, and the
 * dry run of a version over the drafts under way with an explicit 升级 per draft (never automatic).
 */
export function VersionsPage() {
  const { formId = '' } = useParams();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useAsync(() => adminApi.versions(formId), [formId]);
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [diff, setDiff] = useState<{ changes: DiffEntry[]; truncated: boolean } | null>(null);
  const [dry, setDry] = useState<{ version: number; items: DryRunItem[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (key: string, f: () => Promise<void>) => {
    setBusy(key);
    setProblem(null);
    try {
      await f();
    } catch (e) {
      setProblem(toProblem(e).message);
    } finally {
      setBusy(null);
    }
  };
  const publish = (v: number) =>
    modal.confirm({
      title: `发布第 ${v} 版？`,
      content: '发布后新建的填报使用此版本；已经开始的填报保持原版本，可在「试运行」中逐一升级草稿。',
      okText: '发布',
      cancelText: '取消',
      onOk: () =>
        run(`publish-${v}`, async () => {
          await adminApi.publish(formId, v);
          message.success(`第 ${v} 版已发布`);
          reload();
        }),
    });
  const dryRun = (v: number) =>
    run(`dry-${v}`, async () => {
      const r = await adminApi.dryRun(formId, v);
      setDry({ version: v, items: r.items });
    });
  const upgrade = (item: DryRunItem, v: number) =>
    run(`up-${item.submissionId}`, async () => {
      const r = await adminApi.upgrade(item.submissionId, v, item.version);
      message.success(
        r.errors.length ? `已升级到第 ${v} 版，仍有 ${r.errors.length} 处需填报单位修改` : `已升级到第 ${v} 版`,
      );
      await dryRun(v);
    });
  const compare = () =>
    run('diff', async () => {
      if (from === undefined || to === undefined) return;
      setDiff(await adminApi.diff(formId, from, to));
    });

  const versions = data?.items ?? [];
  const options = versions.map((v) => ({
    value: v.version,
    label: `第 ${v.version} 版${v.current ? '（当前）' : v.status === 'draft' ? '（草稿）' : ''}`,
  }));
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          版本与发布：{data?.title ?? formId}
        </Typography.Title>
        <Link to={`/admin/forms/${encodeURIComponent(formId)}/design`}>
          <Button>打开设计器</Button>
        </Link>
      </Space>
      {error ? <Alert type="error" showIcon title={toProblem(error).message} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Table<VersionSummary>
        scroll={{ x: 'max-content' }}
        rowKey="version"
        size="small"
        loading={loading}
        dataSource={versions}
        pagination={false}
        columns={[
          { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
          { title: '名称', dataIndex: 'title' },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, v) =>
              v.current ? (
                <Tag color="success">当前使用</Tag>
              ) : v.status === 'published' ? (
                <Tag>曾发布</Tag>
              ) : (
                <Tag color="warning">草稿</Tag>
              ),
          },
          { title: '审核链', key: 'chain', render: (_: unknown, v) => `${v.chainId} 第 ${v.chainVersion} 版` },
          { title: '字段数', dataIndex: 'fieldCount' },
          { title: '保存时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '发布时间', dataIndex: 'publishedAt', render: formatDateTime },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, v) => (
              <Space>
                {v.status === 'draft' ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === `publish-${v.version}`}
                    onClick={() => publish(v.version)}
                  >
                    发布
                  </Button>
                ) : null}
                <Button size="small" loading={busy === `dry-${v.version}`} onClick={() => void dryRun(v.version)}>
                  试运行
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title="版本比较" style={{ marginTop: 16 }}>
        <Space wrap>
          <Select
            aria-label="比较起始版本"
            placeholder="原版本"
            style={{ width: 160 }}
            options={options}
            value={from}
            onChange={setFrom}
          />
          <span>→</span>
          <Select
            aria-label="比较目标版本"
            placeholder="新版本"
            style={{ width: 160 }}
            options={options}
            value={to}
            onChange={setTo}
          />
          <Button
            disabled={from === undefined || to === undefined}
            loading={busy === 'diff'}
            onClick={() => void compare()}
          >
            比较
          </Button>
        </Space>
        {diff ? (
          diff.changes.length === 0 ? (
            <Empty style={{ marginTop: 12 }} description="两个版本没有差异" />
          ) : (
            <Table<DiffEntry>
              scroll={{ x: 'max-content' }}
              data-testid="version-diff"
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(e) => `${e.kind}${e.path}`}
              pagination={false}
              dataSource={diff.changes}
              columns={[
                {
                  title: '位置',
                  dataIndex: 'path',
                  render: (p: string) => <Typography.Text code>{p}</Typography.Text>,
                },
                {
                  title: '变化',
                  dataIndex: 'kind',
                  width: 80,
                  render: (k: DiffEntry['kind']) => <Tag color={KIND_LABELS[k].color}>{KIND_LABELS[k].text}</Tag>,
                },
                { title: '原值', dataIndex: 'before', render: (b: unknown) => showJson(b) },
                { title: '新值', dataIndex: 'after', render: (a: unknown) => showJson(a) },
              ]}
            />
          )
        ) : null}
      </Card>
      {dry ? (
        <Card
          size="small"
          title={`试运行：第 ${dry.version} 版对在办草稿的影响`}
          style={{ marginTop: 16 }}
          data-testid="dry-run"
        >
          <Typography.Paragraph type="secondary">
            列出仍在较早版本上的草稿和退回待修改的填报，以及它们的数据能否通过第 {dry.version}{' '}
            版的校验。升级只在点击「升级」时进行，并记入办理历史。
          </Typography.Paragraph>
          <Table<DryRunItem>
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="submissionId"
            pagination={false}
            dataSource={dry.items}
            locale={{ emptyText: '没有需要升级的草稿' }}
            columns={[
              { title: '填报', dataIndex: 'title' },
              { title: '单位', dataIndex: 'unitName' },
              { title: '状态', dataIndex: 'status', render: (s: string) => STATUS_LABELS[s as SubmissionStatus] ?? s },
              { title: '当前版本', dataIndex: 'formVersion', render: (v: number) => `第 ${v} 版` },
              {
                title: '校验结果',
                key: 'result',
                render: (_: unknown, i) =>
                  i.ok ? (
                    <Tag color="success">可直接升级</Tag>
                  ) : (
                    <List
                      size="small"
                      dataSource={i.errors}
                      renderItem={(e) => (
                        <List.Item style={{ padding: 0 }}>{`${e.path || '/'}：${e.message}`}</List.Item>
                      )}
                    />
                  ),
              },
              {
                title: '操作',
                key: 'op',
                render: (_: unknown, i) => (
                  <Button
                    size="small"
                    loading={busy === `up-${i.submissionId}`}
                    disabled={versions.find((v) => v.version === dry.version)?.status !== 'published'}
                    onClick={() => void upgrade(i, dry.version)}
                  >
                    升级
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}

import { Alert, App, Button, Checkbox, Form, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { LEVEL2_LABELS } from '../form/indicator-hierarchy';
import { useAsync } from '../lib/use-async';
import { adminApi, type Indicator, LEVEL1_LABELS, LEVEL2_BY_LEVEL1, OPERATOR_LABELS } from './admin-api';
import { EditModal, enabledColumn, fieldProblem, useEditor } from './editing';
import { IndicatorImport } from './indicator-import';
import { toProblem } from './server-errors';

type Draft = Partial<Indicator> & { yearsText?: string };

/** 县级预算绩效指标库 (第十八条): filter, add, edit, disable (never delete). */
export function IndicatorsPage() {
  const { message } = App.useApp();
  const [level1, setLevel1] = useState<string | undefined>();
  const [showDisabled, setShowDisabled] = useState(true);
  const list = useAsync(() => adminApi.indicators({ level1, includeDisabled: showDisabled }), [level1, showDisabled]);
  const forms = useAsync(() => adminApi.forms(), []);
  const editor = useEditor<Draft>(
    (editing) => {
      const years = (editing.yearsText ?? '')
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map(Number);
      const body: Record<string, unknown> = {
        level1: editing.level1 ?? '',
        level2: editing.level2 ?? '',
        name: editing.name ?? '',
        unit: editing.unit ?? '',
        ...(editing.operator ? { operator: editing.operator } : {}),
        content: editing.content ?? '',
        ...(editing.scoringStandard ? { scoringStandard: editing.scoringStandard } : {}),
        forms: editing.forms ?? [],
        years,
        ...(editing.disabled ? { disabled: true } : {}),
      };
      return editing.id && editing.version
        ? adminApi.updateIndicator(editing.id, { ...body, version: editing.version })
        : adminApi.createIndicator(body);
    },
    '指标已保存',
    list.reload,
  );
  const { editing, setEditing, problem } = editor;

  const toggle = async (i: Indicator) => {
    try {
      const {
        id,
        version,
        createdAt: _c,
        updatedAt: _u,
        updatedBy: _b,
        disabled,
        ...rest
      } = i as Indicator & { createdAt?: string; updatedAt?: string; updatedBy?: string };
      await adminApi.updateIndicator(id, { ...rest, version, ...(disabled ? {} : { disabled: true }) });
      message.success(disabled ? '已启用' : '已停用');
      list.reload();
    } catch (e) {
      message.error(toProblem(e).message);
    }
  };

  const level2Options = (LEVEL2_BY_LEVEL1[editing?.level1 ?? ''] ?? []).map((v) => ({
    value: v,
    label: LEVEL2_LABELS[v] ?? v,
  }));
  return (
    <div>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          县级预算绩效指标库
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label="一级指标筛选"
            allowClear
            placeholder="一级指标"
            style={{ width: 160 }}
            value={level1}
            onChange={setLevel1}
            options={Object.entries(LEVEL1_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Checkbox checked={showDisabled} onChange={(e) => setShowDisabled(e.target.checked)}>
            显示已停用
          </Checkbox>
          <IndicatorImport onImported={list.reload} />
          <Button type="primary" onClick={() => setEditing({ operator: 'gte', forms: [], yearsText: '' })}>
            新增指标
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">
        绩效评价服务股每年初会同各业务股室选定重点建设的指标（第十八条）。指标不删除，停用后不再供填报选用，已使用它的表格不受影响。
      </Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon title={toProblem(list.error).message} /> : null}
      <Table<Indicator>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '一级指标', dataIndex: 'level1', render: (v: string) => LEVEL1_LABELS[v] ?? v },
          { title: '二级指标', dataIndex: 'level2', render: (v: string) => LEVEL2_LABELS[v] ?? v },
          { title: '三级指标', dataIndex: 'name' },
          { title: '符号', dataIndex: 'operator', render: (v?: string) => (v ? (OPERATOR_LABELS[v] ?? v) : '') },
          { title: '单位', dataIndex: 'unit' },
          { title: '指标解释', dataIndex: 'content', ellipsis: true },
          { title: '适用年度', dataIndex: 'years', render: (y: number[]) => (y.length ? y.join('、') : '全部') },
          enabledColumn<Indicator>(),
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, i) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ ...i, yearsText: i.years.join(', ') })}>
                  编辑
                </Button>
                <Button size="small" danger={!i.disabled} onClick={() => void toggle(i)}>
                  {i.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <EditModal editor={editor} title={editing?.id ? '编辑指标' : '新增指标'} width={640}>
        {(draft) => (
          <>
            <Space style={{ width: '100%' }} align="start">
              <Form.Item label="一级指标" {...fieldProblem(problem, 'level1')}>
                <Select
                  style={{ width: 160 }}
                  value={draft.level1}
                  onChange={(v) => setEditing({ ...draft, level1: v, level2: undefined })}
                  options={Object.entries(LEVEL1_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item label="二级指标" {...fieldProblem(problem, 'level2')}>
                <Select
                  style={{ width: 200 }}
                  value={draft.level2}
                  onChange={(v) => setEditing({ ...draft, level2: v })}
                  options={level2Options}
                />
              </Form.Item>
              <Form.Item label="计算符号">
                <Select
                  style={{ width: 100 }}
                  value={draft.operator}
                  onChange={(v) => setEditing({ ...draft, operator: v })}
                  options={Object.entries(OPERATOR_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Space>
            <Form.Item label="三级指标名称" {...fieldProblem(problem, 'name')}>
              <Input value={draft.name} onChange={(e) => setEditing({ ...draft, name: e.target.value })} />
            </Form.Item>
            <Form.Item label="计量单位" {...fieldProblem(problem, 'unit')}>
              <Input value={draft.unit} onChange={(e) => setEditing({ ...draft, unit: e.target.value })} />
            </Form.Item>
            <Form.Item label="指标解释（定义与计算方法）" {...fieldProblem(problem, 'content')}>
              <Input.TextArea
                rows={3}
                value={draft.content}
                onChange={(e) => setEditing({ ...draft, content: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="评（扣）分标准">
              <Input.TextArea
                rows={2}
                value={draft.scoringStandard}
                onChange={(e) => setEditing({ ...draft, scoringStandard: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="适用表单（不选为全部）" {...fieldProblem(problem, 'forms')}>
              <Select
                mode="multiple"
                value={draft.forms}
                onChange={(v) => setEditing({ ...draft, forms: v })}
                options={(forms.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
              />
            </Form.Item>
            <Form.Item label="适用年度（逗号分隔，不填为全部）" {...fieldProblem(problem, 'years')}>
              <Input
                value={draft.yearsText}
                onChange={(e) => setEditing({ ...draft, yearsText: e.target.value })}
                placeholder="如 2026, 2027"
              />
            </Form.Item>
            <Form.Item label="停用">
              <Switch checked={Boolean(draft.disabled)} onChange={(v) => setEditing({ ...draft, disabled: v })} />
            </Form.Item>
          </>
        )}
      </EditModal>
    </div>
  );
}

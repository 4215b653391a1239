import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import type { Indicator } from './admin-api';
import { LEVEL1_LABELS } from './admin-api';
import { CardMoves } from './card-moves';
import {
  COLUMN_TYPES,
  type DesignField,
  FIELD_TYPE_LABELS,
  type FieldType,
  keyFromLabel,
  newUid,
} from './design-model';

export interface FieldEditorProps {
  field: DesignField;
  /** Full path of the field in the data, e.g. /basic/budget (shown so expressions can name it). */
  path: string;
  index: number;
  count: number;
  problem?: string;
  serverErrors?: string[];
  computedResult?: { value?: unknown; error?: string };
  indicators: Indicator[];
  /** Keys taken in the same group (for generating a unique key). */
  takenKeys: ReadonlySet<string>;
  keyEdited: boolean;
  onChange(next: DesignField, keyEdited?: boolean): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

const numberOrUndefined = (v: number | string | null) => (v === null || v === '' ? undefined : Number(v));

function OptionsEditor({ field, onChange }: { field: DesignField; onChange(f: DesignField): void }) {
  const options = field.options ?? [];
  const set = (next: typeof options) => onChange({ ...field, options: next });
  return (
    <div>
      <Typography.Text type="secondary">选项（值 / 显示文字）</Typography.Text>
      {options.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: options have no identity besides their position
        <Space key={i} style={{ display: 'flex', marginTop: 4 }}>
          <Input
            aria-label="选项值"
            placeholder="值"
            value={o.value}
            onChange={(e) => set(options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
          />
          <Input
            aria-label="选项文字"
            placeholder="显示文字"
            value={o.label}
            onChange={(e) => set(options.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
          />
          <Button
            aria-label="删除选项"
            icon={<DeleteOutlined />}
            onClick={() => set(options.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        style={{ marginTop: 4 }}
        onClick={() => set([...options, { value: `option${options.length + 1}`, label: `选项${options.length + 1}` }])}
      >
        添加选项
      </Button>
    </div>
  );
}

function ColumnsEditor({ field, onChange }: { field: DesignField; onChange(f: DesignField): void }) {
  const columns = field.columns ?? [];
  const set = (next: DesignField[]) => onChange({ ...field, columns: next });
  return (
    <div>
      <Typography.Text type="secondary">表格的列</Typography.Text>
      {columns.map((c, i) => (
        <Space key={c.uid} style={{ display: 'flex', marginTop: 4 }} wrap>
          <Input
            aria-label="列标题"
            placeholder="列标题"
            value={c.label}
            onChange={(e) => {
              const taken = new Set(columns.filter((x) => x.uid !== c.uid).map((x) => x.key));
              set(
                columns.map((x) =>
                  x.uid === c.uid ? { ...x, label: e.target.value, key: keyFromLabel(e.target.value, taken) } : x,
                ),
              );
            }}
          />
          <Input
            aria-label="列键"
            placeholder="键"
            value={c.key}
            style={{ width: 140 }}
            onChange={(e) => set(columns.map((x) => (x.uid === c.uid ? { ...x, key: e.target.value } : x)))}
          />
          <Select
            aria-label="列类型"
            value={c.type}
            style={{ width: 130 }}
            options={COLUMN_TYPES.filter((t) => t !== 'choice').map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))}
            onChange={(t: FieldType) => set(columns.map((x) => (x.uid === c.uid ? { ...x, type: t } : x)))}
          />
          <Checkbox
            checked={Boolean(c.required)}
            onChange={(e) => set(columns.map((x) => (x.uid === c.uid ? { ...x, required: e.target.checked } : x)))}
          >
            必填
          </Checkbox>
          <Button
            aria-label="删除列"
            icon={<DeleteOutlined />}
            onClick={() => set(columns.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        style={{ marginTop: 4 }}
        onClick={() =>
          set([
            ...columns,
            { uid: newUid(), type: 'text', label: `第${columns.length + 1}列`, key: `col${columns.length + 1}` },
          ])
        }
      >
        添加列
      </Button>
    </div>
  );
}

/** One field of the form designer: label, key, required, and the settings of its type. */
export function FieldEditor(props: FieldEditorProps) {
  const {
    field,
    path,
    index,
    count,
    problem,
    serverErrors,
    computedResult,
    indicators,
    takenKeys,
    keyEdited,
    onChange,
    onMove,
    onRemove,
  } = props;
  const set = (patch: Partial<DesignField>) => onChange({ ...field, ...patch });
  const isText = ['text', 'textarea'].includes(field.type);
  const isNumber = ['number', 'percent'].includes(field.type);
  const isArray = ['table', 'indicatorTable', 'attachment'].includes(field.type);
  const canCompute = ['text', 'number', 'percent', 'money'].includes(field.type);
  const section = field.type === 'section';
  return (
    <Card
      size="small"
      data-testid="field-card"
      data-field-key={field.key}
      style={{
        marginBottom: 8,
        borderColor: problem || serverErrors?.length ? '#ff4d4f' : section ? '#1677ff' : undefined,
        background: section ? '#f0f5ff' : undefined,
      }}
      title={
        <Space>
          <Tag color={section ? 'blue' : 'default'}>{FIELD_TYPE_LABELS[field.type]}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {path}
          </Typography.Text>
        </Space>
      }
      extra={<CardMoves index={index} count={count} onMove={onMove} onRemove={onRemove} removeLabel="删除字段" />}
    >
      <Row gutter={8}>
        <Col span={10}>
          <Input
            aria-label="字段标题"
            addonBefore={section ? '分节标题' : '标题'}
            value={field.label}
            onChange={(e) => {
              const label = e.target.value;
              onChange({ ...field, label, key: keyEdited ? field.key : keyFromLabel(label, takenKeys) }, keyEdited);
            }}
          />
        </Col>
        <Col span={9}>
          <Input
            aria-label="字段键"
            addonBefore="键"
            value={field.key}
            onChange={(e) => onChange({ ...field, key: e.target.value.trim() }, true)}
          />
        </Col>
        <Col span={5}>
          {section ? null : (
            <Checkbox
              checked={Boolean(field.required)}
              disabled={Boolean(field.expr)}
              onChange={(e) => set({ required: e.target.checked })}
            >
              必填
            </Checkbox>
          )}
        </Col>
      </Row>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={24}>
          <Input
            aria-label="帮助说明"
            addonBefore={section ? '说明' : '帮助'}
            placeholder="显示在字段下方的说明文字（纯文本）"
            value={field.help ?? ''}
            onChange={(e) => set({ help: e.target.value || undefined })}
          />
        </Col>
      </Row>
      {isText ? (
        <Row gutter={8} style={{ marginTop: 8 }}>
          <Col span={6}>
            <InputNumber
              aria-label="最短"
              placeholder="最短"
              min={0}
              style={{ width: '100%' }}
              value={field.minLength ?? null}
              onChange={(v) => set({ minLength: numberOrUndefined(v) })}
            />
          </Col>
          <Col span={6}>
            <InputNumber
              aria-label="最长"
              placeholder="最长"
              min={1}
              style={{ width: '100%' }}
              value={field.maxLength ?? null}
              onChange={(v) => set({ maxLength: numberOrUndefined(v) })}
            />
          </Col>
          <Col span={12}>
            <Input
              aria-label="格式（正则）"
              placeholder="格式（正则表达式，如 ^[0-9-]{7,20}$）"
              value={field.pattern ?? ''}
              onChange={(e) => set({ pattern: e.target.value || undefined })}
            />
          </Col>
        </Row>
      ) : null}
      {isNumber || isArray ? (
        <Row gutter={8} style={{ marginTop: 8 }}>
          <Col span={8}>
            <InputNumber
              aria-label={field.type === 'attachment' ? '最少文件数' : isArray ? '最少行数' : '最小值'}
              placeholder={field.type === 'attachment' ? '最少文件数' : isArray ? '最少行数' : '最小值'}
              style={{ width: '100%' }}
              value={field.min ?? null}
              onChange={(v) => set({ min: numberOrUndefined(v) })}
            />
          </Col>
          <Col span={8}>
            <InputNumber
              aria-label={field.type === 'attachment' ? '最多文件数' : isArray ? '最多行数' : '最大值'}
              placeholder={field.type === 'attachment' ? '最多文件数' : isArray ? '最多行数' : '最大值'}
              style={{ width: '100%' }}
              value={field.max ?? null}
              onChange={(v) => set({ max: numberOrUndefined(v) })}
            />
          </Col>
        </Row>
      ) : null}
      {!section && !isArray && !field.expr ? (
        <Row style={{ marginTop: 8 }}>
          <Col span={24}>
            {field.type === 'boolean' ? (
              <Select
                aria-label="默认值"
                placeholder="默认值"
                allowClear
                style={{ width: 200 }}
                value={field.defaultValue || undefined}
                options={[
                  { value: 'true', label: '是' },
                  { value: 'false', label: '否' },
                ]}
                onChange={(v) => set({ defaultValue: v })}
              />
            ) : (
              <Input
                aria-label="默认值"
                addonBefore="默认值"
                value={field.defaultValue ?? ''}
                onChange={(e) => set({ defaultValue: e.target.value || undefined })}
              />
            )}
          </Col>
        </Row>
      ) : null}
      {field.type === 'choice' ? (
        <div style={{ marginTop: 8 }}>
          <OptionsEditor field={field} onChange={onChange} />
        </div>
      ) : null}
      {field.type === 'table' ? (
        <div style={{ marginTop: 8 }}>
          <ColumnsEditor field={field} onChange={onChange} />
        </div>
      ) : null}
      {field.type === 'indicatorTable' ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">从指标库选取预置指标（填报人可在此基础上增删）</Typography.Text>
          <Select
            aria-label="预置指标"
            mode="multiple"
            style={{ width: '100%' }}
            placeholder="选择指标库中的指标"
            optionFilterProp="label"
            value={(field.presetRows ?? []).map((r) => String(r.indicatorId))}
            options={indicators.map((i) => ({
              value: i.id,
              label: `${LEVEL1_LABELS[i.level1] ?? i.level1} / ${i.name}`,
            }))}
            onChange={(ids: string[]) =>
              set({
                presetRows: ids
                  .map(
                    (id) =>
                      indicators.find((i) => i.id === id) ?? (field.presetRows ?? []).find((r) => r.indicatorId === id),
                  )
                  .filter(Boolean)
                  .map((i) => {
                    const ind = i as Record<string, unknown>;
                    return {
                      indicatorId: (ind.indicatorId ?? ind.id) as string,
                      level1: ind.level1,
                      level2: ind.level2,
                      name: ind.name,
                      operator: ind.operator ?? 'gte',
                      ...(ind.unit ? { unit: ind.unit } : {}),
                      ...(ind.content ? { content: ind.content } : {}),
                    };
                  }),
              })
            }
          />
        </div>
      ) : null}
      {canCompute ? (
        <div style={{ marginTop: 8 }}>
          <Input
            aria-label="计算公式"
            addonBefore="计算公式"
            placeholder="JSONata，例如 $executionRate(executed, budget)；留空则由填报人填写"
            value={field.expr ?? ''}
            onChange={(e) => set({ expr: e.target.value || undefined, ...(e.target.value ? { required: false } : {}) })}
          />
          {field.expr ? (
            <div data-testid="computed-result" style={{ marginTop: 4, fontSize: 12 }}>
              {computedResult?.error ? (
                <Typography.Text type="danger">公式错误：{computedResult.error}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">
                  按示例数据计算结果：
                  <Typography.Text code>
                    {computedResult ? JSON.stringify(computedResult.value ?? null) : '…'}
                  </Typography.Text>
                </Typography.Text>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
      {problem ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={problem} /> : null}
      {serverErrors?.length ? (
        <Alert style={{ marginTop: 8 }} type="error" showIcon title={serverErrors.join('；')} />
      ) : null}
    </Card>
  );
}

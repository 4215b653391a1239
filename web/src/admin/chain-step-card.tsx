import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Assignee, ChainStep } from './admin-api';
import { CardMoves } from './card-moves';

const BASIS = [
  '第八条',
  '第九条',
  '第十三条',
  '第十四条',
  '第十五条',
  '第十六条',
  '第十七条',
  '第十八条',
  '第十九条',
  '第二十条',
  '第二十一条',
  '第二十二条',
  '第二十三条',
  '第二十四条',
  '第二十五条',
  '第二十七条',
  '第二十九条',
  '第三十条',
];
const ACTION_OPTIONS = [
  { value: 'approve', label: '通过' },
  { value: 'return', label: '退回' },
  { value: 'reject', label: '不予通过' },
];

/** 转交: any 局机关 unit (absent), only the listed units, or none ([]). The designer keeps the choice apart. */
export type TransferMode = 'any' | 'some' | 'none';

/** A step being designed: a designer-only id and the 转交 choice beside the chain step. */
export interface EditStep extends ChainStep {
  uid: string;
  transferMode?: TransferMode;
  transferTo?: string[];
}

export function transferModeOf(transferTo: string[] | undefined): TransferMode {
  if (transferTo === undefined) return 'any';
  return transferTo.length ? 'some' : 'none';
}

type UnitOptions = { value: string; label: string }[];

/** Where an open step may be transferred (misrouted 归口): anywhere, only to listed units, or nowhere. */
function TransferSetting({
  s,
  unitOptions,
  patch,
}: {
  s: EditStep;
  unitOptions: UnitOptions;
  patch(p: Partial<EditStep>): void;
}) {
  const mode = s.transferMode ?? transferModeOf(s.transferTo);
  return (
    <div data-testid="step-transfer" style={{ marginTop: 8 }}>
      <Space wrap>
        <Typography.Text type="secondary">转交：</Typography.Text>
        <Radio.Group
          aria-label="转交"
          value={mode}
          onChange={(e) =>
            patch({
              transferMode: e.target.value,
              transferTo: e.target.value === 'some' ? (s.transferTo ?? []) : undefined,
            })
          }
        >
          <Radio value="any">可转交给任一股室</Radio>
          <Radio value="some">只能转交给指定单位</Radio>
          <Radio value="none">不允许转交</Radio>
        </Radio.Group>
        {mode === 'some' ? (
          <div data-testid="transfer-units">
            <Select
              aria-label="允许转交的单位"
              mode="multiple"
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 260 }}
              placeholder="选择允许转交的单位"
              value={s.transferTo ?? []}
              options={unitOptions}
              onChange={(ids: string[]) => patch({ transferTo: ids })}
            />
          </div>
        ) : null}
      </Space>
    </div>
  );
}

/** One step of the chain designer: name, 规程依据, assignees (会签/或签), actions, score, 退回, 转交, condition. */
export function ChainStepCard({
  s,
  i,
  steps,
  errors,
  unitOptions,
  patch,
  onMove,
  onRemove,
}: {
  s: EditStep;
  i: number;
  steps: EditStep[];
  errors: string[];
  unitOptions: UnitOptions;
  patch(p: Partial<EditStep>): void;
  onMove(d: -1 | 1): void;
  onRemove(): void;
}) {
  const list = Array.isArray(s.assignee) ? s.assignee : [s.assignee];
  const setList = (next: Assignee[]) => patch({ assignee: next.length === 1 ? next[0] : next });
  const notify = s.kind === 'notify';
  return (
    <Card
      size="small"
      data-testid="step-card"
      style={{
        marginBottom: 8,
        borderColor: errors.length ? '#ff4d4f' : undefined,
        borderStyle: s.when ? 'dashed' : 'solid',
      }}
      title={
        <Space>
          <Tag>{`第 ${i + 1} 步`}</Tag>
          {notify ? <Tag color="warning">抄送</Tag> : <Tag color="blue">审核</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.id}
          </Typography.Text>
        </Space>
      }
      extra={
        <CardMoves index={i} count={steps.length} onMove={onMove} onRemove={onRemove} removeLabel="删除步骤" keepLast />
      }
    >
      <Row gutter={[8, 8]}>
        <Col xs={24} md={8}>
          <Input
            aria-label="步骤名称"
            addonBefore="名称"
            value={s.name}
            onChange={(e) => patch({ name: e.target.value })}
          />
        </Col>
        <Col xs={24} md={6}>
          <div data-testid="step-basis">
            <AutoComplete
              aria-label="规程依据"
              style={{ width: '100%' }}
              placeholder="规程依据，如 第二十一条"
              value={s.basis}
              options={BASIS.map((b) => ({ value: b }))}
              onChange={(v: string) => patch({ basis: v })}
            />
          </div>
        </Col>
        <Col xs={24} md={5}>
          <Radio.Group
            value={notify ? 'notify' : 'review'}
            onChange={(e) => patch({ kind: e.target.value === 'notify' ? 'notify' : undefined })}
          >
            <Radio value="review">审核</Radio>
            <Radio value="notify">抄送</Radio>
          </Radio.Group>
        </Col>
        <Col xs={24} md={5}>
          <InputNumber
            aria-label="办理期限"
            disabled={notify}
            min={1}
            max={365}
            placeholder="期限"
            suffix="工作日"
            style={{ width: '100%' }}
            value={s.dueInWorkingDays ?? null}
            onChange={(v) => patch({ dueInWorkingDays: typeof v === 'number' ? v : undefined })}
          />
        </Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">办理单位：</Typography.Text>
        {list.map((a, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: assignees are positional
          <Space key={j} wrap style={{ display: 'flex', marginTop: 4 }}>
            <div data-testid="assignee-type">
              <Select
                aria-label="办理人类型"
                style={{ width: 170 }}
                value={a.type}
                options={[
                  { value: 'managingSection', label: '归口业务股室' },
                  { value: 'unit', label: '指定单位' },
                  { value: 'submitterUnit', label: '填报单位' },
                  { value: 'subjectUnit', label: '被评价（检查）单位' },
                ]}
                onChange={(t: Assignee['type']) =>
                  setList(
                    list.map((x, k) =>
                      k === j ? (t === 'unit' ? { type: 'unit', unitId: '' } : { type: t }) : x,
                    ) as Assignee[],
                  )
                }
              />
            </div>
            {a.type === 'unit' ? (
              <div data-testid="assignee-unit">
                <Select
                  aria-label="办理单位"
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 220 }}
                  placeholder="选择单位"
                  value={a.unitId || undefined}
                  options={unitOptions}
                  onChange={(id: string) =>
                    setList(list.map((x, k) => (k === j ? { type: 'unit', unitId: id } : x)) as Assignee[])
                  }
                />
              </div>
            ) : null}
            {list.length > 1 ? (
              <Button
                aria-label="移除办理单位"
                icon={<DeleteOutlined />}
                onClick={() => setList(list.filter((_, k) => k !== j))}
              />
            ) : null}
          </Space>
        ))}
        <Space wrap style={{ marginTop: 4 }}>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setList([...list, { type: 'unit', unitId: '' }])}>
            增加办理单位
          </Button>
          {list.length > 1 ? (
            <Radio.Group value={s.mode} onChange={(e) => patch({ mode: e.target.value })}>
              <Radio value="all">会签（全部通过）</Radio>
              <Radio value="any">或签（任一通过）</Radio>
            </Radio.Group>
          ) : null}
        </Space>
      </div>
      {notify ? null : (
        <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
          <Col xs={24} md={8}>
            <Checkbox.Group
              aria-label="可用操作"
              options={ACTION_OPTIONS}
              value={s.actions}
              onChange={(v) => patch({ actions: v as ChainStep['actions'] })}
            />
          </Col>
          <Col xs={24} md={8}>
            <Space>
              <Checkbox
                checked={Boolean(s.score)}
                onChange={(e) => patch({ score: e.target.checked ? { min: 0, max: 100 } : undefined })}
              >
                评分
              </Checkbox>
              {s.score ? (
                <>
                  <InputNumber
                    aria-label="最低分"
                    size="small"
                    style={{ width: 70 }}
                    value={s.score.min}
                    onChange={(v) =>
                      patch({
                        score: { ...(s.score as NonNullable<ChainStep['score']>), min: Number(v ?? 0) },
                      })
                    }
                  />
                  <InputNumber
                    aria-label="最高分"
                    size="small"
                    style={{ width: 70 }}
                    value={s.score.max}
                    onChange={(v) =>
                      patch({
                        score: { ...(s.score as NonNullable<ChainStep['score']>), max: Number(v ?? 0) },
                      })
                    }
                  />
                  <Checkbox
                    checked={Boolean(s.score.required)}
                    onChange={(e) =>
                      patch({
                        score: { ...(s.score as NonNullable<ChainStep['score']>), required: e.target.checked },
                      })
                    }
                  >
                    必须评分
                  </Checkbox>
                </>
              ) : null}
            </Space>
          </Col>
          <Col xs={24} md={8}>
            <Select
              aria-label="退回到"
              style={{ width: '100%' }}
              value={s.returnTo ?? 'submitter'}
              options={[
                { value: 'submitter', label: '退回到：填报单位' },
                ...steps
                  .slice(0, i)
                  .filter((p) => p.kind !== 'notify')
                  .map((p) => ({ value: p.id, label: `退回到：${p.name || p.id}` })),
              ]}
              onChange={(v: string) => patch({ returnTo: v })}
            />
          </Col>
        </Row>
      )}
      {notify || list.every((a) => a.type === 'submitterUnit') ? null : (
        <TransferSetting s={s} unitOptions={unitOptions} patch={patch} />
      )}
      <Row style={{ marginTop: 8 }}>
        <Col xs={24} md={24}>
          <Input
            aria-label="条件"
            addonBefore="条件（可选）"
            placeholder='JSONata，为真时才经过此步，例如 data.fundType = "procurement"'
            value={s.when ?? ''}
            onChange={(e) => patch({ when: e.target.value || undefined })}
          />
        </Col>
      </Row>
      {errors.length ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={errors.join('；')} /> : null}
    </Card>
  );
}

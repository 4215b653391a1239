/**
 * The 县级预算绩效指标库 (第十八条) while filling: a button in the 三级指标 cell opens a searchable list
 * of the library's indicators (by name, narrowed by 一级/二级指标, starting from the row's own levels).
 * Picking one fills the row's name, 计量单位 and 计算符号 (and its levels); typing a name freely stays
 * possible, the library only suggests.
 */
import { BookOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { memo, useEffect, useId, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { ListPage } from '../api/types';
import './indicator-grid.css';
import {
  type HierarchyVariant,
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  level1Options,
  level2Options,
  OPERATOR_LABELS,
} from './indicator-hierarchy';

/** One indicator of GET /api/indicators. */
export interface LibraryIndicator {
  id: string;
  level1: string;
  level2: string;
  name: string;
  unit?: string;
  operator?: string;
  content?: string;
  scoringStandard?: string;
}

let libraryPromise: Promise<LibraryIndicator[]> | null = null;

/** The library, read once per page (it changes only when an admin edits it). */
export function loadIndicatorLibrary(): Promise<LibraryIndicator[]> {
  libraryPromise ??= api<ListPage<LibraryIndicator>>('GET', '/api/indicators')
    .then((r) => r.items)
    .catch((e) => {
      libraryPromise = null;
      throw e;
    });
  return libraryPromise;
}

/** Forgets the cached library (tests; after an admin changed it in the same page). */
export function resetIndicatorLibrary(): void {
  libraryPromise = null;
}

/** Indicators of the variant's hierarchy matching the search text and the chosen levels. */
export function filterIndicators(
  items: readonly LibraryIndicator[],
  variant: HierarchyVariant,
  filter: { text?: string; level1?: string; level2?: string },
): LibraryIndicator[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return items.filter(
    (i) =>
      level2Options(variant, i.level1).some((o) => o.value === i.level2) &&
      (!filter.level1 || i.level1 === filter.level1) &&
      (!filter.level2 || i.level2 === filter.level2) &&
      (!text || i.name.toLowerCase().includes(text)),
  );
}

export interface IndicatorPickerProps {
  /** Row index, for the accessible names (第N行). */
  index: number;
  level1?: string;
  level2?: string;
  variant: HierarchyVariant;
  onPick(index: number, indicator: LibraryIndicator): void;
}

/** The 指标库 button of one row and the dialog it opens. */
export const IndicatorPickerButton = memo(function IndicatorPickerButton(props: IndicatorPickerProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<BookOutlined />}
        aria-label={`第${props.index + 1}行 从指标库选择`}
        title="从指标库选择"
        style={{ paddingInline: 2 }}
        onClick={() => setOpen(true)}
      >
        指标库
      </Button>
      {open ? (
        <Modal
          open
          title={`从指标库选择（第${props.index + 1}行）`}
          footer={null}
          width={720}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          <IndicatorPickerPanel
            {...props}
            onPick={(index, indicator) => {
              setOpen(false);
              props.onPick(index, indicator);
            }}
          />
        </Modal>
      ) : null}
    </>
  );
});

/** Search box, 一级/二级 filters and the matching indicators with their explanation. */
export function IndicatorPickerPanel(props: IndicatorPickerProps) {
  const { index, variant, onPick } = props;
  const [items, setItems] = useState<LibraryIndicator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [level1, setLevel1] = useState<string | undefined>(props.level1);
  const [level2, setLevel2] = useState<string | undefined>(props.level2);
  const id = useId().replace(/:/g, '');

  useEffect(() => {
    let live = true;
    loadIndicatorLibrary()
      .then((list) => live && setItems(list))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const shown = useMemo(
    () => filterIndicators(items ?? [], variant, { text, level1, level2 }),
    [items, variant, text, level1, level2],
  );

  return (
    <div>
      <Typography.Paragraph type="secondary">
        选用后自动填入三级指标名称、计量单位和计算符号，指标值仍需填写；库中没有合适的指标时，可直接在表格中填写。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="按名称搜索指标"
          placeholder="输入指标名称"
          allowClear
          autoFocus
          maxLength={50}
          style={{ width: 220 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Select
          id={`${id}-level1`}
          aria-label="一级指标筛选"
          allowClear
          placeholder="全部一级指标"
          style={{ width: 160 }}
          value={level1}
          options={level1Options(variant)}
          onChange={(v) => {
            setLevel1(v);
            setLevel2(undefined);
          }}
        />
        <Select
          id={`${id}-level2`}
          aria-label="二级指标筛选"
          allowClear
          placeholder={level1 ? '全部二级指标' : '先选一级指标'}
          disabled={!level1}
          style={{ width: 180 }}
          value={level2}
          options={level2Options(variant, level1)}
          onChange={setLevel2}
        />
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      {/* Plain list markup drawn like antd's List (indicator-grid.css): the fill page does not load antd List. */}
      <div className="picker-list">
        {items === null && !error ? (
          <Spin style={{ display: 'block', padding: 16 }} />
        ) : shown.length ? (
          <ul>
            {shown.map((ind) => (
              <li key={ind.id} className="picker-item">
                <div className="picker-item-main">
                  <Space size={4} wrap>
                    <span>{ind.name}</span>
                    <Tag>{LEVEL1_LABELS[ind.level1] ?? ind.level1}</Tag>
                    <Tag>{LEVEL2_LABELS[ind.level2] ?? ind.level2}</Tag>
                    {ind.operator ? <Tag color="blue">{OPERATOR_LABELS[ind.operator] ?? ind.operator}</Tag> : null}
                    {ind.unit ? <Tag color="processing">{ind.unit}</Tag> : null}
                  </Space>
                  {ind.content ? <div className="picker-item-content">{ind.content}</div> : null}
                </div>
                <Button type="primary" size="small" aria-label={`选用 ${ind.name}`} onClick={() => onPick(index, ind)}>
                  选用
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <Empty description="指标库中没有符合条件的指标，可直接在表格中填写" />
        )}
      </div>
    </div>
  );
}

/**
 * The indicator table's cells. Each is memoized on its props (index, field, value, label, error and the
 * stable handler), so a keystroke re-renders only its own cell; typed text stays in the cell (see
 * buffered-edit.ts) until a short pause, blur or submit.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, InputNumber, Popconfirm, Select, Space, Tooltip } from 'antd';
import { type MouseEvent, memo, type ReactNode } from 'react';
import { commitPendingEdits, useBufferedValue } from './buffered-edit';
import { type Option, UNIT_SUGGESTIONS } from './indicator-hierarchy';

const FULL_WIDTH = { width: '100%' } as const;
const UNIT_OPTIONS = UNIT_SUGGESTIONS.map((u) => ({ value: u }));
const AUTOSIZE = { minRows: 1, maxRows: 3 } as const;
const unitFilter = (input: string, option?: { value?: unknown }) => String(option?.value ?? '').includes(input);

/**
 * Pressing a button must not take the focus from a cell being typed into: its blur would hand the text on
 * and remove that cell's error line between press and release, moving the button under the pointer, so
 * the click is lost. The button's handler hands the text on instead (commitPendingEdits).
 */
export const keepFocus = (e: MouseEvent) => e.preventDefault();

export function CellError({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <div className="indicator-cell-error" style={{ color: '#ff4d4f', fontSize: 12, lineHeight: '16px', marginTop: 2 }}>
      {messages.join('；')}
    </div>
  );
}

export function Cell({ error, children }: { error?: string[]; children: ReactNode }) {
  return (
    <div>
      {children}
      <CellError messages={error} />
    </div>
  );
}

export function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function numberOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Sets one field of one row (stable across renders: cells are memoized on their props). */
export type SetField = (index: number, field: string, value: unknown) => void;

export interface CellProps {
  index: number;
  field: string;
  label: string;
  error?: string[];
  onField: SetField;
}

/** Text typed into a cell stays in the cell and reaches the table after a short pause, on blur or on submit. */
export const TextCell = memo(function TextCell(
  props: CellProps & { value: string; maxLength: number; placeholder?: string; multiline?: boolean },
) {
  const { index, field, label, error, onField, value, maxLength, placeholder, multiline } = props;
  const text = useBufferedValue(value, (v) => onField(index, field, v));
  const status = error ? 'error' : undefined;
  return (
    <Cell error={error}>
      {multiline ? (
        <Input.TextArea
          aria-label={label}
          autoSize={AUTOSIZE}
          maxLength={maxLength}
          value={text.value}
          status={status}
          onChange={(e) => text.change(e.target.value)}
          onBlur={text.flush}
        />
      ) : (
        <Input
          aria-label={label}
          value={text.value}
          maxLength={maxLength}
          placeholder={placeholder}
          status={status}
          onChange={(e) => text.change(e.target.value)}
          onBlur={text.flush}
        />
      )}
    </Cell>
  );
});

export const NumberCell = memo(function NumberCell(
  props: CellProps & { value: number | null; min?: number; max?: number },
) {
  const { index, field, label, error, onField, value, min, max } = props;
  const num = useBufferedValue<number | null>(value, (v) => onField(index, field, v ?? undefined));
  return (
    <Cell error={error}>
      <InputNumber
        aria-label={label}
        style={FULL_WIDTH}
        min={min}
        max={max}
        value={num.value}
        changeOnWheel={false}
        status={error ? 'error' : undefined}
        onChange={(v) => num.change(typeof v === 'number' ? v : null)}
        onBlur={num.flush}
      />
    </Cell>
  );
});

export const UnitCell = memo(function UnitCell(props: CellProps & { value: string }) {
  const { index, field, label, error, onField, value } = props;
  const text = useBufferedValue(value, (v) => onField(index, field, v));
  return (
    <Cell error={error}>
      <AutoComplete
        aria-label={label}
        style={FULL_WIDTH}
        value={text.value}
        options={UNIT_OPTIONS}
        filterOption={unitFilter}
        status={error ? 'error' : undefined}
        onChange={(v) => text.change(v)}
        onSelect={(v: string) => {
          text.change(v);
          text.flush();
        }}
        onBlur={text.flush}
      />
    </Cell>
  );
});

export const SelectCell = memo(function SelectCell(
  props: CellProps & {
    id: string;
    value?: string;
    options: Option[];
    placeholder?: string;
    disabled?: boolean;
    popupMatchSelectWidth?: boolean;
  },
) {
  const { index, field, label, error, onField, id, value, options, placeholder, disabled, popupMatchSelectWidth } =
    props;
  return (
    <Cell error={error}>
      <Select
        id={id}
        aria-label={label}
        style={FULL_WIDTH}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        options={options}
        popupMatchSelectWidth={popupMatchSelectWidth}
        status={error ? 'error' : undefined}
        onChange={(v) => onField(index, field, v)}
      />
    </Cell>
  );
});

export const OpsCell = memo(function OpsCell(props: {
  index: number;
  isLast: boolean;
  onMove(index: number, delta: -1 | 1): void;
  onRemove(index: number): void;
}) {
  const { index, isLast, onMove, onRemove } = props;
  const label = (what: string) => `第${index + 1}行 ${what}`;
  return (
    <Space size={0}>
      <Tooltip title="上移">
        <Button
          type="text"
          size="small"
          aria-label={label('上移')}
          title="上移"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onMouseDown={keepFocus}
          onClick={() => onMove(index, -1)}
        />
      </Tooltip>
      <Tooltip title="下移">
        <Button
          type="text"
          size="small"
          aria-label={label('下移')}
          title="下移"
          icon={<ArrowDownOutlined />}
          disabled={isLast}
          onMouseDown={keepFocus}
          onClick={() => onMove(index, 1)}
        />
      </Tooltip>
      <Popconfirm
        title={`删除第${index + 1}行指标？`}
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => onRemove(index)}
        // The text of a cell being typed into is handed on while the question opens, not under the pointer.
        onOpenChange={(open) => open && commitPendingEdits()}
      >
        <Button
          type="text"
          size="small"
          danger
          aria-label={label('删除')}
          title="删除"
          icon={<DeleteOutlined />}
          onMouseDown={keepFocus}
        />
      </Popconfirm>
    </Space>
  );
});

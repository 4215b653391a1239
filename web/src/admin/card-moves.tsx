import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';

/** 上移 / 下移 / 删除 in the corner of a designer card (a form field, a chain step). */
export function CardMoves(props: {
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** aria-label of the delete button, e.g. 删除字段. */
  removeLabel: string;
  /** The last remaining card may not be removed (a chain needs a step). */
  keepLast?: boolean;
}) {
  const { index, count, onMove, onRemove, removeLabel, keepLast } = props;
  return (
    <Space size={4}>
      <Button
        size="small"
        aria-label="上移"
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      />
      <Button
        size="small"
        aria-label="下移"
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      />
      <Button
        size="small"
        danger
        aria-label={removeLabel}
        icon={<DeleteOutlined />}
        disabled={keepLast && count === 1}
        onClick={onRemove}
      />
    </Space>
  );
}

/**
 * The narrow-screen form of a list (below 768 px): one card per row. Its own chunk, loaded only on a
 * narrow screen, so the desktop lists (and the first load of the inbox) do not carry Card and its Tabs.
 */
import { Card, List } from 'antd';
import type { ReactNode } from 'react';
import type { RowCard } from './paged-list';

export default function RowCards<T>(props: {
  data: T[];
  loading: boolean;
  rowKey(row: T): string;
  card(row: T): RowCard;
  emptyText?: ReactNode;
}) {
  const { data, loading, rowKey, card, emptyText } = props;
  return (
    <List<T>
      data-testid="list-cards"
      loading={loading}
      dataSource={data}
      rowKey={rowKey}
      locale={emptyText ? { emptyText } : undefined}
      renderItem={(row) => {
        const c = card(row);
        return (
          <List.Item style={{ paddingBlock: 6, borderBlockEnd: 0 }}>
            <Card
              size="small"
              className={c.className}
              title={c.title}
              extra={c.extra}
              actions={c.actions}
              style={{ width: '100%', minWidth: 0 }}
              styles={{ title: { whiteSpace: 'normal' } }}
            >
              {c.lines.map(([label, value]) => (
                <div key={label} style={{ display: 'flex', gap: 8, lineHeight: '24px', minWidth: 0 }}>
                  <span style={{ color: 'rgba(0,0,0,0.45)', flex: 'none' }}>{label}</span>
                  <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{value}</span>
                </div>
              ))}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}

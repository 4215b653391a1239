import { Table, Tag } from 'antd';
import type { DiffEntry } from '../lib/diff';

const KIND: Record<DiffEntry['kind'], { text: string; color: string }> = {
  changed: { text: '修改', color: 'blue' },
  added: { text: '新增', color: 'success' },
  removed: { text: '删除', color: 'red' },
};

/** Table of field-level changes ("自上次退回以来的修改"). */
export function DiffView({ entries }: { entries: DiffEntry[] }) {
  return (
    <Table<DiffEntry>
      size="small"
      bordered
      rowKey={(e) => `${e.kind}:${e.path}`}
      dataSource={entries}
      pagination={entries.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: '与上次提交相比没有修改' }}
      columns={[
        {
          title: '类型',
          dataIndex: 'kind',
          width: 70,
          render: (k: DiffEntry['kind']) => <Tag color={KIND[k].color}>{KIND[k].text}</Tag>,
        },
        { title: '字段', dataIndex: 'label', width: 260 },
        {
          title: '修改前',
          dataIndex: 'before',
          render: (v?: string) => (
            <span className="diff-before" style={{ whiteSpace: 'pre-wrap' }}>
              {v ?? '—'}
            </span>
          ),
        },
        {
          title: '修改后',
          dataIndex: 'after',
          render: (v?: string) => (
            <span className="diff-after" style={{ whiteSpace: 'pre-wrap' }}>
              {v ?? '—'}
            </span>
          ),
        },
      ]}
    />
  );
}

/** The same changes as a list, for a narrow column or a phone: field, then before → after. */
export function DiffList({ entries, comments }: { entries: DiffEntry[]; comments?: Map<string, string[]> }) {
  if (!entries.length) return <div className="diff-list-empty">与上次提交相比没有修改</div>;
  return (
    <ol className="diff-list">
      {entries.map((e) => (
        <li key={`${e.kind}:${e.path}`}>
          <div>
            <Tag color={KIND[e.kind].color}>{KIND[e.kind].text}</Tag>
            <span className="diff-label">{e.label}</span>
          </div>
          {e.before !== undefined ? <div className="diff-before">{e.before}</div> : null}
          {e.after !== undefined ? <div className="diff-after">{e.after}</div> : null}
          {comments?.get(e.path)?.map((c) => (
            <div key={c} className="diff-comment">
              上轮批注：{c}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

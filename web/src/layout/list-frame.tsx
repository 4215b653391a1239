/**
 * The frame of a list page, whatever widgets draw it: the filter bar (keyword search, form filter, then the page's
 * own filters) and the list with its error above, cards on a narrow screen and 加载更多 below. The select and the
 * table are passed in: antd's in layout/paged-list.tsx, light ones in layout/light-list.tsx (the 待办 inbox).
 */
import { Alert, Button, Input, Spin } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useForms } from '../lib/reference-data';
import { type CursorList, type RowCard, useNarrow } from './list-state';

// Cards (antd Card pulls in Tabs) only on a narrow screen: the desktop lists load without them.
const RowCards = lazy(() => import('./row-cards')) as unknown as typeof import('./row-cards').default;

/** What a labelled, clearable filter of a list takes. */
export interface FilterSelectProps {
  label: string;
  ariaLabel: string;
  placeholder: string;
  width: number;
  value: string;
  onChange(value: string | undefined): void;
  options: { value: string; label: string }[];
}

export interface ListFiltersProps {
  formId: string;
  onFormId(value: string | undefined): void;
  keyword: string;
  onKeyword(value: string | undefined): void;
  keywordPlaceholder: string;
  children?: ReactNode;
}

/** The filter card above a list: the keyword search and the form filter come first. */
export function ListFiltersWith({
  Select,
  formId,
  onFormId,
  keyword,
  onKeyword,
  keywordPlaceholder,
  children,
}: ListFiltersProps & { Select: ComponentType<FilterSelectProps> }) {
  const forms = useForms();
  const [text, setText] = useState(keyword);
  useEffect(() => setText(keyword), [keyword]);
  return (
    <div className="filter-bar">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px', minWidth: 0 }}>
        <Input.Search
          aria-label="关键词搜索"
          placeholder={keywordPlaceholder}
          allowClear
          maxLength={50}
          style={{ width: 280, maxWidth: '100%' }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) onKeyword(undefined);
          }}
          onSearch={(v) => onKeyword(v.trim() || undefined)}
        />
        <Select
          label="表单"
          ariaLabel="按表单筛选"
          placeholder="全部表单"
          width={240}
          value={formId}
          onChange={onFormId}
          options={forms.map((f) => ({ value: f.id, label: f.title }))}
        />
        {children}
      </div>
    </div>
  );
}

/** The list (cards on a narrow screen, else `table`): its error above, 加载更多 below while the API has more. */
export function PagedFrame<T>({
  list,
  data,
  rowKey,
  card,
  emptyText,
  table,
}: {
  list: CursorList<T>;
  data: T[];
  rowKey(row: T, index: number): string;
  card?: (row: T) => RowCard;
  emptyText?: ReactNode;
  table: ReactNode;
}) {
  const narrow = useNarrow();
  return (
    <>
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {narrow && card ? (
        <Suspense fallback={<Spin />}>
          <RowCards<T>
            data={data}
            loading={list.loading}
            rowKey={(row) => rowKey(row, data.indexOf(row))}
            card={card}
            emptyText={emptyText}
          />
        </Suspense>
      ) : (
        table
      )}
      {list.cursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={list.loadMore} loading={list.loading}>
            加载更多
          </Button>
        </div>
      ) : null}
    </>
  );
}

import { createContext, useContext, useMemo } from 'react';
import { AttachmentList, useAttachmentMeta } from '../attachments/attachment-list';
import type { Schema } from '../lib/schema';
import type { CommentTarget } from '../review/field-comments';
import type { Ui } from './format';
import { type ReadBlock, type ReadField, type ReadTable, readDocument } from './read-model';
import { ReadTableElement } from './read-table';
import './document.css';

/** The reviewer's 批注 buttons (review page only): a field's key and a table row's id are the targets. */
const CommentContext = createContext<((target: CommentTarget) => void) | undefined>(undefined);

function CommentButton({ target }: { target: CommentTarget }) {
  const onComment = useContext(CommentContext);
  if (!onComment) return null;
  return (
    <button
      type="button"
      className="doc-comment-btn"
      aria-label={`批注：${target.label}`}
      onClick={() => onComment(target)}
    >
      批注
    </button>
  );
}

function AttachmentsView({ ids }: { ids: string[] }) {
  const meta = useAttachmentMeta(ids);
  return <AttachmentList ids={ids} meta={meta} />;
}

function Fields({ fields }: { fields: ReadField[] }) {
  return (
    <dl className="doc-grid">
      {fields.map((f) => (
        <div key={f.key} className={f.wide ? 'doc-field doc-field-wide' : 'doc-field'}>
          <dt>
            {f.label}
            <CommentButton target={{ path: f.key, label: f.label }} />
          </dt>
          <dd>{f.attachmentIds ? <AttachmentsView ids={f.attachmentIds} /> : f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ table, label = table.title ?? '' }: { table: ReadTable; label?: string }) {
  return (
    <>
      {table.title ? <div className="doc-table-title">{table.title}</div> : null}
      {/* Wide tables scroll inside their own box; the page never scrolls sideways. */}
      <div className="doc-table-scroll">
        <ReadTableElement
          table={table}
          className="doc-table"
          rowAction={(row, t) =>
            row.rowId ? (
              <CommentButton target={{ path: t.key, rowId: row.rowId, label: `${label} 第${Number(row.key) + 1}行` }} />
            ) : null
          }
        />
      </div>
    </>
  );
}

function Blocks({ blocks }: { blocks: ReadBlock[] }) {
  return (
    <>
      {blocks.map((b) => {
        if (b.kind === 'fields') return <Fields key={b.key} fields={b.fields} />;
        if (b.kind === 'table' && !b.title) return <Table key={b.key} table={b} />;
        const level = b.level ?? 2;
        const Heading = level <= 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
        if (b.kind === 'table')
          return (
            <section key={b.key} className={`doc-section doc-level-${Math.min(level, 4)}`}>
              <Heading>
                {b.title}
                <CommentButton target={{ path: b.key, label: b.title ?? '' }} />
              </Heading>
              <Table table={{ ...b, title: undefined }} label={b.title} />
            </section>
          );
        return (
          <section key={b.key} className={`doc-section doc-level-${Math.min(level, 4)}`}>
            <Heading>{b.title}</Heading>
            <Blocks blocks={b.children} />
          </section>
        );
      })}
    </>
  );
}

export interface DocumentViewProps {
  schema: Schema;
  uiSchema?: Record<string, unknown>;
  data: Record<string, unknown>;
  /** When given, every field and indicator row gets a 批注 button (review page). */
  onComment?: (target: CommentTarget) => void;
}

/** A submission read as a document: no inputs, no help texts, enums in Chinese, money formatted. */
export function DocumentView({ schema, uiSchema, data, onComment }: DocumentViewProps) {
  const blocks = useMemo(() => readDocument(data, schema, uiSchema as Ui), [data, schema, uiSchema]);
  return (
    <CommentContext.Provider value={onComment}>
      <div className="doc-view">
        {blocks.length ? <Blocks blocks={blocks} /> : <p className="doc-empty">尚未填写内容</p>}
      </div>
    </CommentContext.Provider>
  );
}

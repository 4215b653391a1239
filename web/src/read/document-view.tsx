import { useMemo } from 'react';
import { AttachmentList, useAttachmentMeta } from '../attachments/attachment-list';
import type { Schema } from '../lib/schema';
import type { Ui } from './format';
import { type ReadBlock, type ReadField, type ReadTable, readDocument } from './read-model';
import { ReadTableElement } from './read-table';
import './document.css';

function AttachmentsView({ ids }: { ids: string[] }) {
  const meta = useAttachmentMeta(ids);
  return <AttachmentList ids={ids} meta={meta} />;
}

function Fields({ fields }: { fields: ReadField[] }) {
  return (
    <dl className="doc-grid">
      {fields.map((f) => (
        <div key={f.key} className={f.wide ? 'doc-field doc-field-wide' : 'doc-field'}>
          <dt>{f.label}</dt>
          <dd>{f.attachmentIds ? <AttachmentsView ids={f.attachmentIds} /> : f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ table }: { table: ReadTable }) {
  return (
    <>
      {table.title ? <div className="doc-table-title">{table.title}</div> : null}
      {/* Wide tables scroll inside their own box; the page never scrolls sideways. */}
      <div className="doc-table-scroll">
        <ReadTableElement table={table} className="doc-table" />
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
              <Heading>{b.title}</Heading>
              <Table table={{ ...b, title: undefined }} />
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
}

/** A submission read as a document: no inputs, no help texts, enums in Chinese, money formatted. */
export function DocumentView({ schema, uiSchema, data }: DocumentViewProps) {
  const blocks = useMemo(() => readDocument(data, schema, uiSchema as Ui), [data, schema, uiSchema]);
  return (
    <div className="doc-view">
      {blocks.length ? <Blocks blocks={blocks} /> : <p className="doc-empty">尚未填写内容</p>}
    </div>
  );
}

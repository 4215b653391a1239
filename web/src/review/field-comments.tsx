import { Alert, Button, Input, Modal, Typography } from 'antd';
import { createContext, useContext, useState } from 'react';
import type { FieldComment } from '../api/types';
import { fieldElement, fieldLabel } from '../form/error-summary';
import { Panel } from '../layout/panel';
import type { DiffEntry } from '../lib/diff';
import type { Schema } from '../lib/schema';
import './field-comments.css';

/** A comment the reviewer pinned, with the Chinese place it names. */
export interface PinnedComment extends FieldComment {
  label: string;
}

/** Where a comment button points: a field (`path`) or an indicator row (`rowId` in the table at `path`). */
export interface CommentTarget {
  path: string;
  rowId?: string;
  label: string;
}

const rowIndex = (data: unknown, path: string, rowId: string): number => {
  let node: unknown = data;
  for (const seg of path.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[seg];
  return Array.isArray(node) ? node.findIndex((r) => (r as { indicatorId?: unknown })?.indicatorId === rowId) : -1;
};

/** The pointer a comment lands on in `data`: a row comment on its row's current index (or the table). */
export function commentPointer(c: FieldComment, data: unknown): string {
  if (c.rowId === undefined) return c.path;
  const i = rowIndex(data, c.path, c.rowId);
  return i >= 0 ? `${c.path}/${i}` : c.path;
}

/** 「年度绩效指标 · 第2行」 or 「项目名称」. */
export function commentLabel(schema: Schema, data: unknown, c: FieldComment): string {
  return fieldLabel(schema, commentPointer(c, data)) || c.path;
}

/** rjsf id of the field a comment shows beside (a row comment shows beside its table). */
const rjsfId = (path: string) =>
  [
    'root',
    ...path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
  ].join('_');

/** Comments of the last return by rjsf field id, for the field template. */
export const FieldCommentsContext = createContext<Map<string, string[]>>(new Map());

export function commentsByField(comments: FieldComment[], schema: Schema, data: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of comments) {
    const id = rjsfId(c.path);
    const text =
      c.rowId === undefined ? c.comment : `${commentLabel(schema, data, c).split(' · ').pop()}：${c.comment}`;
    out.set(id, [...(out.get(id) ?? []), text]);
  }
  return out;
}

/** The reviewer's comments beside a field of the form being corrected. */
export function FieldCommentNote({ id }: { id: string }) {
  const notes = useContext(FieldCommentsContext).get(id);
  if (!notes?.length) return null;
  return (
    <div className="field-comment-note" role="note" aria-label="审核批注">
      {notes.map((n) => (
        <div key={n}>审核批注：{n}</div>
      ))}
    </div>
  );
}

/** At the top of a returned form: every pinned comment, each a link to its field. */
export function ReturnedCommentsSummary({
  comments,
  schema,
  data,
}: {
  comments: FieldComment[];
  schema: Schema;
  data: unknown;
}) {
  if (!comments.length) return null;
  const go = (c: FieldComment) => {
    const el = fieldElement(commentPointer(c, data));
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el?.querySelector<HTMLElement>('input, textarea, [role="combobox"]')?.focus({ preventScroll: true });
  };
  return (
    <Alert
      type="warning"
      className="field-comments-summary"
      style={{ marginBottom: 12 }}
      title={`审核人对 ${comments.length} 处内容作了批注`}
      description={
        <ol style={{ margin: 0, paddingInlineStart: 18 }}>
          {comments.map((c) => (
            <li key={`${c.path}#${c.rowId ?? ''}#${c.comment}`}>
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => go(c)}>
                {commentLabel(schema, data, c)}
              </Button>
              ：{c.comment}
            </li>
          ))}
        </ol>
      }
    />
  );
}

/** The comments collected on the review page, sent with 退回. */
export function PinnedCommentsCard({
  comments,
  onRemove,
}: {
  comments: PinnedComment[];
  onRemove(index: number): void;
}) {
  if (!comments.length) return null;
  return (
    <Panel className="pinned-comments" title={`字段批注（${comments.length}，随退回发送）`}>
      <ol style={{ margin: 0, paddingInlineStart: 18 }}>
        {comments.map((c, i) => (
          <li key={`${c.path}#${c.rowId ?? ''}#${c.comment}`}>
            <Typography.Text strong>{c.label}</Typography.Text>：{c.comment}{' '}
            <Button type="link" size="small" danger onClick={() => onRemove(i)} aria-label={`删除批注：${c.label}`}>
              删除
            </Button>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** Asks for the text of one comment. */
export function CommentModal({
  target,
  onSave,
  onCancel,
}: {
  target: CommentTarget | null;
  onSave(comment: PinnedComment): void;
  onCancel(): void;
}) {
  const [text, setText] = useState('');
  const close = () => {
    setText('');
    onCancel();
  };
  return (
    <Modal
      open={target !== null}
      title={target ? `批注：${target.label}` : ''}
      okText="添加批注"
      cancelText="取消"
      okButtonProps={{ disabled: !text.trim() }}
      onOk={() => {
        if (!target || !text.trim()) return;
        onSave({ ...target, comment: text.trim() });
        setText('');
      }}
      onCancel={close}
      destroyOnHidden
    >
      <Input.TextArea
        aria-label="批注内容"
        rows={3}
        maxLength={500}
        showCount
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

/** Previous round's comments on each changed field (by diff entry path), and those on unchanged fields. */
export function commentsOnDiff(
  entries: DiffEntry[],
  comments: FieldComment[],
  data: unknown,
): { byEntry: Map<string, string[]>; untouched: FieldComment[] } {
  const byEntry = new Map<string, string[]>();
  const untouched: FieldComment[] = [];
  for (const c of comments) {
    const at = commentPointer(c, data);
    const hits = entries.filter((e) => e.path === at || e.path.startsWith(`${at}/`) || at.startsWith(`${e.path}/`));
    for (const e of hits) byEntry.set(e.path, [...(byEntry.get(e.path) ?? []), c.comment]);
    if (!hits.length) untouched.push(c);
  }
  return { byEntry, untouched };
}

/**
 * The edit-in-a-dialog pattern of the admin pages (单位, 用户, 节假日, 指标库): a draft, the server's
 * answer to a failed save shown in the dialog and on its fields, and the list reloaded after a save.
 */
import { Alert, App, Button, Form, Modal, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { type SaveProblem, toProblem } from './server-errors';

/** Form.Item props that show the server's messages for `name` (and anything below it). */
export function fieldProblem(problem: SaveProblem | null, name: string): { validateStatus?: 'error'; help?: string } {
  const list =
    problem?.details.filter((d) => d.path === `/${name}` || d.path.startsWith(`/${name}/`)).map((d) => d.message) ?? [];
  return list.length ? { validateStatus: 'error', help: list.join('；') } : {};
}

export interface Editor<D> {
  /** The draft being edited, null while the dialog is closed. */
  editing: D | null;
  /** Opens the dialog with a draft, or changes the draft. */
  setEditing(draft: D | null): void;
  problem: SaveProblem | null;
  busy: boolean;
  save(): Promise<void>;
  cancel(): void;
}

/** A draft saved through `persist`; on success the dialog closes, `saved` is announced and `reload` runs. */
export function useEditor<D>(
  persist: (draft: D) => Promise<unknown>,
  saved: string | ((draft: D) => string),
  reload: () => void,
): Editor<D> {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<D | null>(null);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!editing) return;
    setBusy(true);
    try {
      await persist(editing);
      message.success(typeof saved === 'string' ? saved : saved(editing));
      setEditing(null);
      setProblem(null);
      reload();
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    setEditing(null);
    setProblem(null);
  };
  return { editing, setEditing, problem, busy, save, cancel };
}

/** The dialog of an editor: 保存 / 取消, the failed save's message on top, the fields in a vertical form. */
export function EditModal<D>(props: {
  editor: Editor<D>;
  title: string;
  width?: number;
  /** List every detail of a failed save under its message (for fields without their own place). */
  listDetails?: boolean;
  children(draft: D): ReactNode;
}) {
  const { editor, title, width, listDetails, children } = props;
  const { problem } = editor;
  return (
    <Modal
      open={Boolean(editor.editing)}
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={editor.busy}
      onOk={() => void editor.save()}
      onCancel={editor.cancel}
      width={width}
      destroyOnHidden
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem.message}
          description={
            listDetails ? problem.details.map((d) => <div key={d.path + d.message}>{d.message}</div>) : undefined
          }
          style={{ marginBottom: 8 }}
        />
      ) : null}
      {editor.editing ? <Form layout="vertical">{children(editor.editing)}</Form> : null}
    </Modal>
  );
}

/** 启用 / 已停用. */
export function EnabledTag({ disabled }: { disabled?: boolean }) {
  return disabled ? <Tag>已停用</Tag> : <Tag color="success">启用</Tag>;
}

/** The 状态 column of a list of things that can be disabled. */
export function enabledColumn<T extends { disabled?: boolean }>() {
  return { title: '状态', dataIndex: 'disabled', render: (d: T['disabled']) => <EnabledTag disabled={d} /> };
}

/** The 操作 column with one small button that opens the row in the editor. */
export function editColumn<T>(onEdit: (row: T) => void, label = '编辑') {
  return {
    title: '操作',
    key: 'op',
    render: (_: unknown, row: T) => (
      <Button size="small" onClick={() => onEdit(row)}>
        {label}
      </Button>
    ),
  };
}

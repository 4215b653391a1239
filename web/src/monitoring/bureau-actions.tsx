import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';
import type { FormDefinition, Submission } from '../api/types';
import { useAuth } from '../auth';

type Kind = 'correction' | 'hold' | 'release';

const TEXT: Record<Kind, { button: string; title: string; label: string; ok: string }> = {
  correction: { button: '发出纠偏通知', title: '纠偏通知', label: '纠偏要求', ok: '发送' },
  hold: { button: '暂停拨付', title: '暂停拨付', label: '暂停拨付的原因', ok: '暂停拨付' },
  release: { button: '解除暂停拨付', title: '解除暂停拨付', label: '解除的原因', ok: '解除' },
};

/**
 * The bureau's actions on a document (第七、二十一、二十三条): a 纠偏通知 back to the unit on a submitted
 * monitoring report; 暂停拨付 / 解除 on an approved target. The server decides who may; the buttons show to reviewers.
 */
export function BureauActions(props: { submission: Submission; form: FormDefinition; onDone: () => void }) {
  const { submission, form, onDone } = props;
  const { me } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  if (!me?.roles.includes('reviewer')) return null;
  const kinds: Kind[] = [];
  if (form.family === 'monitoring' && submission.status !== 'draft') kinds.push('correction');
  if (form.family === 'target' && submission.status === 'approved')
    kinds.push(submission.paymentHold?.active ? 'release' : 'hold');
  if (!kinds.length) return null;

  const send = async () => {
    if (!open) return;
    setBusy(true);
    try {
      if (open === 'correction') await submissionsApi.correctionNotice(submission.id, text);
      else await submissionsApi.paymentHold(submission.id, open === 'hold', text);
      message.success(open === 'correction' ? '已发出纠偏通知' : open === 'hold' ? '已暂停拨付' : '已解除暂停拨付');
      setOpen(null);
      setText('');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {kinds.map((k) => (
        <Button key={k} danger={k === 'hold'} onClick={() => setOpen(k)}>
          {TEXT[k].button}
        </Button>
      ))}
      <Modal
        open={open !== null}
        title={open ? TEXT[open].title : ''}
        okText={open ? TEXT[open].ok : ''}
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: !text.trim() }}
        onOk={() => void send()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={open ? TEXT[open].label : ''} htmlFor="bureau-action-text" required>
            <Input.TextArea
              id="bureau-action-text"
              rows={4}
              maxLength={1000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

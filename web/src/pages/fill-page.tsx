import type CoreForm from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { Alert, App, Button, Col, Grid, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { computeFields, mergeComputed } from '../../../forms/lib/computed';
import { ApiError, errorMessage } from '../api/client';
import { definitionsApi, submissionsApi } from '../api/submissions-api';
import type { FieldError, FormDefinition, HistoryItem, Submission } from '../api/types';
import { SAVE_LABELS } from '../form/autosave';
import { commitPendingEdits } from '../form/buffered-edit';
import { ErrorSummary, goToField } from '../form/error-summary';
import { useFormContext } from '../form/form-context';
import { validateOnServer } from '../form/form-logic';
import { readLocalDraft } from '../form/local-draft';
import { pruneEmptyOptional } from '../form/prune-empty';
import { prepareUiSchema, toErrorSchema } from '../form/rjsf-setup';
import { checkSchema } from '../form/schema-check';
import { SchemaForm } from '../form/schema-form';
import { useAutosave } from '../form/use-autosave';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { Panel } from '../layout/panel';
import { SubmissionHeader } from '../layout/submission-header';
import { formatDateTime } from '../lib/labels';
import { useUnitName } from '../lib/reference-data';
import type { Schema } from '../lib/schema';
import { lockUiSchema, PaymentHoldNotice, SourceTag } from '../monitoring/linked';
import { ProcessCards } from '../review/chain-timeline';
import { commentsByField, FieldCommentsContext, ReturnedCommentsSummary } from '../review/field-comments';

interface Loaded {
  submission: Submission;
  form: FormDefinition;
  history: HistoryItem[];
}

async function loadAll(id: string): Promise<Loaded> {
  const submission = await submissionsApi.get(id);
  const [form, history] = await Promise.all([
    definitionsApi.formVersion(submission.formId, submission.formVersion),
    submissionsApi.history(id).catch(() => [] as HistoryItem[]),
  ]);
  return { submission, form, history };
}

function uniqueErrors(list: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function canEdit(submission: Submission): boolean {
  return submission.permissions?.canEdit ?? ['draft', 'returned'].includes(submission.status);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function latest(history: HistoryItem[], type: string): HistoryItem | undefined {
  return [...history].sort((a, b) => b.seq - a.seq).find((h) => h.type === type);
}

export default function FillPage() {
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const unitOf = useUnitName();
  // On a phone the header scrolls away with the page (a sticky one would cover the field being typed into).
  const wide = Boolean(Grid.useBreakpoint().lg);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [submitAttempted, setSubmitAttempted] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'withdraw' | null>(null);
  const [checking, setChecking] = useState(false);
  const [restoredNotice, setRestoredNotice] = useState<string | null>(null);
  const formRef = useRef<CoreForm>(null);
  const logicSeq = useRef(0);

  const autosave = useAutosave<Submission>(id, {
    send: (data, version) => submissionsApi.save(id, data, version),
    check: (data) => validateOnServer(id, data),
    onSaved: (saved) =>
      setLoaded((prev) =>
        prev ? { ...prev, submission: { ...prev.submission, ...saved, data: prev.submission.data } } : prev,
      ),
  });
  const { data, state: saving } = autosave;
  const { load, replace, current, scheduleCheck } = autosave;

  const editable = Boolean(loaded && canEdit(loaded.submission));

  const recompute = useCallback(
    (form: FormDefinition, next: Record<string, unknown>) => {
      const seq = ++logicSeq.current;
      computeFields(form.logic, next)
        .then((result) => {
          if (seq !== logicSeq.current) return;
          const withComputed = mergeComputed(current(), result.computed);
          if (withComputed !== current()) replace(withComputed);
        })
        .catch(() => {
          // The server computes again; a failure here must not block typing.
        });
      // Errors of the browser's computation (e.g. a time-out on a busy machine) are not shown: the server's
      // check computes the same fields and reports what is really wrong, on the field.
    },
    [current, replace],
  );

  const applyServerCopy = useCallback(
    (result: Loaded, mine?: { data: Record<string, unknown>; unsaved: 'restored' | 'stale' }) => {
      const start = mine?.data ?? ((result.submission.data ?? {}) as Record<string, unknown>);
      load(start, result.submission.version, mine?.unsaved);
      setLoaded(result);
      recompute(result.form, start);
      if (canEdit(result.submission)) scheduleCheck(300);
    },
    [load, recompute, scheduleCheck],
  );

  // Load, and restore what the user typed but the server never got.
  useEffect(() => {
    let cancelled = false;
    setLoaded(null);
    setLoadError(null);
    loadAll(id)
      .then((result) => {
        if (cancelled) return;
        const draft = readLocalDraft(id);
        if (draft && canEdit(result.submission) && !sameJson(draft.data, result.submission.data)) {
          // Based on an older version, someone saved in between: ask (conflict), never overwrite silently.
          const fresh = draft.baseVersion === result.submission.version;
          applyServerCopy(result, { data: draft.data, unsaved: fresh ? 'restored' : 'stale' });
          if (fresh) setRestoredNotice(`已恢复本机暂存的修改（${formatDateTime(draft.at)}），正在保存到服务器。`);
        } else applyServerCopy(result);
      })
      .catch((e) => !cancelled && setLoadError(e));
    return () => {
      cancelled = true;
    };
  }, [id, applyServerCopy]);

  const onChange = (changed: Record<string, unknown>) => {
    if (!loaded || !editable) return;
    const next = pruneEmptyOptional(loaded.form.schema as Record<string, unknown>, changed);
    if (sameJson(current(), next)) return;
    autosave.edit(next);
    recompute(loaded.form, next);
  };

  const resolveConflict = async (keepMine: boolean) => {
    try {
      const fresh = await loadAll(id);
      if (keepMine) {
        // The user chose explicitly: save my data on top of the version just loaded.
        setLoaded(fresh);
        await autosave.keepMine(fresh.submission.version);
        message.success('已用您的修改覆盖最新版本');
      } else {
        applyServerCopy(fresh);
        message.info('已载入最新版本');
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const submit = async () => {
    if (!loaded || checking) return;
    // What is still being typed into a table cell belongs to what is checked and submitted, and so does the
    // last keystroke in a field, which the form library hands on a moment later.
    commitPendingEdits();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The problem list appears only with the answer about the data as it is now: an earlier check's answer,
    // made before the last keystrokes or computed fields, must not flash up as if the submission were refused.
    // Meanwhile the button is disabled (not `loading`: the spinner's leave animation could outlast the check).
    setChecking(true);
    let serverCheck: FieldError[];
    try {
      // Offline (null): the submit call below will tell.
      serverCheck = (await autosave.checkNow()) ?? [];
    } finally {
      setChecking(false);
    }
    setSubmitAttempted(true);
    const localOk = formRef.current ? formRef.current.validateForm() : true;
    if (!localOk || serverCheck.length) {
      message.error(
        serverCheck.length
          ? `还有 ${serverCheck.length} 处需要修改，已在表单上方列出并在字段下标红`
          : '请先修改标红的字段后再提交',
      );
      const first = serverCheck[0];
      if (first) setTimeout(() => goToField(first.path, loaded.form.schema as Record<string, unknown>), 0);
      return;
    }
    modal.confirm({
      title: '确认提交？',
      content: '提交后进入审核流程；审核人开始办理前，您可以撤回。',
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        setBusy('submit');
        try {
          await autosave.flush();
          await submissionsApi.submit(id);
          message.success('已提交');
          applyServerCopy(await loadAll(id));
        } catch (e) {
          if (e instanceof ApiError && e.status === 422) {
            autosave.refuse(e.details);
            message.error(
              e.details.length ? `提交未通过校验：${e.details.length} 处需要修改，已在表单上方列出` : e.message,
            );
            if (e.details[0])
              setTimeout(() => goToField(e.details[0].path, loaded.form.schema as Record<string, unknown>), 0);
          } else message.error(errorMessage(e));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const withdraw = async () => {
    setBusy('withdraw');
    try {
      await submissionsApi.withdraw(id);
      message.success('已撤回，可继续修改');
      applyServerCopy(await loadAll(id));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const { serverErrors, checkErrors, warnings } = saving;
  const schema = loaded?.form.schema as RJSFSchema | undefined;
  const lockedPaths = loaded?.submission.source?.lockedPaths;
  const uiSchema = useMemo(
    () => lockUiSchema(prepareUiSchema(loaded?.form.uiSchema), lockedPaths),
    [loaded?.form.uiSchema, lockedPaths],
  );
  // Server answers go onto their fields, except where the browser's own check already flags the field.
  const extraErrors = useMemo(() => {
    if (!schema) return toErrorSchema(serverErrors);
    const shown = submitAttempted ? checkErrors : [];
    const local = submitAttempted ? new Set(checkSchema(schema, data).map((i) => i.path)) : new Set<string>();
    return toErrorSchema([...serverErrors, ...shown.filter((e) => !local.has(e.path))]);
  }, [schema, data, serverErrors, checkErrors, submitAttempted]);
  const formContext = useFormContext(data);
  // The reviewer's field comments of the last return, beside their fields (rows placed by the data as returned).
  const fieldComments = useMemo(
    () => (loaded?.submission.status === 'returned' ? (latest(loaded.history, 'returned')?.fieldComments ?? []) : []),
    [loaded],
  );
  const commentMap = useMemo(
    () => commentsByField(fieldComments, (schema ?? {}) as Schema, loaded?.submission.data),
    [fieldComments, schema, loaded],
  );

  if (loadError) return <LoadFailed error={loadError} back={{ to: '/submissions', label: '返回我的填报' }} />;
  if (!loaded || !schema) return <PageLoading />;

  const { submission, form, history } = loaded;
  const returned = submission.status === 'returned' ? latest(history, 'returned') : undefined;
  const rejected = submission.status === 'rejected' ? latest(history, 'rejected') : undefined;
  const canSubmit = submission.permissions?.canSubmit ?? editable;
  const canWithdraw = Boolean(submission.permissions?.canWithdraw);
  const save_ = SAVE_LABELS[saving.status];
  const otherErrors = serverErrors.filter((e) => e.path === '' || e.path === '/');
  const fieldErrors = uniqueErrors([
    ...serverErrors.filter((e) => e.path !== '' && e.path !== '/'),
    ...(submitAttempted ? checkErrors : []),
  ]);

  return (
    <div className="fill-page">
      <SubmissionHeader
        submission={submission}
        formTitle={form.title}
        style={wide ? { position: 'sticky', top: 0, zIndex: 10 } : undefined}
        info={
          <>
            <SourceTag source={submission.source} linkable={Boolean(form.sourceForms?.length)} />
            {submission.openSteps?.length ? (
              <Typography.Text type="secondary">
                当前环节：{submission.openSteps.map((s) => s.name).join('、')}
              </Typography.Text>
            ) : null}
            {editable ? (
              <Tag color={save_.color} data-testid="save-status">
                {save_.text}
              </Tag>
            ) : null}
          </>
        }
        actions={
          <>
            {canWithdraw ? (
              <Popconfirm
                title="确认撤回？"
                description="撤回后可继续修改，需重新提交。"
                okText="撤回"
                cancelText="取消"
                onConfirm={() => void withdraw()}
              >
                <Button loading={busy === 'withdraw'}>撤回</Button>
              </Popconfirm>
            ) : null}
            {editable && canSubmit ? (
              <Button
                type="primary"
                loading={busy === 'submit'}
                disabled={saving.status === 'conflict' || checking}
                onClick={() => void submit()}
              >
                {submission.status === 'returned' ? '重新提交' : '提交'}
              </Button>
            ) : null}
          </>
        }
      />

      <PaymentHoldNotice hold={submission.paymentHold} />
      {saving.status === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="此填报已在其他窗口或由他人保存了更新的版本，您的修改尚未保存（已暂存在本机）。"
          description="请选择：载入最新版本（放弃本机的修改），或保留我的修改（以您当前的内容覆盖最新版本）。"
          action={
            <Space orientation="vertical">
              <Button size="small" onClick={() => void resolveConflict(false)}>
                载入最新版本
              </Button>
              <Button size="small" danger onClick={() => void resolveConflict(true)}>
                保留我的修改
              </Button>
            </Space>
          }
        />
      ) : null}
      {restoredNotice ? (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          title={restoredNotice}
          onClose={() => setRestoredNotice(null)}
        />
      ) : null}
      {returned ? (
        <Alert
          type="warning"
          showIcon
          className="return-opinion"
          style={{ marginBottom: 12 }}
          title={`审核退回：${returned.stepName ?? submission.chain?.steps.find((s) => s.id === returned.stepId)?.name ?? ''}，请根据意见修改后重新提交`}
          description={
            <div>
              <div style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>审核意见：{returned.comment || '（无）'}</div>
              <Typography.Text type="secondary">
                {returned.actor?.name}
                {unitOf(returned.actor?.unitId, returned.actor?.unitName)} · {formatDateTime(returned.at)}
              </Typography.Text>
            </div>
          }
        />
      ) : null}
      {returned ? (
        <ReturnedCommentsSummary comments={fieldComments} schema={schema as Schema} data={submission.data} />
      ) : null}
      {rejected ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="不予通过"
          description={
            <div>
              <div style={{ whiteSpace: 'pre-wrap' }}>审核意见：{rejected.comment || '（无）'}</div>
              <Typography.Text type="secondary">
                {rejected.actor?.name} · {formatDateTime(rejected.at)}
              </Typography.Text>
            </div>
          }
        />
      ) : null}
      {otherErrors.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={otherErrors.map((e) => e.message).join('；')}
        />
      ) : null}
      {editable ? <ErrorSummary errors={fieldErrors} schema={schema as Record<string, unknown>} /> : null}
      {warnings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="提示（不影响提交）"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((w) => (
                <li key={`${w.path}:${w.message}`}>{w.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={{ flex: 'auto' }} style={{ minWidth: 0 }}>
          <Panel>
            <FieldCommentsContext.Provider value={commentMap}>
              <SchemaForm
                formRef={formRef}
                schema={schema}
                uiSchema={uiSchema}
                formData={data}
                onChange={onChange}
                readonly={!editable}
                extraErrors={extraErrors}
                liveValidate={submitAttempted}
                formContext={formContext}
              />
            </FieldCommentsContext.Provider>
          </Panel>
        </Col>
        <Col xs={24} xl={{ flex: '280px' }}>
          <ProcessCards submission={submission} history={history} />
        </Col>
      </Row>
    </div>
  );
}

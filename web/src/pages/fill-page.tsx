import type CoreForm from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { Alert, App, Button, Card, Col, Grid, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, errorMessage, NetworkError } from '../api/client';
import type { FieldError, FormDefinition, HistoryItem, ListPage, Submission } from '../api/types';
import { commitPendingEdits } from '../form/buffered-edit';
import { ErrorSummary, goToField } from '../form/error-summary';
import { applyComputed, computeFields, readPointer, validateOnServer } from '../form/form-logic';
import { clearLocalDrafts, readLocalDraft, writeLocalDraft } from '../form/local-draft';
import { pruneEmptyOptional } from '../form/prune-empty';
import { prepareUiSchema, toErrorSchema } from '../form/rjsf-setup';
import { checkSchema } from '../form/schema-check';
import { SchemaForm } from '../form/schema-form';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { SubmissionHeader } from '../layout/submission-header';
import { formatDateTime } from '../lib/labels';
import { useUnitName } from '../lib/reference-data';
import { lockUiSchema, PaymentHoldNotice, SourceTag } from '../monitoring/linked';
import type { Schema } from '../lib/schema';
import { ProcessCards } from '../review/chain-timeline';
import { commentsByField, FieldCommentsContext, ReturnedCommentsSummary } from '../review/field-comments';

type SaveState = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

const SAVE_LABELS: Record<SaveState, { text: string; color: string }> = {
  saved: { text: '已保存', color: 'default' },
  dirty: { text: '保存中', color: 'processing' },
  saving: { text: '保存中', color: 'processing' },
  offline: { text: '离线，已暂存本地', color: 'warning' },
  conflict: { text: '版本冲突，未保存', color: 'error' },
  error: { text: '保存失败，已暂存本地', color: 'error' },
};

const AUTOSAVE_MS = 1500;
const RETRY_MS = 5000;

interface Loaded {
  submission: Submission;
  form: FormDefinition;
  history: HistoryItem[];
}

async function loadAll(id: string): Promise<Loaded> {
  const submission = await api<Submission>('GET', `/api/submissions/${encodeURIComponent(id)}`);
  const [form, history] = await Promise.all([
    api<FormDefinition>(
      'GET',
      `/api/forms/${encodeURIComponent(submission.formId)}/versions/${encodeURIComponent(String(submission.formVersion))}`,
    ),
    api<ListPage<HistoryItem>>('GET', `/api/submissions/${encodeURIComponent(id)}/history`)
      .then((r) => r.items)
      .catch(() => [] as HistoryItem[]),
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
  const [data, setData] = useState<Record<string, unknown>>({});
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [checkErrors, setCheckErrors] = useState<FieldError[]>([]);
  const [warnings, setWarnings] = useState<FieldError[]>([]);
  const [submitAttempted, setSubmitAttempted] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'withdraw' | null>(null);
  const [restoredNotice, setRestoredNotice] = useState<string | null>(null);

  const formRef = useRef<CoreForm>(null);
  const dataRef = useRef<Record<string, unknown>>({});
  const versionRef = useRef(0);
  const dirtyRef = useRef(false);
  const savingRef = useRef<Promise<void> | null>(null);
  const conflictRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const logicSeq = useRef(0);
  const checkSeq = useRef(0);
  const checkTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const editable = Boolean(
    loaded?.submission.permissions?.canEdit ?? (loaded && ['draft', 'returned'].includes(loaded.submission.status)),
  );

  /** The server's full check (same code as submit), debounced; errors show once the user tried to submit. */
  const scheduleCheck = useCallback(
    (delay = 1000) => {
      if (checkTimer.current) clearTimeout(checkTimer.current);
      // A check still on its way was made for older data: its answer must not bring back a message about a
      // value typed since (the check scheduled here answers for the data as it is then).
      ++checkSeq.current;
      checkTimer.current = setTimeout(() => {
        const seq = ++checkSeq.current;
        validateOnServer(id, dataRef.current)
          .then((result) => {
            if (seq !== checkSeq.current) return;
            setCheckErrors(result.errors ?? []);
            setWarnings(result.warnings ?? []);
          })
          .catch(() => {
            // offline or not allowed (e.g. read-only): nothing to show
          });
      }, delay);
    },
    [id],
  );

  const recompute = useCallback((form: FormDefinition, next: Record<string, unknown>) => {
    const seq = ++logicSeq.current;
    computeFields(form, next)
      .then((result) => {
        if (seq !== logicSeq.current) return;
        const withComputed = applyComputed(dataRef.current, result.computed);
        if (withComputed !== dataRef.current) {
          dataRef.current = withComputed;
          setData(withComputed);
        }
      })
      .catch(() => {
        // The server computes again; a failure here must not block typing.
      });
    // Errors of the browser's computation (e.g. a time-out on a busy machine) are not shown: the server's
    // check computes the same fields and reports what is really wrong, on the field.
  }, []);

  const loadedRef = useRef<Loaded | null>(null);
  loadedRef.current = loaded;

  const save = useCallback(async (): Promise<void> => {
    if (!loadedRef.current || conflictRef.current) return;
    if (savingRef.current) {
      await savingRef.current;
      if (!dirtyRef.current) return;
    }
    const sent = dataRef.current;
    const run = (async () => {
      setSaveState('saving');
      try {
        const saved = await api<Submission>('PUT', `/api/submissions/${encodeURIComponent(id)}`, {
          data: sent,
          version: versionRef.current,
        });
        versionRef.current = saved.version;
        if (dataRef.current === sent) {
          dirtyRef.current = false;
          clearLocalDrafts(id);
          setSaveState('saved');
        } else {
          writeLocalDraft(id, saved.version, dataRef.current);
          setSaveState('dirty');
        }
        setLoaded((prev) =>
          prev ? { ...prev, submission: { ...prev.submission, ...saved, data: prev.submission.data } } : prev,
        );
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          conflictRef.current = true;
          setSaveState('conflict');
        } else if (e instanceof ApiError && e.status === 422) {
          setServerErrors(e.details);
          setSaveState('error');
        } else if (e instanceof NetworkError) {
          setSaveState('offline');
          timerRef.current = setTimeout(() => void save().catch(() => {}), RETRY_MS);
        } else {
          setSaveState('error');
        }
        throw e;
      }
    })();
    savingRef.current = run.catch(() => {});
    try {
      await run;
    } finally {
      savingRef.current = null;
    }
    if (dirtyRef.current && !conflictRef.current) {
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = setTimeout(() => void save().catch(() => {}), AUTOSAVE_MS);
    }
  }, [id]);

  const scheduleSave = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void save().catch(() => {}), AUTOSAVE_MS);
  }, [save]);

  const applyServerCopy = useCallback(
    (result: Loaded, payload?: Record<string, unknown>) => {
      const serverData = (result.submission.data ?? {}) as Record<string, unknown>;
      versionRef.current = result.submission.version;
      const start = payload ?? serverData;
      dataRef.current = start;
      setData(start);
      setLoaded(result);
      recompute(result.form, start);
      if (result.submission.permissions?.canEdit ?? ['draft', 'returned'].includes(result.submission.status))
        scheduleCheck(300);
    },
    [recompute, scheduleCheck],
  );

  // Load, and restore what the user typed but the server never got.
  useEffect(() => {
    let cancelled = false;
    conflictRef.current = false;
    dirtyRef.current = false;
    setLoaded(null);
    setLoadError(null);
    loadAll(id)
      .then((result) => {
        if (cancelled) return;
        const draft = readLocalDraft(id);
        const canEdit =
          result.submission.permissions?.canEdit ?? ['draft', 'returned'].includes(result.submission.status);
        if (draft && canEdit && JSON.stringify(draft.data) !== JSON.stringify(result.submission.data)) {
          if (draft.baseVersion === result.submission.version) {
            applyServerCopy(result, draft.data);
            dirtyRef.current = true;
            setSaveState('dirty');
            setRestoredNotice(`已恢复本机暂存的修改（${formatDateTime(draft.at)}），正在保存到服务器。`);
          } else {
            // Based on an older version: someone saved in between. Ask, never overwrite silently.
            applyServerCopy(result, draft.data);
            dirtyRef.current = true;
            conflictRef.current = true;
            setSaveState('conflict');
          }
        } else {
          if (draft) clearLocalDrafts(id);
          applyServerCopy(result);
          setSaveState('saved');
        }
      })
      .catch((e) => !cancelled && setLoadError(e));
    return () => {
      cancelled = true;
    };
  }, [id, applyServerCopy]);

  useEffect(() => {
    if (!loaded) return;
    if (dirtyRef.current && !conflictRef.current) scheduleSave();
  }, [loaded, scheduleSave]);

  // Retry as soon as the browser is back online; warn before leaving with unsaved edits.
  useEffect(() => {
    const online = () => {
      if (dirtyRef.current && !conflictRef.current) void save().catch(() => {});
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      // Text still held by a table cell reaches the data (and the local draft) before the question.
      commitPendingEdits();
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [save]);

  useEffect(
    () => () => {
      if (timerRef.current) clearTimeout(timerRef.current);
      if (checkTimer.current) clearTimeout(checkTimer.current);
    },
    [],
  );

  const onChange = (changed: Record<string, unknown>) => {
    if (!loaded || !editable) return;
    const next = pruneEmptyOptional(loaded.form.schema as Record<string, unknown>, changed);
    const previous = dataRef.current;
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    dataRef.current = next;
    setData(next);
    dirtyRef.current = true;
    writeLocalDraft(id, versionRef.current, next);
    // A message about a value the user just changed goes away at once (the next check says what is still wrong).
    const unchanged = (e: FieldError) => readPointer(previous, e.path) === readPointer(next, e.path);
    if (serverErrors.length) setServerErrors((list) => list.filter(unchanged));
    setCheckErrors((list) => (list.some((e) => !unchanged(e)) ? list.filter(unchanged) : list));
    if (!conflictRef.current) {
      setSaveState('dirty');
      scheduleSave();
    }
    recompute(loaded.form, next);
    scheduleCheck();
  };

  const resolveConflict = async (keepMine: boolean) => {
    if (keepMine) commitPendingEdits();
    try {
      const fresh = await loadAll(id);
      conflictRef.current = false;
      if (keepMine) {
        // The user chose explicitly: save my data on top of the version just loaded.
        const mine = dataRef.current;
        versionRef.current = fresh.submission.version;
        setLoaded(fresh);
        dirtyRef.current = true;
        writeLocalDraft(id, fresh.submission.version, mine);
        await save();
        message.success('已用您的修改覆盖最新版本');
      } else {
        clearLocalDrafts(id);
        dirtyRef.current = false;
        applyServerCopy(fresh);
        setSaveState('saved');
        message.info('已载入最新版本');
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const flush = async () => {
    commitPendingEdits();
    if (timerRef.current) clearTimeout(timerRef.current);
    if (savingRef.current) await savingRef.current;
    if (dirtyRef.current) await save();
  };

  const submit = async () => {
    if (!loaded) return;
    // What is still being typed into a table cell belongs to what is checked and submitted, and so does the
    // last keystroke in a field, which the form library hands on a moment later.
    commitPendingEdits();
    await new Promise((resolve) => setTimeout(resolve, 50));
    setSubmitAttempted(true);
    const localOk = formRef.current ? formRef.current.validateForm() : true;
    let serverCheck: FieldError[] = [];
    // This check answers for the data as submitted: a scheduled one still waiting or on its way is older.
    if (checkTimer.current) clearTimeout(checkTimer.current);
    const seq = ++checkSeq.current;
    try {
      const result = await validateOnServer(id, dataRef.current);
      serverCheck = result.errors ?? [];
      if (seq === checkSeq.current) {
        setCheckErrors(serverCheck);
        setWarnings(result.warnings ?? []);
      }
    } catch {
      // Offline: the submit call below will tell.
    }
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
          await flush();
          await api<Submission>('POST', `/api/submissions/${encodeURIComponent(id)}/submit`, {});
          clearLocalDrafts(id);
          dirtyRef.current = false;
          message.success('已提交');
          const fresh = await loadAll(id);
          applyServerCopy(fresh);
          setSaveState('saved');
          setServerErrors([]);
        } catch (e) {
          if (e instanceof ApiError && e.status === 422) {
            setServerErrors(e.details);
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
      await api('POST', `/api/submissions/${encodeURIComponent(id)}/withdraw`, {});
      message.success('已撤回，可继续修改');
      applyServerCopy(await loadAll(id));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

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
  const formContext = useMemo(() => ({ indicatorVariant: data.indicatorVariant }), [data.indicatorVariant]);
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
  const save_ = SAVE_LABELS[saveState];
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
                disabled={saveState === 'conflict'}
                onClick={() => void submit()}
              >
                {submission.status === 'returned' ? '重新提交' : '提交'}
              </Button>
            ) : null}
          </>
        }
      />

      <PaymentHoldNotice hold={submission.paymentHold} />
      {saveState === 'conflict' ? (
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
          <Card size="small">
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
          </Card>
        </Col>
        <Col xs={24} xl={{ flex: '280px' }}>
          <ProcessCards submission={submission} history={history} />
        </Col>
      </Row>
    </div>
  );
}

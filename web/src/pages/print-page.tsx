import { Button } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { definitionsApi, submissionsApi } from '../api/submissions-api';
import type { FormDefinition, HistoryItem, Submission } from '../api/types';
import { PrintedAttachments } from '../attachments/attachment-list';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { formatDateTime, STATUS_LABELS } from '../lib/labels';
import { useUnitName } from '../lib/reference-data';
import type { Schema } from '../lib/schema';
import type { Ui } from '../read/format';
import { type ReadBlock, type ReadField, readDocument } from '../read/read-model';
import { ReadTableElement } from '../read/read-table';
import { type ChainDefinition, decisionFieldRows, opinionRows } from '../read/review-record';
import './print.css';

/** Label/value pairs two to a row (label | value | label | value); long text takes the whole row. */
function fieldRows(fields: ReadField[], out: ReactNode[]): void {
  let pending: ReadField | null = null;
  const single = (f: ReadField) => (
    <tr key={f.key}>
      <th>{f.label}</th>
      <td colSpan={3}>{f.attachmentIds ? <PrintedAttachments ids={f.attachmentIds} /> : f.value}</td>
    </tr>
  );
  for (const f of fields) {
    if (f.wide || f.value.length > 24) {
      if (pending) out.push(single(pending));
      pending = null;
      out.push(single(f));
    } else if (pending) {
      out.push(
        <tr key={f.key}>
          <th>{pending.label}</th>
          <td>{pending.value}</td>
          <th>{f.label}</th>
          <td>{f.value}</td>
        </tr>,
      );
      pending = null;
    } else pending = f;
  }
  if (pending) out.push(single(pending));
}

/** The rows of the main 4-column table for the document's blocks. */
function blockRows(blocks: ReadBlock[], out: ReactNode[]): void {
  for (const b of blocks) {
    if (b.kind === 'fields') fieldRows(b.fields, out);
    else if (b.kind === 'section') {
      out.push(
        <tr key={`${b.key}-title`}>
          <th className={b.level <= 2 ? 'print-section' : 'print-subsection'} colSpan={4}>
            {b.title}
          </th>
        </tr>,
      );
      blockRows(b.children, out);
    } else {
      if (b.title)
        out.push(
          <tr key={`${b.key}-title`} className="print-indicators">
            <th className="print-section" colSpan={4}>
              {b.title}
            </th>
          </tr>,
        );
      out.push(
        <tr key={b.key}>
          <td colSpan={4} style={{ padding: 0 }}>
            <ReadTableElement table={b} className="print-sub-table print-table" />
          </td>
        </tr>,
      );
    }
  }
}

/** The official form prints the 指标内容（指标解释） column even where the unit left it empty. */
const PRINT_OPTIONS = { indicatorColumns: ['content'] };

interface Loaded {
  submission: Submission;
  form: FormDefinition;
  history: HistoryItem[];
  chain: ChainDefinition | null;
}

async function loadAll(id: string): Promise<Loaded> {
  const submission = await submissionsApi.get(id);
  const chainRef = submission.chain;
  const [form, history, chain] = await Promise.all([
    definitionsApi.formVersion(submission.formId, submission.formVersion),
    submissionsApi.history(id).catch(() => [] as HistoryItem[]),
    chainRef
      ? definitionsApi.chainVersion<ChainDefinition>(chainRef.id, chainRef.version).catch(() => null)
      : Promise.resolve(null),
  ]);
  return { submission, form, history, chain };
}

export default function PrintPage() {
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const unitOf = useUnitName();

  useEffect(() => {
    loadAll(id).then(setLoaded).catch(setError);
  }, [id]);

  useEffect(() => {
    if (loaded) document.title = `${loaded.submission.title || loaded.form.title} - 打印`;
  }, [loaded]);

  if (error) return <LoadFailed error={error} />;
  if (!loaded) return <PageLoading />;
  const { submission, form, history, chain } = loaded;
  const data = submission.data ?? {};
  const rows: ReactNode[] = [];
  blockRows(readDocument(data, form.schema as Schema, form.uiSchema as Ui, PRINT_OPTIONS), rows);
  const skipped = new Set(
    (submission.workflow?.trail ?? []).filter((t) => t.outcome === 'skipped').map((t) => t.stepId),
  );
  const decisionFields = chain ? decisionFieldRows(chain, history, skipped) : [];
  if (decisionFields.length) {
    rows.push(
      <tr key="decision-fields-title">
        <th className="print-section" colSpan={4}>
          审核批复
        </th>
      </tr>,
    );
    fieldRows(
      decisionFields.map((f) => ({ ...f, wide: false })),
      rows,
    );
  }
  const stepNames = new Map((submission.chain?.steps ?? []).map((s) => [s.id, s.name]));
  const opinions = opinionRows(history, (s) => stepNames.get(s), unitOf);
  const fiscalYear = data.fiscalYear;

  return (
    <div className="print-page">
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
        <Button onClick={() => window.close()}>关闭</Button>
      </div>
      <h1>{form.title}</h1>
      <div className="print-meta">
        <span>填报单位：{unitOf(submission.unitId, submission.unitName)}</span>
        <span>年度：{fiscalYear === undefined ? '' : String(fiscalYear)}</span>
        <span>状态：{STATUS_LABELS[submission.status]}</span>
      </div>
      <table className="print-table">
        <colgroup>
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
        </colgroup>
        <tbody>{rows}</tbody>
      </table>

      <div className="print-signatures">
        <div>单位负责人（签字）：{typeof data.unitLeader === 'string' ? data.unitLeader : ''}</div>
        <div>填报人：{typeof data.preparedBy === 'string' ? data.preparedBy : ''}</div>
        <div>日期：{typeof data.preparedAt === 'string' ? data.preparedAt : ''}</div>
      </div>

      <section className="print-opinions">
        <h2>审核意见</h2>
        <table className="print-table">
          <colgroup>
            <col style={{ width: '15%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '9%' }} />
            <col style={{ width: '8%' }} />
            <col style={{ width: '33%' }} />
            <col style={{ width: '7%' }} />
            <col style={{ width: '15%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>环节</th>
              <th>单位</th>
              <th>经办人</th>
              <th>结果</th>
              <th>意见</th>
              <th>评分</th>
              <th>时间</th>
            </tr>
          </thead>
          <tbody>
            {opinions.length === 0 ? (
              <tr>
                <td colSpan={7} style={{ textAlign: 'center' }}>
                  暂无审核记录
                </td>
              </tr>
            ) : (
              opinions.map((o) => (
                <tr key={o.seq}>
                  <td>{o.step}</td>
                  <td>{o.unit}</td>
                  <td>{o.person}</td>
                  <td>{o.action}</td>
                  <td>{o.opinion}</td>
                  <td style={{ textAlign: 'center' }}>{o.score}</td>
                  <td>{formatDateTime(o.at)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}

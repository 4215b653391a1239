import { Alert, Button, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { formatDate } from '../lib/labels';
import {
  CATEGORY_LABELS,
  DECISION_LABELS,
  GRADE_LABELS,
  MODE_LABELS,
  type ResultLetter,
  resultApi,
  STAGE_LABELS,
} from './result-api';
import './results.css';

const score = (n: number | null) => (typeof n === 'number' ? `${n.toFixed(2)} 分` : '—');

/** The 结果应用函 (规程第二十七–二十九条) as a printable A4 letter, with the 整改 progress on screen only. */
export default function ResultLetterPage() {
  const { id = '' } = useParams();
  const [letter, setLetter] = useState<ResultLetter | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    resultApi.letter(id).then(setLetter).catch(setError);
  }, [id]);
  if (error) return <LoadFailed error={error} back={{ to: '/rectifications', label: '返回整改跟踪' }} />;
  if (!letter) return <PageLoading />;
  const b = letter.budgetDecision;
  const review = `/review/${encodeURIComponent(letter.submissionId)}`;
  return (
    <div className="letter-screen">
      <section className="letter-status no-print" aria-label="整改进度">
        <div>
          <strong>整改进度：</strong>
          <Tag color={letter.stage === 'closed' ? 'success' : 'blue'}>{STAGE_LABELS[letter.stage]}</Tag>
          {letter.overdue ? <Tag color="red">逾期未反馈</Tag> : null}
          <span>反馈期限：{formatDate(letter.feedbackDue)}</span>
        </div>
        <div className="letter-actions">
          <Button onClick={() => window.print()}>打印</Button>
          {letter.stage !== 'closed' && letter.stage !== 'withdrawn' ? (
            <Link to={review} className="ant-btn ant-btn-primary letter-link">
              {letter.stage === 'awaitingReport' ? '反馈并报送整改报告' : '办理整改'}
            </Link>
          ) : null}
          <Link to="/rectifications">返回整改跟踪</Link>
        </div>
      </section>
      <article className="letter-page">
        <header>
          <p className="letter-org">信丰县财政局</p>
          <h1>{letter.letterTitle}</h1>
          <p className="letter-no">{letter.docNo ?? ''}</p>
        </header>
        <p className="letter-to">{letter.to}：</p>
        <p>
          根据你单位《{letter.title}》的绩效自评及财政抽查复核结果（自评得分 {score(letter.basis.selfScore)}
          {letter.basis.selfGrade ? `，自评等级“${GRADE_LABELS[letter.basis.selfGrade] ?? ''}”` : ''}；复核得分{' '}
          {score(letter.basis.reviewScore)}
          ），依据《信丰县财政局预算绩效管理内部工作规程》第二十七条至第二十九条，现将评价结果应用意见函告如下：
        </p>
        <h2>一、评价结果及依据</h2>
        <ul>
          {letter.basis.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <h2>二、结果应用</h2>
        <p>
          应用方式：{letter.modes.length ? letter.modes.map((m) => MODE_LABELS[m] ?? m).join('、') : '反馈与整改'}。
        </p>
        <p>
          {b.targetBudgetYear}年度预算安排：{b.action ? (DECISION_LABELS[b.action] ?? b.action) : '—'}
          {b.action === 'reduceByRatio' && typeof b.ratio === 'number' ? `（压减比例 ${b.ratio}%）` : ''}。
          {letter.recallUnspentFunds ? '未支出资金收回财政。' : ''}
        </p>
        {b.departsFromRule ? (
          <p>
            本结果应用与按规程计算的结果（{b.computed ? (DECISION_LABELS[b.computed] ?? b.computed) : '—'}
            ）不一致，理由：{b.departureReason ?? ''}
            {letter.leadingGroup.approvedAt
              ? `；已于${formatDate(letter.leadingGroup.approvedAt)}经局预算绩效管理领导小组批准。`
              : '。'}
          </p>
        ) : letter.leadingGroup.approvedAt ? (
          <p>本结果应用涉及重大事项，已于{formatDate(letter.leadingGroup.approvedAt)}经局预算绩效管理领导小组批准。</p>
        ) : null}
        <h2>三、主要问题及整改要求</h2>
        {letter.problems.length ? (
          <table className="letter-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">问题类型</th>
                <th scope="col">主要问题</th>
                <th scope="col">整改要求</th>
              </tr>
            </thead>
            <tbody>
              {letter.problems.map((p, i) => (
                <tr key={`${p.text}\u0000${p.requirement ?? ''}`}>
                  <td>{i + 1}</td>
                  <td>{p.category ? (CATEGORY_LABELS[p.category] ?? p.category) : '—'}</td>
                  <td>{p.text}</td>
                  <td>{p.requirement ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>见评价结果及依据。</p>
        )}
        <h2>四、反馈要求</h2>
        <p>
          请你单位立足“当下改”和“长久立”，分析原因、制定举措，于 {formatDate(letter.feedbackDue)}
          前（函件下达之日起15个工作日内）通过书面形式或预算管理一体化系统反馈结果应用及整改情况，并报送整改报告。
        </p>
        {letter.contact.name || letter.contact.phone ? (
          <p>
            联系人：{letter.contact.name ?? ''} {letter.contact.phone ? `联系电话：${letter.contact.phone}` : ''}
          </p>
        ) : null}
        <footer>
          <p>{letter.issuer}</p>
          <p>{formatDate(letter.issuedAt)}</p>
        </footer>
        <p className="letter-cc">抄送：{letter.cc.join('、')}</p>
      </article>
      {letter.stage === 'withdrawn' ? <Alert type="info" showIcon title="该结果应用已中止" /> : null}
    </div>
  );
}

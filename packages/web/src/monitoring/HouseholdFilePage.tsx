import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { HELPER_KIND_ZH, MEASURE_CATEGORIES, MEASURE_STATUS_ZH, MONITORING_CATEGORY_ZH, ROLE_LABELS, isMeasureCategoryName, isRole, riskTypeByCode, type MonitoringCategory } from '@fangpin/domain';
import { Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { chineseDate } from '../cases/NoticeSheet';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useHouseholdFile, type HouseholdFile } from './household-file-api';
import './household-file.css';

const yuan = (n: number | null | undefined) => (typeof n === 'number' ? n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : '');
const risk = (code: string) => riskTypeByCode(code)?.zh ?? code;
const categoryZh = (c: string | null | undefined) => (c && c in MONITORING_CATEGORY_ZH ? MONITORING_CATEGORY_ZH[c as MonitoringCategory] : '—');
const roleZh = (r: string) => (isRole(r) ? ROLE_LABELS[r].zh : r);

function Section({ no, title, children }: { no: string; title: string; children: ReactNode }) {
  return (
    <section className="fp-file-section">
      <h2>
        {no}、{title}
      </h2>
      {children}
    </section>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="fp-file-empty">{text}</p>;
}

/** The sheet itself: always in Chinese (it is the county's paper file), no ID number in clear (the server sends them masked). */
function FileSheet({ file }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const zhCode = (list: string, code: string | null | undefined) => (code ? t(`codes.${list}.${code}`, { defaultValue: code, lng: 'zh-CN' }) : '—');
  const h = file.household;
  const m = file.monitoring;
  const head = file.members.find((x) => x.relation === 'head') ?? file.members[0];
  return (
    <article className="fp-file-sheet" lang="zh-CN" data-testid="household-file-sheet">
      <h1 className="fp-file-title">防止返贫监测对象“一户一档”</h1>
      <p className="fp-file-place">
        {h.countyName} {h.townshipName} {h.villageName}{'\u3000'}户编号 <span className="fp-file-mono">{h.householdNumber}</span>
      </p>

      <Section no="一" title="基本情况">
        <table className="fp-file-table fp-file-kv">
          <tbody>
            <tr>
              <th>户主</th>
              <td>{head?.name ?? '—'}</td>
              <th>户类型</th>
              <td>{h.type === 'formerlyPoor' ? '脱贫户' : '一般农户'}</td>
            </tr>
            <tr>
              <th>家庭人口</th>
              <td>{file.members.length} 人</td>
              <th>联系电话</th>
              <td className="fp-file-mono">{h.phoneMasked || '—'}</td>
            </tr>
            <tr>
              <th>住址</th>
              <td colSpan={3}>{h.address || '—'}</td>
            </tr>
            <tr>
              <th>监测状态</th>
              <td data-testid="household-file-status">{m?.statusZh ?? '非监测对象'}</td>
              <th>监测对象类别</th>
              <td>{categoryZh(m?.category)}</td>
            </tr>
            <tr>
              <th>风险类型</th>
              <td>{file.risks.map((r) => r.name).join('、') || '—'}</td>
              <th>识别时间</th>
              <td>{m?.identifiedOn ? chineseDate(m.identifiedOn) : '—'}</td>
            </tr>
            <tr>
              <th>上次走访</th>
              <td>{m?.lastVisitOn ? chineseDate(m.lastVisitOn) : '—'}</td>
              <th>下次走访</th>
              <td>{m?.nextVisitDueOn ? chineseDate(m.nextVisitDueOn) : '—'}</td>
            </tr>
            {m?.eliminatedOn ? (
              <tr>
                <th>风险消除</th>
                <td colSpan={3}>
                  {chineseDate(m.eliminatedOn)} {m.eliminationMode === 'natural' ? '自然消除' : m.eliminationMode === 'assisted' ? '帮扶消除' : ''}
                </td>
              </tr>
            ) : null}
            {m?.rolledBackOn ? (
              <tr>
                <th>回退</th>
                <td colSpan={3}>
                  {chineseDate(m.rolledBackOn)} {m.rollbackReason ?? ''}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Section>

      <Section no="二" title="家庭成员">
        <table className="fp-file-table" data-testid="household-file-members">
          <thead>
            <tr>
              <th>姓名</th>
              <th>与户主关系</th>
              <th>性别</th>
              <th>出生年份</th>
              <th>身份证号</th>
              <th>健康状况</th>
              <th>劳动技能</th>
              <th>文化程度</th>
            </tr>
          </thead>
          <tbody>
            {file.members.map((p) => (
              <tr key={`${p.name}-${p.idNumberMasked}`}>
                <td>{p.name}</td>
                <td>{zhCode('relation', p.relation)}</td>
                <td>{zhCode('sex', p.sex)}</td>
                <td>{p.birthYear}</td>
                <td className="fp-file-mono" data-testid="household-file-id">
                  {p.idNumberMasked}
                </td>
                <td>{p.health === null ? '（不显示）' : zhCode('health', p.health)}</td>
                <td>{zhCode('labourCapacity', p.labourCapacity)}</td>
                <td>{zhCode('schooling', p.schooling)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section no="三" title="帮扶责任人">
        {file.helpers.length === 0 ? (
          <Empty text="尚未落实帮扶责任人" />
        ) : (
          <table className="fp-file-table">
            <thead>
              <tr>
                <th>类型</th>
                <th>姓名</th>
                <th>单位</th>
                <th>联系电话</th>
                <th>落实日期</th>
                <th>经办人</th>
                <th>调整</th>
              </tr>
            </thead>
            <tbody>
              {file.helpers.map((x) => (
                <tr key={x.id}>
                  <td>{HELPER_KIND_ZH[x.kind] ?? x.kind}</td>
                  <td>{x.name}</td>
                  <td>{x.unit || '—'}</td>
                  <td className="fp-file-mono">{x.phoneMasked || '—'}</td>
                  <td>{x.assignedOn}</td>
                  <td>{x.assignedBy}</td>
                  <td>{x.endedOn ? `${x.endedOn} ${x.endReason ?? ''}` : '在岗'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section no="四" title="帮扶措施及覆盖情况">
        {file.risks.length > 0 ? (
          <p className="fp-file-note" data-testid="household-file-coverage">
            {file.risks.map((r) => `${r.name}：${r.isCovered ? '已有对应措施' : '缺少对应措施'}`).join('；')}
            {(file.coverage?.problems ?? []).length > 0 ? `。问题：${file.coverage!.problems.map((p) => p.message).join('；')}` : ''}
          </p>
        ) : null}
        {file.measures.length === 0 ? (
          <Empty text="尚未登记帮扶措施" />
        ) : (
          <table className="fp-file-table">
            <thead>
              <tr>
                <th>针对风险</th>
                <th>措施类别</th>
                <th>具体措施</th>
                <th>责任部门</th>
                <th>金额（元）</th>
                <th>实施期间</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {file.measures.map((x) => (
                <tr key={x.id}>
                  <td>{risk(x.riskType)}</td>
                  <td>{isMeasureCategoryName(x.category) ? MEASURE_CATEGORIES[x.category].zh : x.category}</td>
                  <td>{x.measure}</td>
                  <td>{x.department || '—'}</td>
                  <td>{yuan(x.amount) || '—'}</td>
                  <td>
                    {x.startOn}
                    {x.endOn ? ` 至 ${x.endOn}` : ' 起'}
                  </td>
                  <td>
                    {MEASURE_STATUS_ZH[x.status] ?? x.status}
                    {x.deliveredOn ? `（${x.deliveredOn}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section no="五" title="帮扶走访记录">
        {file.visits.length === 0 ? (
          <Empty text="尚未登记帮扶走访" />
        ) : (
          <table className="fp-file-table">
            <thead>
              <tr>
                <th>走访日期</th>
                <th>走访人</th>
                <th>走访情况</th>
                <th>困难和问题</th>
                <th>收入测算</th>
              </tr>
            </thead>
            <tbody>
              {file.visits.map((v) => (
                <tr key={v.id}>
                  <td>{v.visitedOn}</td>
                  <td>{v.visitorName}</td>
                  <td className="fp-file-left">{v.observed}</td>
                  <td className="fp-file-left">{v.problems || '—'}</td>
                  <td>{v.assessment ? `人均 ${yuan(v.assessment.perCapitaNetIncome)} 元（${v.assessment.ruleSetVersion}）` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section no="六" title="收入与监测线（分年度）">
        {file.incomes.length === 0 ? (
          <Empty text="暂无收入记录" />
        ) : (
          <table className="fp-file-table" data-testid="household-file-incomes">
            <thead>
              <tr>
                <th>年度</th>
                <th>人均纯收入（元）</th>
                <th>监测线（元）</th>
                <th>是否在监测线以内</th>
                <th>依据</th>
              </tr>
            </thead>
            <tbody>
              {file.incomes.map((i) => (
                <tr key={i.year}>
                  <td>{i.year}</td>
                  <td>{yuan(i.perCapitaIncome)}</td>
                  <td>{yuan(i.monitoringLine) || '—'}</td>
                  <td>{i.isWithinLine === null ? '—' : i.isWithinLine ? '是' : '否'}</td>
                  <td>
                    {i.source === 'visit' ? `帮扶走访 ${i.on ?? ''}` : '监测信息'}
                    {i.ruleSetVersion ? `，规则 ${i.ruleSetVersion}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section no="七" title="认定与决定记录">
        {file.decisions.length === 0 ? (
          <Empty text="暂无决定记录" />
        ) : (
          <table className="fp-file-table" data-testid="household-file-decisions">
            <thead>
              <tr>
                <th>日期</th>
                <th>案件编号</th>
                <th>事项</th>
                <th>结果</th>
                <th>经办人</th>
                <th>规则版本</th>
              </tr>
            </thead>
            <tbody>
              {file.decisions.map((d) => (
                <tr key={`${d.caseId}-${d.type}-${d.on}`}>
                  <td>{d.on}</td>
                  <td className="fp-file-mono">{d.caseNumber}</td>
                  <td>{d.typeZh}</td>
                  <td className="fp-file-left">{d.summaryZh || d.comment || '—'}</td>
                  <td>
                    {d.byDisplayName ?? (d.by === 'system' || d.by.startsWith('system:') ? '系统' : d.by)}（{roleZh(d.byRole)}）
                  </td>
                  <td className="fp-file-mono">{d.ruleSetVersion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <div className="fp-file-sign">
        <p>帮扶责任人（签字）：＿＿＿＿＿＿{'\u3000'}{'\u3000'}村（社区）负责人（签字）：＿＿＿＿＿＿</p>
        <p>
          生成日期：{chineseDate(file.generatedOn)}{'\u3000'}经办：{file.generatedBy}
        </p>
      </div>
      <p className="fp-file-footnote">本档案由防贫动态监测平台生成；身份证号、电话已脱敏，打印和导出均有记录。</p>
    </article>
  );
}

/**
 * 一户一档 on A4: the household's whole file as a county keeps it on paper, printed from the browser
 * (print CSS hides the app). The toolbar (in the user's language) prints or downloads the XLSX;
 * the server audits the print page's read and every export.
 */
export function HouseholdFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const file = useHouseholdFile(id);
  useDocumentTitle(t('monitoring.file.title'));
  if (file.isError) return <ErrorState error={file.error} onRetry={() => void file.refetch()} />;
  return (
    <div className="fp-file-page" data-testid="household-file-page">
      <div className="fp-notice-toolbar fp-no-print">
        <Link to={`/households/${id}`}>
          <ArrowLeftOutlined /> {t('monitoring.file.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="household-file-print">
          {t('monitoring.file.print')}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/households/${encodeURIComponent(id)}/file.xlsx`} data-testid="household-file-xlsx">
          {t('monitoring.file.xlsx')}
        </Button>
        <span className="fp-muted fp-small">{t('monitoring.file.privacy')}</span>
      </div>
      {file.data ? <FileSheet file={file.data} /> : <Skeleton active />}
    </div>
  );
}

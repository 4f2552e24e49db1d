import { CheckCircleOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { MEASURE_CATEGORIES, MEASURE_TRANSITIONS, isMeasureCategoryName, type MeasureStatus } from '@fangpin/domain';
import { Alert, App, Button, Empty, Input, Modal, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { useShowProblem } from '../ui/useShowProblem';
import { useAttachEvidence, useMoveMeasure, type CoverageProblem, type Measure, type MonitoringRecord } from './api';
import { MeasureForm } from './MeasureForm';

const STATUS_COLORS: Record<MeasureStatus, string> = { planned: 'default', inProgress: 'processing', delivered: 'success' };

/** A measure category's name in the UI language. */
export function useCategoryName() {
  const { i18n } = useTranslation();
  return (category: string) => (isMeasureCategoryName(category) ? (i18n.language === 'en' ? MEASURE_CATEGORIES[category].en : MEASURE_CATEGORIES[category].zh) : category);
}

/** A coverage problem: the domain's own words in Chinese, the same rule in English. */
function ProblemText({ problem }: { problem: CoverageProblem }) {
  const { t, i18n } = useTranslation();
  const categoryName = useCategoryName();
  if (i18n.language !== 'en') return <>{problem.message}</>;
  return (
    <>
      {t(`monitoring.measures.problem.${problem.code}`, {
        risk: problem.riskType ? riskTypeLabel(t, problem.riskType) : '',
        expected: (problem.expected ?? []).map(categoryName).join(', '),
        defaultValue: problem.message,
      })}
    </>
  );
}

function MeasureItem({ householdId, measure, canEdit }: { householdId: string; measure: Measure; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const categoryName = useCategoryName();
  const move = useMoveMeasure(householdId);
  const attach = useAttachEvidence(householdId);
  const input = useRef<HTMLInputElement>(null);
  const next = MEASURE_TRANSITIONS[measure.status][0];
  const fail = (error: unknown) => showProblem(error);
  // Delivered on which day: asked, since paper records are often entered days later.
  const [deliveredOn, setDeliveredOn] = useState<string | null>(null);
  const advance = (on?: string) =>
    next &&
    move.mutate(
      { measure, status: next, ...(on ? { on } : {}) },
      {
        onSuccess: () => {
          setDeliveredOn(null);
          void message.success(t('monitoring.measures.moved'));
        },
        onError: fail,
      },
    );
  return (
    <li data-testid="measure-item" data-status={measure.status}>
      <div className="fp-measure-top">
        <Tag color="blue">{categoryName(measure.category)}</Tag>
        <span className="fp-helper-name" data-testid="measure-text">
          {measure.measure}
        </span>
        <Tag color={STATUS_COLORS[measure.status]} data-testid="measure-status">
          {t(`monitoring.measures.statusName.${measure.status}`)}
        </Tag>
      </div>
      <div className="fp-muted fp-measure-meta">
        {t('monitoring.measures.riskType')}：{riskTypeLabel(t, measure.riskType)}
        {measure.department ? <> · {measure.department}</> : null}
        {measure.amount !== null ? <> · {measure.amount.toLocaleString('zh-CN')} 元</> : null}
        <> · {measure.startOn}{measure.endOn ? ` — ${measure.endOn}` : ''}</>
        {measure.deliveredOn ? <> · {t('monitoring.measures.statusName.delivered')} {measure.deliveredOn}</> : null}
      </div>
      {measure.attachments.length > 0 ? (
        <div className="fp-measure-files">
          {measure.attachments.map((a) => (
            <a key={a.id} href={a.url} target="_blank" rel="noreferrer" data-testid="measure-evidence">
              <PaperClipOutlined /> {a.fileName}
            </a>
          ))}
        </div>
      ) : null}
      {canEdit ? (
        <div className="fp-measure-actions">
          {next ? (
            <Button
              size="small"
              loading={move.isPending}
              onClick={() => (next === 'delivered' ? setDeliveredOn(todayInChina()) : advance())}
              data-testid="measure-advance"
            >
              {t('monitoring.measures.moveTo', { status: t(`monitoring.measures.statusName.${next}`) })}
            </Button>
          ) : null}
          {deliveredOn !== null ? (
            <Modal
              open
              title={t('monitoring.measures.deliverTitle', { measure: measure.measure })}
              okText={t('monitoring.measures.form.submit')}
              cancelText={t('monitoring.measures.form.cancel')}
              okButtonProps={{ disabled: !deliveredOn, 'data-testid': 'measure-deliver-ok' }}
              confirmLoading={move.isPending}
              onOk={() => advance(deliveredOn)}
              onCancel={() => setDeliveredOn(null)}
              destroyOnHidden
            >
              <div className="fp-field">
                <label htmlFor={`delivered-${measure.id}`}>
                  {t('monitoring.measures.form.deliveredOn')}
                </label>
                <Input
                  id={`delivered-${measure.id}`}
                  type="date"
                  value={deliveredOn}
                  min={measure.startOn}
                  max={todayInChina()}
                  onChange={(e) => setDeliveredOn(e.target.value)}
                  data-testid="measure-deliver-on"
                />
              </div>
              <p className="fp-muted">{t('monitoring.measures.deliverHint')}</p>
            </Modal>
          ) : null}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            className="fp-visually-hidden"
            aria-label={t('monitoring.measures.upload')}
            data-testid="measure-upload-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              attach.mutate(
                { measureId: measure.id, file },
                {
                  onSuccess: (a) => void message.success(t('monitoring.measures.uploaded', { name: a.fileName })),
                  onError: fail,
                  onSettled: () => {
                    if (input.current) input.current.value = '';
                  },
                },
              );
            }}
          />
          <Button size="small" icon={<UploadOutlined />} loading={attach.isPending} onClick={() => input.current?.click()} data-testid="measure-upload">
            {t('monitoring.measures.upload')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * 帮扶措施 of a monitoring object: the coverage check first (green, or every problem in the rule's
 * words), then each measure with its status, evidence and the next step.
 */
export function MeasuresView({ data }: { data: MonitoringRecord }) {
  const { t } = useTranslation();
  const [isAdding, setAdding] = useState(false);
  const coverage = data.coverage;
  const canEdit = data.abilities.canRecordMeasures;
  return (
    <div data-testid="household-measures">
      <div className="fp-page-header fp-monitoring-subhead">
        <strong>{t('monitoring.measures.title')}</strong>
        {canEdit ? (
          <Button className="fp-monitoring-assign" type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="measure-add">
            {t('monitoring.measures.add')}
          </Button>
        ) : null}
      </div>
      {!coverage || !coverage.isChecked ? (
        <Alert type="info" showIcon title={t('monitoring.measures.notChecked')} />
      ) : coverage.problems.length === 0 ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('monitoring.measures.covered')} data-testid="coverage-ok" />
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          title={t('monitoring.measures.uncovered')}
          data-testid="coverage-problems"
          description={
            <ul className="fp-coverage-problems">
              {coverage.problems.map((p, i) => (
                <li key={`${p.code}-${p.riskType ?? i}`} data-testid="coverage-problem">
                  <ProblemText problem={p} />
                </li>
              ))}
            </ul>
          }
        />
      )}
      {data.measures.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.measures.empty')} />
      ) : (
        <ul className="fp-helper-list fp-measure-list">
          {data.measures.map((m) => (
            <MeasureItem key={m.id} householdId={data.householdId} measure={m} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {isAdding && data.record ? (
        <MeasureForm householdId={data.householdId} riskTypes={data.record.riskTypes} uncovered={coverage?.uncoveredRiskTypes ?? []} onClose={() => setAdding(false)} />
      ) : null}
    </div>
  );
}

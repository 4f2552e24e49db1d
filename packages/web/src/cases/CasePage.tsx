import { ArrowLeftOutlined, LinkOutlined, PaperClipOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Grid, Progress, Result, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IDENTIFICATION_STEPS } from '@fangpin/domain';
import { isApiError } from '../api/client';
import { useDepartmentSources } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { riskTypeLabel, sourceName } from '../department/labels';
import { CorrectWarningDialog, mayCorrect } from '../warnings/CorrectWarningDialog';
import { StatusTag } from '../warnings/StatusTag';
import { formatDateTime, todayInChina } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { AssessmentView } from './AssessmentView';
import { AttachmentList } from './AttachmentList';
import { CaseActions } from './CaseActions';
import { CaseClues } from './CaseClues';
import { attachmentsOfEntry, findingLines, propertyFindings } from './case-facts';
import { clockTone } from './case-model';
import { summarizeEvent } from './event-summary';
import { useCase } from './hooks';
import './cases.css';
import { ChannelTag, ClockBadge, GreenChannelTag, roleLabel, StepDue, StepTag, stepShort } from './parts';
import type { CaseDetail, TimelineEntry } from './types';
import { ReentryNote } from '../monitoring/ReentryNote';
import { operatorName } from '../ui/operator';
import { describeCaseNote, describeStoredText, describeWarning, textLanguage } from '../i18n/server-texts';

/** The procedure's main line (withdrawn is not a step one walks through). */
const MAIN_STEPS = IDENTIFICATION_STEPS.filter((s) => s !== 'withdrawn');

function CaseClockPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { clock } = detail;
  const tone = clockTone(detail);
  const percent = clock.daysLimit > 0 ? Math.min(100, Math.round((clock.daysUsed / clock.daysLimit) * 100)) : 0;
  return (
    <div className={`fp-case-clock fp-case-clock-${tone}`} data-testid="case-clock-panel" data-tone={tone}>
      <div className="fp-case-clock-title">{t('cases.clock.title')}</div>
      <ClockBadge c={detail} withDate={false} />
      <Progress
        percent={percent}
        showInfo={false}
        size="small"
        status={tone === 'overdue' ? 'exception' : tone === 'done' ? 'success' : 'active'}
        strokeColor={tone === 'soon' ? '#d46b08' : undefined}
      />
      <div className="fp-case-clock-used" data-testid="case-days-used">
        {t('cases.clock.used', {
          used: clock.daysUsed,
          limit: clock.daysLimit,
          unit: t(`cases.clock.${clock.unit}`),
        })}
      </div>
      <div className="fp-case-clock-dates">
        <span>
          {t('cases.clock.clueDate')} <span className="fp-mono">{clock.clueDate}</span>
        </span>
        <span>
          {t('cases.clock.dueOn')}{' '}
          <span className="fp-mono" data-testid="case-due-on">
            {clock.dueOn}
          </span>
        </span>
      </div>
    </div>
  );
}

function StepsBar({ detail, isMobile }: { detail: CaseDetail; isMobile: boolean }) {
  const { t, i18n } = useTranslation();
  const withdrawn = detail.step === 'withdrawn';
  const lastReal = withdrawn ? [...detail.timeline].reverse().find((e) => e.fromStep && e.fromStep !== 'withdrawn')?.fromStep : null;
  const currentStep = withdrawn ? (lastReal ?? 'clueRegistered') : detail.step;
  const index = Math.max(0, MAIN_STEPS.indexOf(currentStep as (typeof MAIN_STEPS)[number]));
  const isDone = detail.step === 'closed';
  if (isMobile) {
    const next = MAIN_STEPS[index + 1];
    return (
      <div className="fp-steps-compact" data-testid="case-steps" data-current={detail.step}>
        <div className="fp-steps-compact-top">
          <StepTag step={detail.step} />
          <span className="fp-muted fp-small">{t('cases.detail.stepOf', { index: index + 1, total: MAIN_STEPS.length })}</span>
        </div>
        <Progress percent={Math.round(((index + (isDone ? 1 : 0.5)) / MAIN_STEPS.length) * 100)} showInfo={false} size="small" />
        {next && !isDone && !withdrawn ? (
          <span className="fp-muted fp-small">{t('cases.detail.next', { step: stepShort(next, i18n.language) })}</span>
        ) : null}
      </div>
    );
  }
  return (
    <Steps
      className="fp-case-steps"
      data-testid="case-steps"
      data-current={detail.step}
      size="small"
      type="dot"
      titlePlacement="vertical"
      current={index}
      status={withdrawn ? 'error' : isDone ? 'finish' : 'process'}
      items={MAIN_STEPS.map((s, i) => ({
        key: s,
        title: stepShort(s, i18n.language),
        content:
          i === index && !isDone && detail.stepDueOn ? <span className="fp-mono fp-small">{detail.stepDueOn}</span> : undefined,
      }))}
    />
  );
}

/** A villager's own application (role `public`; older entries carry the page's account name). */
function isPublicApplicant(e: TimelineEntry): boolean {
  return e.actorRole === 'public' || e.actorName === 'public:self-application';
}

function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  if (detail.timeline.length === 0) return <Empty description={t('cases.detail.noTimeline')} />;
  const entries = [...detail.timeline].reverse();
  return (
    <Timeline
      className="fp-case-timeline"
      data-testid="case-timeline"
      items={entries.map((e) => {
        // A note the server wrote as a code and params (a clue withdrawn from the case), else the step's facts.
        const note = describeCaseNote(e.data?.note, textLanguage(i18n.language));
        const lines = note ? [note] : summarizeEvent(t, e.type, e.data, i18n.language);
        const files = attachmentsOfEntry(detail.timeline, e, detail.attachments);
        const moved = e.fromStep && e.toStep && e.fromStep !== e.toStep;
        return {
          key: e.seq,
          color: e.type === 'raiseObjection' || e.type === 'townshipReturn' ? 'red' : e.type === 'recordAssistance' ? 'green' : e.type === 'withdrawClue' ? 'orange' : 'blue',
          content: (
            <div className="fp-timeline-entry" data-testid="timeline-entry" data-type={e.type} data-seq={e.seq}>
              <div className="fp-timeline-head">
                <span className="fp-timeline-title" data-testid="timeline-title">
                  {i18n.language === 'en' ? t(`cases.event.${e.type}`, { defaultValue: e.typeZh }) : e.typeZh}
                </span>
                {moved ? (
                  <span className="fp-muted fp-small">
                    {stepShort(e.fromStep ?? '', i18n.language)} → {stepShort(e.toStep ?? '', i18n.language)}
                  </span>
                ) : null}
              </div>
              <div className="fp-muted fp-small fp-timeline-meta">
                {isPublicApplicant(e) ? (
                  <span data-testid="timeline-actor">{t('cases.detail.publicApplicant')}</span>
                ) : (
                  <>
                    <span data-testid="timeline-actor">{operatorName(t, e)}</span>
                    {e.actorRole ? <span> · {roleLabel(t, e.actorRole)}</span> : null}
                  </>
                )}
                <span className="fp-dot">·</span>
                <span className="fp-mono">{e.onDate}</span>
                <span className="fp-timeline-at"> （{formatDateTime(e.at, i18n.language)}）</span>
              </div>
              {e.comment ? <div className="fp-timeline-comment">{describeStoredText(e.comment, textLanguage(i18n.language))}</div> : null}
              {lines.length > 0 ? (
                <ul className="fp-timeline-data" data-testid="timeline-data">
                  {lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : null}
              {files.length > 0 ? (
                <div className="fp-timeline-files" data-testid="timeline-attachments">
                  {files.map((a) => (
                    <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {t(`cases.purpose.${a.purpose}`, { defaultValue: a.purpose })}：{a.fileName}
                    </a>
                  ))}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

function PropertyResult({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const property = detail.facts?.property as { sources?: { source: string; detail: string; memberName: string }[]; merged?: Record<string, unknown> } | undefined;
  if (!property) return null;
  const automatic = findingLines(t, propertyFindings(detail)) ?? [];
  const merged = findingLines(t, property.merged ?? null) ?? [];
  return (
    <Card size="small" title={t('cases.property.result')} className="fp-section" data-testid="case-property">
      <div className="fp-property-block">
        <div className="fp-verify-sub">{t('cases.property.automatic')}</div>
        {automatic.length === 0 ? (
          <span className="fp-muted">{t('cases.property.noAutomatic')}</span>
        ) : (
          <ul className="fp-plain-list">
            {(property.sources ?? []).map((s, i) => (
              <li key={i}>
                <Tag color="red">{s.detail || s.source}</Tag>
                <span className="fp-muted fp-small">{s.memberName}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {merged.length > 0 ? (
        <span className="fp-tag-list" data-testid="case-property-merged">
          {merged.map((line, i) => (
            <Tag key={`${line}-${i}`} color="orange">
              {line}
            </Tag>
          ))}
        </span>
      ) : null}
    </Card>
  );
}

function Decision({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const d = detail.decision;
  if (!d) return null;
  const approved = d.kind === 'approved';
  return (
    <Card size="small" title={t('cases.detail.decision')} className="fp-section" data-testid="case-decision" data-kind={d.kind}>
      <div className="fp-tag-list">
        <Tag color={approved ? 'green' : 'red'}>
          {approved ? t('cases.decision.approved') : t(`cases.decision.${d.kind}`, { defaultValue: d.kind })}
        </Tag>
        {approved && d.category ? <Tag color="blue">{t(`cases.category.${d.category}`)}</Tag> : null}
        {approved
          ? (d.riskTypes ?? []).map((code) => (
              <Tag key={code} color="orange">
                {riskTypeLabel(t, code)}
              </Tag>
            ))
          : null}
        {d.on ? <span className="fp-muted fp-mono">{d.on}</span> : null}
      </div>
      {'reason' in d && d.reason ? <p className="fp-decision-reason" data-testid="case-decision-reason">{d.reason}</p> : null}
    </Card>
  );
}

/**
 * The warning a case was opened from (case → warning): what the department data said, what the
 * village found, and — for the county centre while the case is still at 线索登记 — the correction.
 */
function SourceWarning({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const me = useSignedInUser();
  const sources = useDepartmentSources();
  const [correcting, setCorrecting] = useState(false);
  const w = detail.warning;
  if (!w) return null;
  // The warning opened the case: other live clues (joined since) keep the case if it is corrected.
  const caseKeepsOtherClues = detail.clues.some((c) => !c.isFirst && !c.withdrawn);
  const target = { id: w.id, status: w.status, statusReason: w.statusReason, caseNumber: detail.caseNumber, caseStep: detail.step, caseKeepsOtherClues };
  const canCorrect = mayCorrect(me.abilities.canCorrectWarnings === true, target);
  return (
    <Card size="small" title={t('cases.detail.sourceWarning')} className="fp-section" data-testid="case-source-warning" data-warning-id={w.id}>
      <div className="fp-stacked">
        <span className="fp-tag-list">
          <Tag color="orange">{riskTypeLabel(t, w.riskType)}</Tag>
          <StatusTag status={w.status} />
          <span className="fp-muted">
            {w.sources.map((s) => sourceName(s, sources.data, i18n.language, true)).join('、')} · {w.period}
          </span>
        </span>
        <span data-testid="case-warning-message">{describeWarning(w, textLanguage(i18n.language))}</span>
        {w.statusReason ? <span data-testid="case-warning-note">{t('cases.detail.warningNote', { note: w.statusReason })}</span> : null}
        {w.verifiedBy && (w.verifiedOn || w.verifiedAt) ? (
          // The day of the home check, not the day it was typed in (results are entered days late).
          <span className="fp-muted fp-small" data-testid="case-warning-verified">{t('cases.detail.warningVerified', { name: w.verifiedBy, date: w.verifiedOn ?? formatDateTime(w.verifiedAt ?? '', i18n.language) })}</span>
        ) : null}
        <span className="fp-tag-list">
          {detail.householdId ? (
            <Link to={`/warnings?householdId=${detail.householdId}`} data-testid="case-warning-link">
              <LinkOutlined /> {t('cases.detail.viewWarnings')}
            </Link>
          ) : null}
          {canCorrect ? (
            <Button size="small" onClick={() => setCorrecting(true)} data-testid="case-warning-correct">
              {t('warnings.correct')}
            </Button>
          ) : null}
        </span>
      </div>
      <CorrectWarningDialog warning={correcting ? target : null} onClose={() => setCorrecting(false)} />
    </Card>
  );
}

function Members({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  if (!detail.household) {
    return (
      <Card size="small" title={t('cases.detail.members')} className="fp-section" data-testid="case-members">
        <span className="fp-muted" data-testid="case-no-household">
          {t('cases.detail.noHousehold')}
        </span>
      </Card>
    );
  }
  if (detail.household.members.length === 0) return null;
  return (
    <Card size="small" title={t('cases.detail.members')} className="fp-section" data-testid="case-members">
      <ul className="fp-case-members">
        {detail.household.members.map((m) => (
          <li key={m.id}>
            <span className="fp-member-name">{m.name}</span>
            <span className="fp-muted fp-small">
              {t(`codes.relation.${m.relation}`, { defaultValue: m.relation })}
              {m.birthYear ? ` · ${t('member.bornIn', { year: m.birthYear })}` : ''}
              {m.labourCapacity ? ` · ${t(`cases.labour.${m.labourCapacity}`, { defaultValue: m.labourCapacity })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);
  const isDesktop = screens.lg ?? true;
  const today = todayInChina();
  const query = useCase(id);
  const detail = query.data;
  useDocumentTitle(detail ? `${detail.headName ?? detail.caseNumber} · ${t('cases.list.title')}` : t('cases.list.title'));

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('cases.detail.notFoundTitle')}
          subTitle={t('cases.detail.notFoundDetail')}
          extra={<Link to="/cases">{t('cases.detail.back')}</Link>}
          data-testid="case-not-found"
        />
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!detail) return <Skeleton active className="fp-page" />;

  const actions = (
    <Card
      size="small"
      title={t('cases.detail.actions')}
      className="fp-section fp-case-action-card"
      data-testid="case-action-card"
      data-version={detail.version}
    >
      <CaseActions detail={detail} today={today} />
    </Card>
  );
  const hasNotice = detail.timeline.some((e) => e.toStep === 'publicNotice');
  const facts = (
    <>
      {hasNotice ? (
        <Link to={`/cases/${detail.id}/notice`} className="fp-section fp-case-print-link">
          <Button icon={<PrinterOutlined />} block>
            {t('cases.detail.noticePrint')}
          </Button>
        </Link>
      ) : null}
      <CaseClues detail={detail} />
      <SourceWarning detail={detail} />
      <Decision detail={detail} />
      {detail.assessment ? (
        <Card size="small" title={t('cases.assessment.title')} className="fp-section">
          <AssessmentView assessment={detail.assessment} />
        </Card>
      ) : null}
      <PropertyResult detail={detail} />
    </>
  );

  return (
    <div className="fp-page fp-case-page" data-testid="case-page" data-step={detail.step} data-case-id={detail.id}>
      <div className="fp-breadcrumb">
        <Link to="/cases">
          <ArrowLeftOutlined /> {t('cases.detail.back')}
        </Link>
      </div>
      <ReentryNote facts={detail.facts} />
      <Card size="small" className="fp-section fp-case-header" data-testid="case-header">
        <div className="fp-case-header-grid">
          <div className="fp-case-header-main">
            <div className="fp-case-title-row">
              <Typography.Title level={4} className="fp-page-title" data-testid="case-title">
                {detail.headName ?? t('cases.list.noHousehold')}
              </Typography.Title>
              <StepTag step={detail.step} />
              <ChannelTag channel={detail.channel} />
              {detail.greenChannel ? <GreenChannelTag /> : null}
            </div>
            <Descriptions size="small" column={isMobile ? 1 : 2} className="fp-case-desc">
              <Descriptions.Item label={t('cases.list.caseNumber')}>
                <span className="fp-mono" data-testid="case-number">
                  {detail.caseNumber}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.detail.region')}>
                {[detail.townshipName, detail.villageName].filter(Boolean).join(' ')}
              </Descriptions.Item>
              {detail.household ? (
                <Descriptions.Item label={t('cases.detail.householdNumber')}>
                  <Link to={`/households/${detail.household.id}`} className="fp-mono fp-nowrap">
                    {detail.household.householdNumber}
                  </Link>
                  <span className="fp-muted">
                    {' '}
                    · {t(`codes.householdType.${detail.household.type}`, { defaultValue: detail.household.type })} ·{' '}
                    {t('cases.detail.persons', { count: detail.household.size })}
                  </span>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('cases.list.stepDue')}>
                <StepDue stepDueOn={detail.stepDueOn} today={today} />
              </Descriptions.Item>
              {detail.riskTypes && detail.riskTypes.length > 0 ? (
                <Descriptions.Item label={t('cases.detail.riskTypes')}>
                  <span className="fp-tag-list">
                    {detail.riskTypes.map((code) => (
                      <Tag key={code} color="orange">
                        {riskTypeLabel(t, code)}
                      </Tag>
                    ))}
                  </span>
                </Descriptions.Item>
              ) : null}
              {detail.summary ? (
                <Descriptions.Item label={t('cases.detail.summary')} span={isMobile ? 1 : 2}>
                  <span data-testid="case-summary">{describeStoredText(detail.summary, textLanguage(i18n.language))}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </div>
          <CaseClockPanel detail={detail} />
        </div>
      </Card>

      <Card size="small" className="fp-section fp-case-steps-card" title={isMobile ? undefined : t('cases.detail.steps')}>
        <StepsBar detail={detail} isMobile={isMobile} />
      </Card>

      <div className={isDesktop ? 'fp-case-columns' : 'fp-case-stack'}>
        <div className="fp-case-main">
          {actions}
          {isDesktop ? null : facts}
          <Card size="small" title={t('cases.detail.timeline')} className="fp-section">
            <CaseTimeline detail={detail} />
          </Card>
          <Card size="small" title={t('cases.detail.attachments')} className="fp-section">
            <AttachmentList attachments={detail.attachments} />
          </Card>
          {isDesktop ? null : <Members detail={detail} />}
        </div>
        {isDesktop ? (
          <div className="fp-case-side">
            {facts}
            <Members detail={detail} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

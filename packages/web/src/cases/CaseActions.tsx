import { Button, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdAssessment } from '@fangpin/domain';
import { DANGER, type ActionProps } from './actions/action-kit';
import { AssessmentPreview } from './actions/AssessmentPreview';
import { AssistanceAction } from './actions/AssistanceAction';
import { CallbackAction } from './actions/CallbackAction';
import { CountyDecideAction } from './actions/CountyDecideAction';
import { DeliberationAction } from './actions/DeliberationAction';
import { LinkHouseholdAction } from './actions/LinkHouseholdAction';
import { NoticeInfo } from './actions/NoticeInfo';
import { PropertyCheckAction } from './actions/PropertyCheckAction';
import { ObjectionAction, ReasonAction, RejectAfterAssessmentAction, TownshipReturnAction } from './actions/ReasonAction';
import { SimpleAction } from './actions/SimpleAction';
import { CaseRefusal, useCaseEventSubmit } from './actions/useCaseEventSubmit';
import { VerificationAction } from './actions/VerificationAction';
import type { CaseDetail, CaseEventType } from './types';

/** The order actions are offered in: the move forward first, side roads after, withdrawal last. */
export const EVENT_ORDER: readonly CaseEventType[] = [
  'linkHousehold',
  'startVerification',
  'recordVerification',
  'recordPropertyCheck',
  'recordAssessment',
  'recordDeliberation',
  'endNotice',
  'townshipApprove',
  'countyDecide',
  'recordCallback',
  'screenOut',
  'rejectAfterAssessment',
  'raiseObjection',
  'townshipReturn',
  'recordAssistance',
  'withdraw',
];

/** Allowed events in display order (unknown ones at the end). */
export function orderedEvents(allowed: readonly CaseEventType[]): CaseEventType[] {
  const known = EVENT_ORDER.filter((e) => allowed.includes(e));
  return [...known, ...allowed.filter((e) => !EVENT_ORDER.includes(e))];
}

/** The form of one event: each action is its own component under ./actions. */
function ActionForm({
  type,
  detail,
  today,
  stepDate,
  preview,
  ...props
}: ActionProps & { type: CaseEventType; detail: CaseDetail; today: string; stepDate: string; preview: HouseholdAssessment | null }) {
  switch (type) {
    case 'linkHousehold':
      return <LinkHouseholdAction detail={detail} {...props} />;
    case 'recordVerification':
      return <VerificationAction detail={detail} stepDate={stepDate} {...props} />;
    case 'recordPropertyCheck':
      return <PropertyCheckAction detail={detail} {...props} />;
    case 'recordDeliberation':
      return <DeliberationAction detail={detail} today={today} stepDate={stepDate} {...props} />;
    case 'countyDecide':
      return <CountyDecideAction detail={detail} stepDate={stepDate} {...props} />;
    case 'recordCallback':
      return <CallbackAction {...props} />;
    case 'recordAssistance':
      return <AssistanceAction stepDate={stepDate} {...props} />;
    case 'screenOut':
    case 'withdraw':
      return <ReasonAction type={type} {...props} />;
    case 'rejectAfterAssessment':
      return <RejectAfterAssessmentAction assessment={preview ?? detail.assessment} {...props} />;
    case 'townshipReturn':
      return <TownshipReturnAction {...props} />;
    case 'raiseObjection':
      return <ObjectionAction {...props} />;
    default:
      return <SimpleAction type={type} {...props} />;
  }
}

/**
 * The actions the server allows this actor now (`allowedEvents`), one form at a time (each action's
 * form is its own component under ./actions; sending, refusals and the step's date are useCaseEventSubmit). Every event
 * carries the version of the case that was shown: 409 means someone else acted first (reload), 422
 * shows the workflow's reason.
 */
export function CaseActions({ detail, today }: { detail: CaseDetail; today: string }) {
  const { t } = useTranslation();
  const events = orderedEvents(detail.allowedEvents);
  const [active, setActive] = useState<CaseEventType | null>(events[0] ?? null);
  const [preview, setPreview] = useState<HouseholdAssessment | null>(null);
  const { submitFor, pending, refusal, clearRefusal, occurredOn, setOccurredOn, restart } = useCaseEventSubmit(detail, today);
  const eventsKey = events.join(',');

  // A new step offers other actions: start on the first one again, dated today unless changed.
  useEffect(() => {
    setActive(eventsKey ? (eventsKey.split(',')[0] as CaseEventType) : null);
    restart();
  }, [eventsKey, detail.step, today]);

  if (events.length === 0) {
    return (
      <div className="fp-muted" data-testid="case-no-actions">
        {detail.step === 'closed'
          ? t('cases.detail.closedNote')
          : detail.step === 'withdrawn'
            ? t('cases.detail.withdrawnNote')
            : t('cases.detail.readOnly')}
      </div>
    );
  }

  return (
    <div className="fp-case-actions" data-testid="case-actions">
      {detail.step === 'publicNotice' ? <NoticeInfo detail={detail} /> : null}
      {detail.step === 'systemAssessment' ? (
        <AssessmentPreview key={detail.version} detail={detail} preview={preview} onPreview={setPreview} />
      ) : null}
      {events.length > 1 ? (
        <div className="fp-case-action-choices" role="tablist" aria-label={t('cases.action.choose')}>
          {events.map((type) => (
            <Button
              key={type}
              role="tab"
              aria-selected={active === type}
              type={active === type ? 'primary' : 'default'}
              ghost={active === type}
              danger={DANGER.has(type)}
              size="small"
              onClick={() => {
                setActive(type);
                clearRefusal();
              }}
              data-testid={`case-action-${type}`}
            >
              {t(`cases.event.${type}`)}
            </Button>
          ))}
        </div>
      ) : (
        <div className="fp-case-action-single" data-testid={`case-action-${events[0]}`}>
          {t(`cases.event.${events[0]}`)}
        </div>
      )}
      <CaseRefusal error={refusal} />
      <label className="fp-occurred-on">
        <span className="fp-muted">{t('cases.action.occurredOn')}</span>
        <Input
          type="date"
          size="small"
          value={occurredOn}
          max={today}
          min={detail.timeline.at(-1)?.onDate}
          onChange={(e) => setOccurredOn(e.target.value || today)}
          data-testid="case-occurred-on"
          aria-label={t('cases.action.occurredOn')}
        />
        <span className="fp-muted fp-small">{t('cases.action.occurredOnHint')}</span>
      </label>
      {active ? (
        <div className="fp-case-action-form" key={active}>
          <ActionForm type={active} detail={detail} today={today} stepDate={occurredOn} preview={preview} submit={submitFor(active)} pending={pending} />
        </div>
      ) : null}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useDescribedError } from '../../ui/problem';
import { caseKeys, usePostCaseEvent } from '../hooks';
import type { CaseDetail, CaseEventType } from '../types';
import type { Submit } from './action-kit';

/**
 * The one place a case event is sent from, for every action form: the version of the case that was
 * shown, the step's date (办理日期) when it is not today, the data and the comment. 409 means someone
 * else acted first: say so and reload; any other failure is kept as the refusal the actions show.
 */
export function useCaseEventSubmit(detail: CaseDetail, today: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const post = usePostCaseEvent(detail.id);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [occurredOn, setOccurredOn] = useState(today);

  const submitFor =
    (type: CaseEventType): Submit =>
    async (data, comment) => {
      setRefusal(null);
      try {
        await post.mutateAsync({
          type,
          version: detail.version,
          ...(occurredOn && occurredOn !== today ? { occurredOn } : {}),
          ...(data ? { data } : {}),
          ...(comment?.trim() ? { comment: comment.trim() } : {}),
        });
        void message.success(t('cases.action.done', { event: t(`cases.event.${type}`) }));
        return true;
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          void message.warning({ content: <span data-testid="case-conflict">{t('cases.action.conflict')}</span>, duration: 6 });
          await queryClient.invalidateQueries({ queryKey: caseKeys.detail(detail.id) });
          return false;
        }
        setRefusal(error);
        return false;
      }
    };

  return {
    submitFor,
    pending: post.isPending,
    refusal,
    clearRefusal: () => setRefusal(null),
    occurredOn,
    setOccurredOn,
    /** A new step: no refusal, dated today again. */
    restart: () => {
      setRefusal(null);
      setOccurredOn(today);
    },
  };
}

/**
 * Why the server did not record the event. A 422 is the procedure's refusal: its reason says it all;
 * anything else keeps the code's text before the reason.
 */
export function CaseRefusal({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const described = useDescribedError(t, error, i18n.language);
  if (!described) return null;
  const { title, detail } = described;
  const text = isApiError(error) && error.status === 422 ? detail || title : detail ? `${title}${i18n.language === 'en' ? ': ' : '：'}${detail}` : title;
  return <Alert type="error" showIcon className="fp-section" title={t('cases.action.refused')} description={text} data-testid="case-refusal" />;
}

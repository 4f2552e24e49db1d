import { LinkOutlined } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseClue } from '@fangpin/domain';
import { useDepartmentSources } from '../api/hooks';
import { riskTypeLabel, sourceName } from '../department/labels';
import { ChannelTag } from './parts';
import type { CaseDetail } from './types';

type DepartmentSources = ReturnType<typeof useDepartmentSources>['data'];

/** Who or what raised the clue: the warning's departments, the visitor, the call, the application. */
function sourceOf(t: TFunction, clue: CaseClue, sources: DepartmentSources, language: string): string {
  if (clue.warning) {
    const names = clue.warning.sources.map((s) => sourceName(s, sources, language, true)).join(language === 'en' ? ', ' : '、');
    return `${t('cases.clues.warning', { sources: names })} · ${riskTypeLabel(t, clue.warning.riskType)}`;
  }
  if (clue.visit) return t('cases.clues.visit', { name: clue.visit.visitorName });
  if (clue.call) return t('cases.clues.call');
  if (clue.application) return t('cases.clues.application', { ref: clue.application.referenceNo });
  return t(`cases.channel.${clue.channel}`, { defaultValue: clue.channel });
}

/**
 * Where the clue can be looked at: the household's warnings, the forwarded visit reports, the
 * hotline records of the day of the call. A self-application has no page of its own (its
 * reference number is shown).
 */
export function clueLink(clue: CaseClue, householdId: string | null): string | null {
  if (clue.warning) return householdId ? `/warnings?householdId=${householdId}` : '/warnings';
  if (clue.visit) return '/visits?tab=forwarded';
  if (clue.call) return `/hotline/records?from=${clue.aroseOn}&to=${clue.aroseOn}`;
  return null;
}

/**
 * Every clue of the case (docs/DOMAIN.md "One household, one case"): the one that opened it, those
 * that joined it, withdrawn ones marked — channel, the day it arose, its source and a link.
 */
export function CaseClues({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const sources = useDepartmentSources();
  if (detail.clues.length === 0) return null;
  return (
    <Card size="small" title={t('cases.clues.title')} className="fp-section" data-testid="case-clues">
      <ul className="fp-case-clues">
        {detail.clues.map((clue) => {
          const link = clueLink(clue, detail.householdId);
          return (
            <li key={clue.id} data-testid="case-clue" data-clue-id={clue.id} data-channel={clue.channel} data-withdrawn={clue.withdrawn} className={clue.withdrawn ? 'fp-case-clue-withdrawn' : undefined}>
              <span className="fp-tag-list">
                <ChannelTag channel={clue.channel} testId="case-clue-channel" />
                <Tag color={clue.isFirst ? 'blue' : 'default'} data-testid="case-clue-role">
                  {clue.isFirst ? t('cases.clues.first') : t('cases.clues.joined')}
                </Tag>
                {clue.withdrawn ? (
                  <Tag color="red" data-testid="case-clue-withdrawn">
                    {t('cases.clues.withdrawn')}
                  </Tag>
                ) : null}
                <span className="fp-muted fp-small fp-mono" data-testid="case-clue-date">
                  {t('cases.clues.arose', { date: clue.aroseOn })}
                </span>
              </span>
              <span className="fp-case-clue-source">
                <span data-testid="case-clue-source">{sourceOf(t, clue, sources.data, i18n.language)}</span>
                {link ? (
                  <Link to={link} data-testid="case-clue-link">
                    {' '}
                    <LinkOutlined /> {t('cases.clues.open')}
                  </Link>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

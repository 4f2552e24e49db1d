import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Grid, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { revealHouseholdPhone, useHousehold } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { HouseholdTypeTag } from '../ui/CodeLabel';
import { ErrorState } from '../ui/ErrorState';
import { MaskedValue } from '../ui/MaskedValue';
import { useShowProblem } from '../ui/useShowProblem';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { HistoryView } from './HistoryView';
import { NotFoundResult } from '../ui/NotFoundResult';
import { HouseholdWarnings } from './HouseholdWarnings';
import { MembersView } from './MembersView';
import { HouseholdMonitoring } from '../monitoring/HouseholdMonitoring';
import { MonitoringStatusTag } from '../monitoring/labels';

function HouseholdNotFound() {
  const { t } = useTranslation();
  return (
    <NotFoundResult
      title={t('household.notFoundTitle')}
      detail={t('household.notFoundDetail')}
      back={t('household.back')}
      to="/households"
      testId="household-not-found"
    />
  );
}

export function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showProblem = useShowProblem();
  const household = useHousehold(id);
  const me = useSignedInUser();
  const canReadWarnings = me.abilities.canReadWarnings === true;
  const canSeeEvidence = me.abilities.canReadWarningRows === true;
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);
  const [tab, setTab] = useState('members');
  const [hasRevealed, setHasRevealed] = useState(false);
  const headName = household.data?.members.find((m) => m.relation === 'head')?.name;
  useDocumentTitle(headName ?? household.data?.householdNumber);

  const onRevealed = () => {
    setHasRevealed(true);
  };
  const onRevealError = (error: unknown) => showProblem(error, t('reveal.failed'));

  if (household.isPending) {
    return (
      <div className="fp-page">
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (household.isError) {
    if (isApiError(household.error) && household.error.status === 404) return <HouseholdNotFound />;
    return <ErrorState error={household.error} onRetry={() => void household.refetch()} />;
  }

  const h = household.data;
  const head = h.members.find((m) => m.relation === 'head');
  const regionPath = h.regionPath.map((r) => r.name).join(' / ');

  return (
    <div className="fp-page" data-testid="household-detail-page">
      <Breadcrumb
        className="fp-breadcrumb"
        items={[{ title: <Link to="/households">{t('nav.households')}</Link> }, { title: h.householdNumber }]}
      />
      <div className="fp-page-header fp-detail-header">
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('household.back')}
          onClick={() => void (window.history.length > 1 ? navigate(-1) : navigate('/households'))}
        />
        <Typography.Title level={4} className="fp-page-title" data-testid="household-title">
          {head?.name ?? h.householdNumber}
        </Typography.Title>
        <HouseholdTypeTag type={h.type} />
        {h.monitoring ? <MonitoringStatusTag status={h.monitoring.status} /> : null}
      </div>

      {hasRevealed ? (
        <Alert
          type="warning"
          showIcon
          icon={<SafetyCertificateOutlined />}
          className="fp-reveal-notice"
          title={
            <span>
              <strong>{t('reveal.recorded')}</strong>
              <span className="fp-reveal-notice-detail">{t('reveal.recordedDetail')}</span>
            </span>
          }
          data-testid="reveal-notice"
        />
      ) : null}

      <Card title={t('household.basicInfo')} size="small" className="fp-section" data-testid="household-basic">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          classNames={{ label: 'fp-desc-label' }}
          items={[
            {
              key: 'number',
              label: t('household.householdNumber'),
              children: (
                <span className="fp-mono" data-testid="household-number">
                  {h.householdNumber}
                </span>
              ),
            },
            { key: 'type', label: t('household.type'), children: <HouseholdTypeTag type={h.type} /> },
            { key: 'head', label: t('household.headName'), children: head?.name ?? t('common.empty') },
            {
              key: 'count',
              label: t('household.memberCount'),
              children: t('households.persons', { count: h.members.length }),
            },
            {
              key: 'phone',
              label: t('household.phone'),
              children: (
                <MaskedValue
                  masked={h.phoneMasked}
                  canReveal={h.abilities.canReveal}
                  onReveal={(reason) => revealHouseholdPhone(h.id, reason)}
                  onRevealed={onRevealed}
                  onError={onRevealError}
                  testId="household-phone"
                />
              ),
            },
            {
              key: 'region',
              label: t('household.region'),
              children: <span data-testid="household-region">{regionPath}</span>,
            },
            { key: 'address', label: t('household.address'), children: h.address || t('common.empty'), span: 'filled' },
          ]}
        />
      </Card>

      {h.monitoring ? <HouseholdMonitoring householdId={h.id} /> : null}

      <Card size="small" className="fp-section fp-tabs-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'members',
              label: `${t('household.members')} (${h.members.length})`,
              children: (
                <MembersView
                  members={h.members}
                  canReveal={h.abilities.canReveal}
                  canSeeHealth={h.abilities.canSeeHealth}
                  isMobile={isMobile}
                  onRevealed={onRevealed}
                  onRevealError={onRevealError}
                />
              ),
            },
            {
              key: 'history',
              label: <span data-testid="history-tab">{t('household.history')}</span>,
              children: tab === 'history' ? <HistoryView householdId={h.id} /> : null,
            },
            ...(canReadWarnings
              ? [
                  {
                    key: 'warnings',
                    label: <span data-testid="warnings-tab">{t('household.warnings')}</span>,
                    children:
                      tab === 'warnings' ? (
                        <HouseholdWarnings householdId={h.id} canSeeEvidence={canSeeEvidence} />
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}

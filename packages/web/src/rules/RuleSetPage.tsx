import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Input, Result, Select, Skeleton, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useRegionTree, useRuleSetInForce, useRuleSetVersions } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import type { RegionTreeNode } from '../api/types';
import { todayInChina } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { regionDisplayName } from './labels';
import { NewVersionDrawer } from './NewVersionDrawer';
import { isIsoDate, isRuleLevel, padRegionCode, regionChain, regionLevelOf } from './rule-model';
import { RuleSetView } from './RuleSetView';
import { TrialAssessment } from './TrialAssessment';
import { VersionHistory } from './VersionHistory';
import { PageHeader } from '../ui/PageHeader';

function collectNames(node: RegionTreeNode, names: Map<string, string>): void {
  names.set(padRegionCode(node.code), node.name);
  for (const child of node.children ?? []) collectNames(child, names);
}

/** Counties and cities under a province or city user's region, from the region tree. */
function ruleRegionsBelow(node: RegionTreeNode | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  const walk = (n: RegionTreeNode) => {
    for (const child of n.children ?? []) {
      if (child.level === 'city' || child.level === 'county') out.push(padRegionCode(child.code));
      walk(child);
    }
  };
  walk(node);
  return out;
}

export function RuleSetPage() {
  const me = useSignedInUser();
  const { t } = useTranslation();
  useDocumentTitle(t('rules.title'));
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);
  const today = todayInChina();
  const own = padRegionCode(me.regionCode);
  const [searchParams, setSearchParams] = useSearchParams();
  const regionCode = searchParams.get('region') ?? own;
  const dateParam = searchParams.get('date');
  const date = dateParam && isIsoDate(dateParam) ? dateParam : today;
  const tabParam = searchParams.get('tab');
  const tab = tabParam === 'history' || tabParam === 'trial' ? tabParam : 'in-force';
  const [dateText, setDateText] = useState(date);
  const [drawerOpen, setDrawerOpen] = useState(false);

  // The pages are for those who set or answer for the numbers (ruleset.review); the field app and
  // the case pages read the rules in force through the API whatever the role.
  const canRead = me.abilities.canReviewRules === true;
  const canManage = me.abilities.canManageRules === true;
  const canTry = me.abilities.canRunAssessment === true;
  const ownLevel = regionLevelOf(own);
  const regionTree = useRegionTree(ownLevel === 'province' || ownLevel === 'city' ? me.regionCode : undefined);

  const regionNames = useMemo(() => {
    const names = new Map<string, string>();
    if (regionTree.data) collectNames(regionTree.data, names);
    names.set(own, me.regionName);
    return names;
  }, [regionTree.data, own, me.regionName]);

  const regionOptions = useMemo(() => {
    const ancestors = regionChain(own).filter(
      (code) => code !== own && isRuleLevel(code) && regionLevelOf(code) !== 'city',
    );
    const codes = [...ancestors, own, ...ruleRegionsBelow(regionTree.data)];
    return [...new Set(codes)].map((code) => ({
      value: code,
      label: `${regionDisplayName(t, code, regionNames)}${code === own ? '' : ` · ${t(`codes.regionLevel.${regionLevelOf(code)}`)}`}`,
    }));
  }, [own, regionTree.data, regionNames, t]);

  const inForce = useRuleSetInForce(canRead ? regionCode : undefined, date);
  const todays = useRuleSetInForce(canRead ? regionCode : undefined, today);
  const versions = useRuleSetVersions(canRead ? regionCode : undefined);

  // A county admin publishes for the own region; a province admin also for a county picked below it.
  const editRegion = regionCode.startsWith(own.replace(/0+$/, '')) && isRuleLevel(regionCode) ? regionCode : null;
  const mayPublish = canManage && editRegion !== null;

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };
  const showDate = (value: string) => {
    setDateText(value);
    update({ date: value === today ? null : value, tab: null });
  };

  if (!canRead) {
    return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="rule-set-forbidden" />;
  }

  return (
    <div className="fp-page" data-testid="rule-set-page">
      <PageHeader title={t('rules.title')} subtitle={t('rules.subtitle')} subtitleClassName="fp-rule-subtitle">
        <span className="fp-rule-header-actions">
          {mayPublish ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawerOpen(true)}
              data-testid="rule-new-version"
            >
              {t('rules.newVersion')}
            </Button>
          ) : canManage ? null : (
            <Tag icon={<LockOutlined />} className="fp-rule-readonly" data-testid="rule-read-only">
              {t('rules.readOnly')}
            </Tag>
          )}
        </span>
      </PageHeader>

      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <label className="fp-rule-filter">
            <span className="fp-muted">{t('rules.region')}</span>
            <Select
              className="fp-rule-region"
              value={padRegionCode(regionCode)}
              options={regionOptions}
              onChange={(value: string) => update({ region: value === own ? null : value })}
              popupMatchSelectWidth={false}
              aria-label={t('rules.region')}
              data-testid="rule-region"
            />
          </label>
          <label className="fp-rule-filter">
            <span className="fp-muted">{t('rules.date')}</span>
            <Input
              type="date"
              className="fp-rule-date"
              value={dateText}
              onChange={(e) => {
                setDateText(e.target.value);
                if (isIsoDate(e.target.value)) update({ date: e.target.value === today ? null : e.target.value });
              }}
              aria-label={t('rules.date')}
              data-testid="rule-date"
            />
          </label>
          {date !== today ? <Button onClick={() => showDate(today)}>{t('rules.today')}</Button> : null}
        </div>
      </Card>

      <Card size="small" className="fp-section fp-tabs-card">
        <Tabs
          activeKey={tab === 'trial' && !canTry ? 'in-force' : tab}
          onChange={(key) => update({ tab: key === 'in-force' ? null : key })}
          items={[
            {
              key: 'in-force',
              label: <span data-testid="rule-tab-in-force">{t('rules.inForceTab')}</span>,
              children: inForce.isError ? (
                <ErrorState error={inForce.error} onRetry={() => void inForce.refetch()} />
              ) : inForce.data ? (
                <RuleSetView ruleSet={inForce.data} regionNames={regionNames} />
              ) : (
                <Skeleton active paragraph={{ rows: 8 }} />
              ),
            },
            {
              key: 'history',
              label: <span data-testid="rule-tab-history">{t('rules.historyTab')}</span>,
              children: versions.isError ? (
                <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
              ) : (
                <VersionHistory
                  versions={versions.data}
                  loading={versions.isPending}
                  sources={todays.data?.sources ?? []}
                  today={today}
                  regionNames={regionNames}
                  isMobile={isMobile}
                />
              ),
            },
            ...(canTry
              ? [
                  {
                    key: 'trial',
                    label: <span data-testid="rule-tab-trial">{t('rules.trial.tab')}</span>,
                    children: <TrialAssessment key={`${regionCode}-${date}`} regionCode={regionCode} date={date} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {drawerOpen && editRegion ? (
        <NewVersionDrawer
          open
          onClose={() => setDrawerOpen(false)}
          regionCode={editRegion}
          regionName={regionDisplayName(t, editRegion, regionNames)}
          today={today}
          versions={versions.data}
          isMobile={isMobile}
          onShowDate={showDate}
          onShowHistory={() => update({ tab: 'history' })}
        />
      ) : null}
    </div>
  );
}

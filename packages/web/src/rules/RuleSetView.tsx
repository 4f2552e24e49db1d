import { Card, Col, Descriptions, Row, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringLineAdjustment, RuleSet } from '../api/types';
import {
  formatDayLimit,
  formatNumber,
  formatPercent,
  formatRuleValue,
  readableNote,
  regionDisplayName,
  ruleFieldLabel,
} from './labels';

type Items = NonNullable<DescriptionsProps['items']>;

function RuleCard({ title, testId, children }: { title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} className="fp-rule-card" data-testid={testId}>
      {children}
    </Card>
  );
}

function RuleList({ items }: { items: Items }) {
  return <Descriptions size="small" column={1} classNames={{ label: 'fp-desc-label fp-rule-label' }} items={items} />;
}

/** The rule set in force, in grouped cards a county centre reads (监测线, 时限, 公示, 阈值, 红线). */
export function RuleSetView({ ruleSet, regionNames }: { ruleSet: RuleSet; regionNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const value = (path: string, v: unknown) => formatRuleValue(t, path, v, lang);
  const row = (path: string, v: unknown, extra?: Partial<Items[number]>): Items[number] => ({
    key: path,
    label: ruleFieldLabel(t, path),
    children: value(path, v),
    ...extra,
  });
  const line = ruleSet.monitoringLine;
  const d = line.derivation;
  const flags = ruleSet.redFlags;
  const manualYears = Object.keys(ruleSet.calendar.manualYears).sort();

  return (
    <div data-testid="rule-set-view">
      <Card size="small" className="fp-section fp-rule-sources" data-testid="rule-set-sources">
        <div className="fp-rule-sources-head">
          <span className="fp-muted">{t('rules.version')}</span>
          <Tag color="blue" className="fp-mono" data-testid="rule-set-version">
            {ruleSet.version}
          </Tag>
          <span className="fp-muted">{t('rules.resolvedFor')}</span>
          <span className="fp-mono" data-testid="rule-set-resolved-for">
            {ruleSet.resolvedFor}
          </span>
          <span className="fp-muted">{ruleFieldLabel(t, 'policyEra')}</span>
          <span>{value('policyEra', ruleSet.policyEra)}</span>
        </div>
        <div className="fp-rule-sources-list">
          <span className="fp-muted">{t('rules.sources')}:</span>
          {ruleSet.sources.map((s, i) => (
            <span key={s.version} className="fp-rule-source" data-testid="rule-set-source">
              {i > 0 ? <span className="fp-dot">+</span> : null}
              <strong>{regionDisplayName(t, s.regionCode, regionNames)}</strong>{' '}
              <span className="fp-mono">{s.version}</span>{' '}
              <span className="fp-muted">
                ({t('rules.effectiveFrom')} {s.effectiveFrom})
              </span>
            </span>
          ))}
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RuleCard title={t('rules.monitoringLine')} testId="rule-card-line">
            <div className="fp-rule-line">
              <span
                className="fp-rule-line-amount"
                data-testid="monitoring-line-amount"
                data-value={String(line.yuanPerPersonYear)}
              >
                {formatNumber(line.yuanPerPersonYear, lang)}
              </span>
              <span className="fp-muted">{t('rules.perPersonYear')}</span>
              <Tag>
                {t('rules.lineYear')} {line.year}
              </Tag>
            </div>
            <Typography.Paragraph className="fp-rule-formula">
              {t('rules.derivationFormula', {
                standard: formatNumber(d.povertyStandard, lang),
                factor: formatNumber(d.factor, lang),
                roundUpTo: formatNumber(d.roundUpTo, lang),
              })}
            </Typography.Paragraph>
            {d.adjustments.length > 0 ? (
              <Table<MonitoringLineAdjustment>
                size="small"
                className="fp-rule-adjustments"
                rowKey="year"
                pagination={false}
                dataSource={d.adjustments}
                scroll={{ x: 420 }}
                columns={[
                  { title: t('rules.adjustmentYear'), dataIndex: 'year', width: 70 },
                  {
                    title: t('rules.priceIndexChange'),
                    dataIndex: 'priceIndexChange',
                    align: 'right',
                    render: (v: number) => formatPercent(t, v, lang),
                  },
                  {
                    title: t('rules.ruralIncomeGrowth'),
                    dataIndex: 'ruralIncomeGrowth',
                    align: 'right',
                    render: (v: number) => formatPercent(t, v, lang),
                  },
                  {
                    title: t('rules.ruralDibaoStandard'),
                    dataIndex: 'ruralDibaoStandard',
                    align: 'right',
                    render: (v: number) => t('rules.yuan', { value: formatNumber(v, lang) }),
                  },
                ]}
              />
            ) : null}
            {d.note ? (
              <Typography.Paragraph type="secondary" className="fp-rule-note">
                {readableNote(t, d.note)}
              </Typography.Paragraph>
            ) : null}
          </RuleCard>
        </Col>

        <Col xs={24} md={12} xl={6}>
          <RuleCard title={t('rules.basis')} testId="rule-card-basis">
            <RuleList
              items={[
                row('incomeWindowMonths', ruleSet.incomeWindowMonths),
                row('householdSizeBasis', ruleSet.householdSizeBasis),
                row('eliminationMinMonths', ruleSet.eliminationMinMonths),
                {
                  key: 'eliminationMinMeasures',
                  label: ruleFieldLabel(t, 'eliminationMinMeasures'),
                  children: t('rules.count', { count: ruleSet.eliminationMinMeasures }),
                },
              ]}
            />
          </RuleCard>
          <RuleCard title={t('rules.notice')} testId="rule-card-notice">
            <RuleList
              items={[
                row('noticeDays', ruleSet.noticeDays, {
                  children: <span data-testid="rule-notice-days">{value('noticeDays', ruleSet.noticeDays)}</span>,
                }),
                row('noticeLevel', ruleSet.noticeLevel),
              ]}
            />
          </RuleCard>
          <RuleCard title={t('rules.helpers')} testId="rule-card-helpers">
            <RuleList
              items={[
                row('helperReadScope', ruleSet.helperReadScope, {
                  children: <span data-testid="rule-helper-read-scope-value">{value('helperReadScope', ruleSet.helperReadScope)}</span>,
                }),
              ]}
            />
          </RuleCard>
        </Col>

        <Col xs={24} md={12} xl={6}>
          <RuleCard title={t('rules.deadlines')} testId="rule-card-deadlines">
            <RuleList
              items={[
                {
                  key: 'identificationLimit',
                  label: ruleFieldLabel(t, 'identificationLimit'),
                  children: <strong>{formatDayLimit(t, ruleSet.identificationLimit)}</strong>,
                },
                ...Object.entries(ruleSet.stepLimits).map(([step, limit]) => ({
                  key: step,
                  label: ruleFieldLabel(t, `stepLimits.${step}`),
                  children: limit ? formatDayLimit(t, limit) : <span className="fp-muted">{t('rules.noLimit')}</span>,
                })),
                row('cadreAssignmentWorkingDays', ruleSet.cadreAssignmentWorkingDays),
                {
                  key: 'manualYears',
                  label: t('rules.manualYears'),
                  children: manualYears.length > 0 ? manualYears.join('、') : t('rules.none'),
                },
              ]}
            />
          </RuleCard>
        </Col>

        <Col xs={24} md={12} xl={8}>
          <RuleCard title={t('rules.departmentSignals')} testId="rule-card-signals">
            <RuleList
              items={[
                row(
                  'departmentSignals.medicalOutOfPocket.general',
                  ruleSet.departmentSignals.medicalOutOfPocket.general,
                ),
                row(
                  'departmentSignals.medicalOutOfPocket.formerlyPoor',
                  ruleSet.departmentSignals.medicalOutOfPocket.formerlyPoor,
                ),
                row(
                  'departmentSignals.educationCostPerSchoolYear',
                  ruleSet.departmentSignals.educationCostPerSchoolYear,
                ),
                row('departmentSignals.operatingIncomeDropRatio', ruleSet.departmentSignals.operatingIncomeDropRatio),
              ]}
            />
          </RuleCard>
        </Col>

        <Col xs={24} md={12} xl={8}>
          <RuleCard title={t('rules.redFlags')} testId="rule-card-red-flags">
            <div className="fp-rule-flags">
              {(
                [
                  'publicServant',
                  'urbanCommercialHousing',
                  'registeredBusiness',
                  'hiredLabour',
                  'largeScaleFarming',
                  'includeLegalSupporters',
                ] as const
              ).map((key) => (
                <Tag key={key} color={flags[key] ? 'red' : 'default'} variant={flags[key] ? 'filled' : 'outlined'}>
                  {ruleFieldLabel(t, `redFlags.${key}`)}
                  {flags[key] ? '' : ` · ${t('rules.notFlagged')}`}
                </Tag>
              ))}
            </div>
            <RuleList
              items={[
                row('redFlags.vehicleKinds', flags.vehicleKinds),
                row('redFlags.vehicleMinPurchasePrice', flags.vehicleMinPurchasePrice, {
                  children:
                    flags.vehicleMinPurchasePrice === null
                      ? t('rules.anyPrice')
                      : t('rules.fromPrice', { value: formatNumber(flags.vehicleMinPurchasePrice, lang) }),
                }),
              ]}
            />
          </RuleCard>
        </Col>

        <Col xs={24} md={12} xl={8}>
          <RuleCard title={t('rules.quality')} testId="rule-card-quality">
            <RuleList
              items={[
                row('quality.implausibleWageBelow', ruleSet.quality.implausibleWageBelow),
                {
                  key: 'highIncomeFlag',
                  label: ruleFieldLabel(t, 'quality.highIncomeFlag'),
                  children: t('rules.highIncome', {
                    year: ruleSet.quality.highIncomeFlag.fromYear,
                    value: formatNumber(ruleSet.quality.highIncomeFlag.perCapitaAbove, lang),
                  }),
                },
                row('quality.quickEliminationMonths', ruleSet.quality.quickEliminationMonths),
              ]}
            />
          </RuleCard>
        </Col>
      </Row>
    </div>
  );
}

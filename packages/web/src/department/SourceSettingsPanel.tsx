import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  useDepartmentSourceSettings,
  useRecompareSource,
  useSaveDepartmentSourceSettings,
} from '../api/department-hooks';
import { mayManageSourceSettings, mayRecompareSource } from '@fangpin/domain';
import type { DepartmentSource, Me } from '../api/types';
import { useShowProblem } from '../ui/useShowProblem';

/**
 * One source's settings for the user's county: the header mapping saved from the import preview,
 * the monthly re-comparison switch (county admin / monitor) and "re-compare now" (county admin).
 */
export function SourceSettingsPanel({ source, me }: { source: DepartmentSource; me: Me | null | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const settings = useDepartmentSourceSettings(source.code);
  const save = useSaveDepartmentSourceSettings(source.code);
  const recompare = useRecompareSource(source.code);
  // A province or city account has no county of its own: nothing to show.
  if (settings.isError || !settings.data) return null;
  const mayManage = !!me && mayManageSourceSettings(me.role);
  const mayRecompare = !!me && mayRecompareSource(me.role) && source.signal !== 'none';
  const entries = Object.entries(settings.data.headerMapping);
  const fieldName = (field: string) => source.fields.find((f) => f.field === field)?.zh ?? field;
  const showError = (error: unknown) => showProblem(error);
  return (
    <div className="fp-source-settings" data-testid="source-settings" data-code={source.code}>
      <div className="fp-source-mapping" data-testid="source-mapping">
        <span className="fp-muted">{t('department.mappingSaved')}：</span>
        {entries.length === 0 ? (
          <span className="fp-muted">{t('department.mappingNone')}</span>
        ) : (
          <span className="fp-tag-list">
            {entries.map(([header, field]) => (
              <Tag key={header} color="blue" data-testid="source-mapping-entry">
                {header} → {fieldName(field)}
              </Tag>
            ))}
          </span>
        )}
      </div>
      {source.signal !== 'none' ? (
        <Space wrap className="fp-source-recompare">
          <Switch
            size="small"
            checked={settings.data.monthlyRecompare}
            disabled={!mayManage}
            loading={save.isPending}
            onChange={(checked) =>
              save.mutate(
                { monthlyRecompare: checked },
                { onSuccess: () => void message.success(t('department.settingsSaved')), onError: showError },
              )
            }
            aria-label={t('department.monthlyRecompare')}
            data-testid="source-monthly"
          />
          <span>{t('department.monthlyRecompare')}</span>
          <Typography.Text type="secondary" className="fp-muted">
            {settings.data.lastRecomparedOn
              ? t('department.lastRecomparedOn', { date: settings.data.lastRecomparedOn })
              : t('department.neverRecompared')}
          </Typography.Text>
          {mayRecompare ? (
            <Button
              size="small"
              icon={<SyncOutlined />}
              loading={recompare.isPending}
              onClick={() =>
                recompare.mutate(undefined, {
                  onSuccess: (r) =>
                    void message.success(
                      t('department.recompareDone', {
                        households: r.households,
                        warnings: r.warnings,
                        count: r.newWarnings,
                      }),
                    ),
                  onError: showError,
                })
              }
              data-testid="source-recompare"
            >
              {t('department.recompareNow')}
            </Button>
          ) : null}
          <div className="fp-muted">{t('department.monthlyRecompareHint')}</div>
        </Space>
      ) : null}
    </div>
  );
}

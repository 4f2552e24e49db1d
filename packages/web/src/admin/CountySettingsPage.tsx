import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../api/client';
import { useSignedInUser } from '../app/signed-in-user';
import { formatDateTime } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { PageHeader } from '../ui/PageHeader';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import './admin.css';
import { operatorName } from '../ui/operator';

/** GET/PUT /api/county-settings */
export interface CountySettings {
  countyCode: string;
  supervisionPhone: string | null;
  updatedBy: string | null;
  updatedByDisplayName?: string | null;
  updatedAt: string | null;
}

const KEY = ['county-settings'] as const;

/**
 * 县级设置: what the county admin sets for the whole county — the supervision / hotline number
 * (监督举报电话) printed on every public notice (公示) and self-application QR poster.
 */
export function CountySettingsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('countySettings.title'));
  const { message } = App.useApp();
  const me = useSignedInUser();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<CountySettings>('/api/county-settings', { signal }) });
  const save = useMutation({
    mutationFn: (supervisionPhone: string | null) => apiFetch<CountySettings>('/api/county-settings', { method: 'PUT', body: { supervisionPhone } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      void message.success(t('countySettings.saved'));
    },
  });
  const [phone, setPhone] = useState('');
  useEffect(() => setPhone(settings.data?.supervisionPhone ?? ''), [settings.data?.supervisionPhone]);

  if (!me.abilities.canManageCountySettings) return <Result status="403" title={t('errors.FORBIDDEN')} />;
  const s = settings.data;
  return (
    <div className="fp-page" data-testid="county-settings-page">
      <PageHeader title={t('countySettings.title')} subtitle={t('countySettings.subtitle')} />
      {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {!s ? (
        settings.isPending ? <Skeleton active /> : null
      ) : (
        <Card size="small" className="fp-section" title={t('countySettings.supervisionPhone')}>
          <Typography.Paragraph className="fp-muted">{t('countySettings.supervisionHint')}</Typography.Paragraph>
          <form
            className="fp-county-settings-form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(phone.trim() ? phone.trim() : null);
            }}
          >
            <label className="fp-county-settings-field">
              <span>{t('countySettings.supervisionPhone')}</span>
              <Input
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                inputMode="tel"
                maxLength={60}
                placeholder="0776-7921234"
                aria-label={t('countySettings.supervisionPhone')}
                data-testid="county-supervision-phone"
                status={save.isError ? 'error' : undefined}
              />
            </label>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="county-settings-save">
              {t('countySettings.save')}
            </Button>
          </form>
          <ProblemAlert error={save.error} className="fp-section" testId="county-settings-error" />
          <div className="fp-muted fp-section" data-testid="county-settings-updated">
            {s.updatedAt && s.updatedBy
              ? t('countySettings.updated', { by: operatorName(t, { actorName: s.updatedBy, actorDisplayName: s.updatedByDisplayName }), time: formatDateTime(s.updatedAt, i18n.language) })
              : t('countySettings.notSet')}
          </div>
        </Card>
      )}
    </div>
  );
}

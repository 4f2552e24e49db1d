import { ExportOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Card, Input, Result, Space, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../app/signed-in-user';
import { useScopeVillages } from '../hotline/hooks';
import { intakeAbilities } from '../hotline/roles';
import type { VillageOption } from '../hotline/types';
import { villageMatches } from '../hotline/villages';
import { PagedList } from '../ui/PagedList';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { PageHeader } from '../ui/PageHeader';

/** The villages in the actor's region, each with a link to its printable QR poster. */
export function PostersPage() {
  const me = useSignedInUser();
  const { t } = useTranslation();
  useDocumentTitle(t('apply.posters.title'));
  const canPrint = intakeAbilities(me).canPrintPosters;
  const villages = useScopeVillages(canPrint ? me.regionCode : undefined);
  const [text, setText] = useState('');
  const rows = useMemo(() => (villages.data ?? []).filter((v) => villageMatches(v, text)), [villages.data, text]);

  if (!canPrint) return <Result status="403" title={t('errors.FORBIDDEN')} />;

  const columns: TableColumnsType<VillageOption> = [
    { title: t('apply.posters.township'), dataIndex: 'townshipName', width: 160 },
    { title: t('apply.posters.village'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
    {
      title: t('apply.posters.code'),
      dataIndex: 'code',
      width: 160,
      responsive: ['md'],
      render: (code: string) => <span className="fp-mono fp-muted">{code}</span>,
    },
    {
      title: t('apply.posters.actions'),
      key: 'actions',
      width: 240,
      render: (_, v) => (
        <Space size="middle" wrap>
          <Link to={`/apply/poster?village=${v.code}`} data-testid="poster-link">
            <PrinterOutlined /> {t('apply.posters.print')}
          </Link>
          <a href={`/apply?village=${v.code}`} target="_blank" rel="noreferrer">
            <ExportOutlined /> {t('apply.posters.open')}
          </a>
        </Space>
      ),
    },
  ];

  return (
    <div className="fp-page" data-testid="posters-page">
      <PageHeader icon={<QrcodeOutlined />} title={t('apply.posters.title')} subtitle={t('apply.posters.subtitle')}>
        {villages.data ? (
          <span className="fp-muted">{t('apply.posters.total', { count: villages.data.length })}</span>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <Input.Search
          allowClear
          className="fp-filter-search"
          placeholder={t('apply.posters.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="posters-search"
        />
      </Card>
      <PagedList<VillageOption>
        query={villages}
        rows={rows}
        emptyText={t('apply.posters.empty')}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        table={{ rowKey: 'code', columns }}
      />
    </div>
  );
}

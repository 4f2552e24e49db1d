import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseNotice } from '../hooks';
import type { CaseDetail } from '../types';

/** The notice in force: its dates and the print link (shown above the notice actions). */
export function NoticeInfo({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const notice = useCaseNotice(detail.id);
  return (
    <div className="fp-notice-info" data-testid="notice-info">
      {notice.data ? (
        <Descriptions size="small" column={1} className="fp-notice-desc">
          <Descriptions.Item label={t('cases.notice.startOn')}>
            <span className="fp-mono" data-testid="notice-start">
              {notice.data.startOn}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.notice.endOn')}>
            <span className="fp-mono" data-testid="notice-end">
              {notice.data.endOn}
            </span>
            <span className="fp-muted"> （{t('cases.notice.days', { count: notice.data.days })}）</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Link to={`/cases/${detail.id}/notice`} data-testid="notice-print-link">
        <Button icon={<PrinterOutlined />}>{t('cases.notice.print')}</Button>
      </Link>
    </div>
  );
}

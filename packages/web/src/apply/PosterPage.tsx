import { ArrowLeftOutlined, PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { usePublicVillage } from './api';
import { villageFromParams } from './apply-form';
import './apply.css';

/** The address a village's QR code opens (the server encodes the same one in the SVG). */
export function applicationUrl(origin: string, villageCode: string): string {
  return `${origin}/apply?village=${encodeURIComponent(villageCode)}`;
}

export function qrImageUrl(villageCode: string): string {
  return `/api/regions/${encodeURIComponent(villageCode)}/application-qr.svg`;
}

/** A4 poster with the village's self-application QR code; the print style hides the app around it. */
export function PosterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = villageFromParams(params);
  const village = usePublicVillage(code);
  useDocumentTitle(village.data ? `${village.data.name} · ${t('apply.poster.title')}` : t('apply.poster.title'));

  if (!code) {
    return (
      <Result
        status="info"
        title={t('apply.poster.missingVillage')}
        extra={
          <Link to="/apply/posters">
            <Button type="primary">{t('apply.posters.title')}</Button>
          </Link>
        }
      />
    );
  }
  if (village.isError) return <ErrorState error={village.error} onRetry={() => void village.refetch()} />;
  if (!village.data) return <Spin />;
  const v = village.data;
  const url = applicationUrl(window.location.origin, v.code);

  return (
    <div className="fp-poster-page" data-testid="poster-page">
      <div className="fp-poster-toolbar">
        <Link to="/apply/posters">
          <Button icon={<ArrowLeftOutlined />}>{t('apply.poster.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {t('apply.poster.print')}
        </Button>
        <span className="fp-muted">{t('apply.poster.printHint')}</span>
      </div>
      <article className="fp-poster" data-testid="poster">
        <div className="fp-poster-band">
          <div className="fp-poster-place" data-testid="poster-village">
            {v.countyName} {v.townshipName} {v.name}
          </div>
          <h1 className="fp-poster-title">{t('apply.poster.title')}</h1>
          <div className="fp-poster-subtitle">{t('apply.poster.subtitle')}</div>
        </div>
        <div className="fp-poster-risks">{t('apply.poster.risks')}</div>
        <div className="fp-poster-qr-frame">
          <img className="fp-poster-qr" src={qrImageUrl(v.code)} alt={url} data-testid="poster-qr" />
          <div className="fp-poster-scan">{t('apply.poster.scan')}</div>
        </div>
        <div className="fp-poster-url">
          <span>{t('apply.poster.orVisit')}</span>
          <span className="fp-poster-url-text" data-testid="poster-url">
            {url}
          </span>
        </div>
        <div className="fp-poster-steps">{t('apply.poster.steps')}</div>
        {v.supervisionPhone ? (
          <div className="fp-poster-hotline" data-testid="poster-hotline">
            <div className="fp-poster-hotline-number">
              <PhoneOutlined /> {t('apply.poster.hotlinePhone', { phone: v.supervisionPhone })}
            </div>
            <div>{t('apply.poster.hotlineOthers')}</div>
          </div>
        ) : (
          <div className="fp-poster-hotline" data-testid="poster-hotline">
            <PhoneOutlined /> {t('apply.poster.hotline')}
          </div>
        )}
        <div className="fp-poster-footer">{t('apply.footer', { county: v.countyName })}</div>
      </article>
    </div>
  );
}

import { CheckOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/**
 * The language menu of the header, the login page and the public application page. Two choices
 * need no antd Dropdown (menu, popup positioning and motion are ≈ 40 KB of JavaScript the login
 * and public pages would download first on a village phone): a button and a small list.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  void i18n; // re-render on language change
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div className="fp-lang" ref={root}>
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('header.language')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        data-testid="language-switch"
      >
        {compact ? null : language === 'en' ? 'EN' : '中文'}
      </Button>
      {open ? (
        <ul className="fp-lang-menu" role="menu">
          {(Object.keys(NAMES) as Language[]).map((key) => (
            <li key={key} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={key === language}
                lang={key}
                className={key === language ? 'fp-lang-item fp-lang-item-active' : 'fp-lang-item'}
                data-testid={`language-${key}`}
                onClick={() => {
                  setOpen(false);
                  void setLanguage(key);
                }}
              >
                <span>{NAMES[key]}</span>
                {key === language ? <CheckOutlined /> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

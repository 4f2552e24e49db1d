import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  void i18n; // re-render on language change
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: (Object.keys(NAMES) as Language[]).map((key) => ({
          key,
          label: <span data-testid={`language-${key}`}>{NAMES[key]}</span>,
        })),
        onClick: ({ key }) => void setLanguage(key as Language),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('header.language')} data-testid="language-switch">
        {compact ? null : language === 'en' ? 'EN' : '中文'}
      </Button>
    </Dropdown>
  );
}

import { FileTextOutlined, PhoneOutlined, QrcodeOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Me } from '../api/types';
import { intakeAbilities } from './roles';

/** The side-menu group for clue intake (热线登记, 热线记录, 走访记录, 申报二维码), by role. */
export function intakeItems(me: Me, t: TFunction): NonNullable<MenuProps['items']> {
  const abilities = intakeAbilities(me);
  const children: NonNullable<MenuProps['items']> = [
    ...(abilities.canUseHotline
      ? [
          {
            key: 'hotline',
            icon: <PhoneOutlined />,
            label: <span data-testid="nav-hotline">{t('hotline.nav.desk')}</span>,
          },
          {
            key: 'hotline-records',
            icon: <FileTextOutlined />,
            label: <span data-testid="nav-hotline-records">{t('hotline.nav.records')}</span>,
          },
        ]
      : []),
    ...(abilities.canReadVisits || abilities.canReportVisits
      ? [
          {
            key: 'visits',
            icon: <SolutionOutlined />,
            label: <span data-testid="nav-visits">{t('hotline.nav.visits')}</span>,
          },
        ]
      : []),
    ...(abilities.canPrintPosters
      ? [
          {
            key: 'posters',
            icon: <QrcodeOutlined />,
            label: <span data-testid="nav-posters">{t('hotline.nav.posters')}</span>,
          },
        ]
      : []),
  ];
  return children.length > 0
    ? [{ type: 'group' as const, key: 'intake', label: t('hotline.nav.group'), children }]
    : [];
}

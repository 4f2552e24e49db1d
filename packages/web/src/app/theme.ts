import type { ThemeConfig } from 'antd';

/** System CJK fonts first (PingFang on iOS, YaHei on Windows, Noto/Source Han on Android and Linux). */
export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", ' +
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

export const SIDER_BG = '#10264f';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4fa3',
    colorInfo: '#1d4fa3',
    colorLink: '#1d4fa3',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f3f5f9',
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#0c1f42',
      darkItemSelectedBg: '#1d4fa3',
      darkGroupTitleColor: 'rgba(255,255,255,0.45)',
    },
    Table: { headerBg: '#f5f7fb' },
  },
};

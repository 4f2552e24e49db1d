/**
 * Texts of the department data pages, registered as an extra bundle under `department.` when those
 * pages load, so the login and public pages do not download them (the login page's 200 KB budget).
 */
// The app's instance (initialised there), so a page imported on its own, as in a unit test, works too.
import i18n from '../i18n';
import { departmentEn, departmentZh } from './messages';

i18n.addResourceBundle('zh-CN', 'translation', { department: departmentZh }, true, false);
i18n.addResourceBundle('en', 'translation', { department: departmentEn }, true, false);

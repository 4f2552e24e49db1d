/**
 * Texts of the visits pages, registered as an extra bundle under `visits.` when those pages (or the
 * menu that names them) load, so the login and public pages do not download them.
 */
// The app's instance (initialised there), so a page imported on its own, as in a unit test, works too.
import i18n from '../i18n';
import { visitsEn, visitsZh } from './messages';

i18n.addResourceBundle('zh-CN', 'translation', { visits: visitsZh }, true, false);
i18n.addResourceBundle('en', 'translation', { visits: visitsEn }, true, false);

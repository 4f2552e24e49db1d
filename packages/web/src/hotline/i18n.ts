/**
 * Texts of the hotline pages, registered as an extra bundle under `hotline.` when those pages (or the
 * menu that names them) load, so the login and public pages do not download them.
 */
// The app's instance (initialised there), so a page imported on its own, as in a unit test, works too.
import i18n from '../i18n';
import { hotlineEn, hotlineZh } from './messages';

i18n.addResourceBundle('zh-CN', 'translation', { hotline: hotlineZh }, true, false);
i18n.addResourceBundle('en', 'translation', { hotline: hotlineEn }, true, false);

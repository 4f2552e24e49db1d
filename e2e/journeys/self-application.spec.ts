import path from 'node:path';
import { expect, test } from '../support/test.ts';
import { chooseAction, chooseOption, idNumberOf, signIn, submitAction } from '../support/cases.ts';
import { expectNoHorizontalOverflow, SCREENSHOTS } from '../support/journey.ts';

// Self-application (自主申报, issue 5): the county prints 百乐村's QR poster; a villager opens the
// link on a phone without logging in, describes the trouble, consents and submits; the page gives a
// reference number, with which (and the phone) the applicant later asks about progress. At the
// county the application is a clue with its identification case, channel 自主申报, filed by
// 自主申报（群众）. The family is not in the registry (issue 11 item 2): the county dispatches the home
// check, and the 百乐村 cadre, finding nobody of that name in the village, registers the household
// with its members on a phone before the home check, which then lists them. The poster carries the
// county's supervision number, which the county admin sets first.

test.use({ actionTimeout: 15_000 });

test('a villager applies from the village poster on a phone; the county finds the case; the applicant asks about progress', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const phone = `137${String(Date.now()).slice(-8)}`;
  const description = `家里老人突发脑梗住院，已花费2万多元，担心今年收入不够开支（${phone.slice(-4)}）`;

  // The county admin sets the county's supervision number (县级设置, issue 11 item 10), printed on
  // every poster and public notice.
  await signIn(page, 'county-admin');
  await page.getByTestId('nav-county-settings').click();
  await expect(page.getByTestId('county-settings-page')).toBeVisible();
  await page.getByTestId('county-supervision-phone').fill('0776-7921234');
  await page.getByTestId('county-settings-save').click();
  // Who changed it, by display name (issue 11 item 9), not by login name.
  await expect(page.getByTestId('county-settings-updated')).toContainText('县级管理员');
  await expect(page.getByTestId('county-settings-updated')).not.toContainText('county-admin');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'county-settings.png') });

  // The county monitor prints the poster of 百乐村.
  await signIn(page, 'monitor');
  await page.goto('/apply/posters');
  await expect(page.getByTestId('posters-page')).toBeVisible();
  await page.locator('[data-testid="posters-search"] input, input[data-testid="posters-search"]').fill('百乐村');
  await page.getByTestId('poster-link').first().click();
  await expect(page.getByTestId('poster-village')).toContainText('百乐村');
  const url = (await page.getByTestId('poster-url').textContent())?.trim() ?? '';
  expect(url).toMatch(/^http:\/\/[^/]+\/apply\?village=\d{12}$/);
  // The QR code image is served and drawn (an SVG from the server, same link as the text).
  await expect(page.getByTestId('poster-qr')).toHaveAttribute('alt', url);
  await expect
    .poll(() => page.getByTestId('poster-qr').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0))
    .toBe(true);
  await expect(page.getByTestId('poster-hotline')).toContainText('监督举报及咨询电话：0776-7921234');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'apply-poster.png'), fullPage: true });

  // A villager scans it: a phone of their own, no login.
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const villager = await phoneContext.newPage();
  await villager.goto(url.replace(/^http:\/\/[^/]+/, baseURL ?? ''));
  await expect(villager.getByTestId('apply-village-name')).toHaveText('甘田镇 百乐村');
  await villager.getByTestId('apply-name').fill('韦阿婆');
  await villager.getByTestId('apply-phone').fill(phone);
  await villager.getByTestId('apply-description').fill(description);
  // Without the consent the form says what is missing and sends nothing.
  await villager.getByTestId('apply-submit').click();
  await expect(villager.getByTestId('apply-consent-error')).toHaveText('请勾选同意后再提交');
  await expect(villager.getByTestId('apply-done')).toHaveCount(0);
  await villager.getByTestId('apply-consent').click();
  await expectNoHorizontalOverflow(villager);
  await villager.screenshot({ path: path.join(SCREENSHOTS, 'apply-phone.png'), fullPage: true });
  await villager.getByTestId('apply-submit').click();
  await expect(villager.getByTestId('apply-done')).toBeVisible();
  const referenceNo = (await villager.getByTestId('apply-reference').textContent())?.replace(/\s/g, '') ?? '';
  expect(referenceNo).toMatch(/^SQ\d{8}-[2-9A-HJ-NP-Z]{6}$/);
  await villager.screenshot({ path: path.join(SCREENSHOTS, 'apply-phone-done.png'), fullPage: true });

  // At the county (the monitor is still signed in): a clue with its identification case, channel self-application.
  const listed = await page.request.get('/api/cases?pageSize=100');
  expect(listed.ok()).toBe(true);
  const { items } = (await listed.json()) as { items: { id: string; channel: string; summary: string; villageName: string }[] };
  const found = items.find((c) => c.channel === 'application' && c.summary.includes(description));
  expect(found, 'the application is an open case').toBeTruthy();
  expect(found!.villageName).toBe('百乐村');
  await page.goto(`/cases/${found!.id}`);
  await expect(page.getByTestId('case-channel')).toHaveAttribute('data-channel', 'application');
  await expect(page.getByTestId('case-summary')).toContainText('脑梗');
  const clue = page.locator('[data-testid="timeline-entry"][data-type="registerClue"]');
  await expect(clue.getByTestId('timeline-actor')).toHaveText('自主申报（群众）');
  await expect(clue).not.toContainText('public:');
  // No household yet: the county is offered to link one first, and the members card says so.
  await expect(page.getByTestId('case-action-linkHousehold')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('link-needed')).toBeVisible();
  await expect(page.getByTestId('case-no-household')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-link-household.png'), animations: 'disabled' });
  await chooseAction(page, 'startVerification');
  await submitAction(page, 'startVerification', 'homeVerification');

  // The 百乐村 cadre on a phone: nobody of that name in the village, so the family is registered.
  const cadre = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const cadrePage = await cadre.newPage();
  await signIn(cadrePage, 'village-baile');
  await cadrePage.goto(`/cases/${found!.id}`);
  await expect(cadrePage.getByTestId('case-action-linkHousehold')).toHaveAttribute('aria-selected', 'true');
  await cadrePage.getByTestId('case-action-recordVerification').click();
  await expect(cadrePage.getByTestId('verify-needs-household')).toBeVisible();
  await cadrePage.getByTestId('case-action-linkHousehold').click();
  // (antd puts an Input.Search's test id on its wrapper or on the input, depending on the version.)
  const searchBox = cadrePage.locator('[data-testid="link-search-input"] input, input[data-testid="link-search-input"]');
  await searchBox.fill('韦阿婆');
  await searchBox.press('Enter');
  await expect(cadrePage.getByTestId('link-none')).toBeVisible();
  await cadrePage.getByTestId('link-mode-register').click();
  const seq = String(Date.now() % 900 + 100);
  await cadrePage.getByTestId('link-address').fill('甘田镇百乐村上屯');
  await cadrePage.getByTestId('link-member-0-name').fill('韦阿婆');
  await cadrePage.getByTestId('link-member-0-id').fill(idNumberOf('451028', '1958-04-02', seq.slice(0, 2) + '2'));
  await cadrePage.getByTestId('link-member-add').click();
  await cadrePage.getByTestId('link-member-1-name').fill('罗老伯');
  await cadrePage.getByTestId('link-member-1-id').fill(idNumberOf('451028', '1955-10-09', seq.slice(0, 2) + '1'));
  await chooseOption(cadrePage, 'link-member-1-health', '患有大病');
  await chooseOption(cadrePage, 'link-member-1-labour', '丧失劳动力');
  await expectNoHorizontalOverflow(cadrePage);
  await cadrePage.getByTestId('link-members').scrollIntoViewIfNeeded();
  await cadrePage.screenshot({ path: path.join(SCREENSHOTS, 'case-register-household-mobile.png') });
  await submitAction(cadrePage, 'linkHousehold', 'homeVerification');
  await expect(cadrePage.getByTestId('case-title')).toHaveText('韦阿婆');
  const linked = cadrePage.locator('[data-testid="timeline-entry"][data-type="linkHousehold"]');
  await expect(linked).toContainText('登记新户并关联');
  await expect(linked).toContainText('2 人');
  // The home check now starts from the registered members.
  await expect(cadrePage.getByTestId('case-action-recordVerification')).toBeVisible();
  await expect(cadrePage.getByTestId('verify-member')).toHaveCount(2);
  await expect(cadrePage.getByTestId('verify-labourers')).toHaveText('劳动力 0 人');
  await cadre.close();

  // Days later the applicant asks about progress: the right phone shows the status, a wrong one nothing.
  await villager.goto(url.replace(/^http:\/\/[^/]+/, baseURL ?? ''));
  await villager.getByTestId('progress-reference').fill(referenceNo);
  await villager.getByTestId('progress-phone').fill('13000000000');
  await villager.getByTestId('progress-submit').click();
  await expect(villager.getByTestId('progress-error')).toBeVisible();
  await expect(villager.getByTestId('progress-result')).toHaveCount(0);
  await villager.getByTestId('progress-phone').fill(phone);
  await villager.getByTestId('progress-submit').click();
  await expect(villager.getByTestId('progress-status')).toBeVisible();
  expect(['received', 'inProgress']).toContain(await villager.getByTestId('progress-status').getAttribute('data-status'));
  await phoneContext.close();
});

// Browser tests of the public pages in Debian's Chromium (playwright-core, no downloaded
// browser): a resident on a phone files a complaint on the ward page, gets a tracking code,
// and follows it; personal data never shows; the layout fits a small phone screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHub, sourceDir } from './hub.mjs';

const shots = join(sourceDir, 'tests', 'browser', 'screenshots');
let hub;
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  hub = await startHub();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await hub?.stop();
});

async function phonePage() {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN',
  });
  return context.newPage();
}

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
}

test('a resident files a complaint on the ward page and follows it by its code', async () => {
  const page = await phonePage();
  await page.goto(`${hub.url}/w/kim-lien`);
  assert.equal(await page.locator('h1').first().textContent(), 'Phường Kim Liên');
  await noHorizontalScroll(page);
  await page.screenshot({ path: join(shots, 'ward-kim-lien.png'), fullPage: true });

  await page.fill('#text', 'Cây xà cừ trước số 25 ngõ 4B Đặng Văn Ngữ bị nghiêng hẳn ra đường sau mưa, rễ bật lên, sợ đổ vào người đi đường. Tôi tên là Lê Văn Hùng, SĐT 0904 123 456.');
  await page.fill('#address', 'Ngõ 4B Đặng Văn Ngữ');
  await page.fill('#name', 'Lê Văn Hùng');
  await page.fill('#phone', '0904123456');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit] >> nth=0')]);
  const code = (await page.locator('#tracking-code').textContent()).trim();
  assert.match(code, /^PA-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
  await noHorizontalScroll(page);
  await page.screenshot({ path: join(shots, 'feedback-accepted.png'), fullPage: true });

  await Promise.all([page.waitForNavigation(), page.click('a.button')]);
  assert.equal(new URL(page.url()).pathname, `/track/${code}`);
  const body = await page.locator('body').textContent();
  assert.ok(body.includes('Kim Liên'));
  assert.ok(body.includes('Cây xanh'), 'the category label is shown');
  for (const secret of ['Lê Văn Hùng', '0904 123 456', '0904123456', 'số 25']) {
    assert.ok(!body.includes(secret), `the public page shows "${secret}"`);
  }
  await noHorizontalScroll(page);
  await page.screenshot({ path: join(shots, 'track.png'), fullPage: true });

  // The lookup box on the ward page finds the same case from a sloppily typed code.
  await page.goto(`${hub.url}/w/kim-lien`);
  await page.fill('#code', code.toLowerCase().replaceAll('-', ' '));
  await Promise.all([page.waitForNavigation(), page.click('form.inline-form button')]);
  assert.equal(new URL(page.url()).pathname, `/track/${code}`);
  await page.context().close();
});

test('an empty complaint is refused with a Vietnamese message and the form keeps its values', async () => {
  const page = await phonePage();
  await page.goto(`${hub.url}/w/lang-ha`);
  await page.fill('#name', 'Phạm Thu Trang');
  // Bypass the browser's own "required" check to exercise the server's answer.
  await page.evaluate(() => document.querySelector('#text').removeAttribute('required'));
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit] >> nth=0')]);
  const alert = await page.locator('[role=alert]').textContent();
  assert.equal(alert.trim(), 'Xin ông/bà nhập nội dung phản ánh.');
  assert.equal(await page.inputValue('#name'), 'Phạm Thu Trang');
  await page.context().close();
});

test('script in a complaint is shown as text, never run', async () => {
  const page = await phonePage();
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(`${hub.url}/w/van-mieu`);
  await page.fill('#text', '<img src=x onerror=alert(1)><script>alert(2)</script> rác đầu ngõ');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit] >> nth=0')]);
  await Promise.all([page.waitForNavigation(), page.click('a.button')]);
  assert.ok((await page.locator('.summary').textContent()).includes('<script>alert(2)</script>'));
  assert.equal(dialogs, 0);
  await page.context().close();
});

test('unknown wards and codes get a friendly Vietnamese 404 page', async () => {
  const page = await phonePage();
  const res = await page.goto(`${hub.url}/w/khong-ton-tai`);
  assert.equal(res.status(), 404);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Không tìm thấy phường');
  const res2 = await page.goto(`${hub.url}/track/PA-2222-3333`);
  assert.equal(res2.status(), 404);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Không tìm thấy phản ánh');
  await page.screenshot({ path: join(shots, 'not-found.png') });
  await page.context().close();
});

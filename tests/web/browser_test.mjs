// Drives Marsad's search page in headless Chromium against a running `marsad-search serve`.
//   MARSAD_URL=http://127.0.0.1:PORT [SCREENSHOT_DIR=DIR] node browser_test.mjs
//   node browser_test.mjs --url http://127.0.0.1:PORT [--screenshots DIR]
// Each step fails with a message that names it; the run exits 1 on the first failure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const KARABAKH_CLAIMS = 'place:nagorno-karabakh claim:casualties date:2020-09-27..2020-10-07';
const KARABAKH_TOLL = 'place:nagorno-karabakh claim:casualties';
const XSS_TITLE = '<script>alert(1)</script>';
// The Derna dispatch of the agency (b-038) and the three outlets' copies of it in the sample corpus.
const DERNA_QUERY = '"انهيار سدين على وادي درنة"';
const DERNA_STORY = ['b-038', 'w-001', 'w-002', 'w-003'];
// The page's default: one hit per story, stories counted.
const ONE_PER_STORY = [['collapse', '1'], ['count', 'stories']];

function option(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const baseUrl = (option('--url') || process.env.MARSAD_URL || '').replace(/\/+$/, '');
const screenshotDir = option('--screenshots') || process.env.SCREENSHOT_DIR || '';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!baseUrl) {
  console.error('usage: MARSAD_URL=http://127.0.0.1:PORT node browser_test.mjs (or --url URL)');
  process.exit(2);
}

// ------------------------------------------------------------------ helpers

/** The API's own answer, to compare with what the page shows. */
async function api(endpoint, pairs) {
  const query = new URLSearchParams(pairs).toString();
  const response = await fetch(`${baseUrl}/api/${endpoint}?${query}`);
  const body = await response.json();
  assert.ok(response.ok, `GET /api/${endpoint}?${query} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The API's total as the page asks for it, one hit per story unless `perStory` is false. */
async function apiTotal(pairs, perStory = true) {
  const body = await api('search', [...pairs, ...(perStory ? ONE_PER_STORY : []), ['limit', '10']]);
  return body.total.value;
}

/** Runs an action and waits until the page has finished the load it started. */
async function settle(page, action) {
  const before = await page.evaluate(() => {
    const main = document.getElementById('main');
    return main ? Number(main.dataset.loaded || 0) : 0;
  });
  await action();
  try {
    // A function, not a string: the page's policy forbids eval, and strings are evaluated.
    await page.waitForFunction((seen) => {
      const main = document.getElementById('main');
      return Boolean(main) && Number(main.dataset.loaded || 0) > seen;
    }, before, { timeout: 15000 });
  } catch (err) {
    const status = await page.evaluate(() => {
      const node = document.getElementById('status');
      return node ? node.textContent : '(the page has no #status: is it the search page?)';
    }).catch(() => '');
    throw new Error(`the page did not finish loading within 15 s (${page.url()}; status: "${status}")`);
  }
}

async function shownTotal(page) {
  const text = await page.locator('#total-value').textContent();
  const digits = text.replace(/[^0-9]/g, '');
  assert.ok(digits, `the result count shows no number ("${text}")`);
  return Number(digits);
}

function urlParams(page) {
  return new URL(page.url()).searchParams;
}

async function search(page, query) {
  await page.locator('#q').fill(query);
  await settle(page, () => page.locator('#q').press('Enter'));
}

async function screenshot(page, name) {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

async function noHorizontalOverflow(page, where) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(widths.scroll <= 360,
    `${where}: the page is ${widths.scroll}px wide in a 360px window (something overflows horizontally)`);
}

// ------------------------------------------------------------------ the steps

const memory = {};

const steps = [
  ['the page loads in Arabic, right to left', async (page) => {
    await settle(page, () => page.goto(`${baseUrl}/`));
    const root = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    assert.equal(root.lang, 'ar', 'html lang');
    assert.equal(root.dir, 'rtl', 'html dir');
    assert.ok(await page.locator('form[role="search"] #q').isVisible(), 'the search box is not visible');
    const stats = await api('stats', [['count', 'stories']]);
    assert.ok(stats.stories > 0 && stats.stories < stats.documents, `/api/stats: ${stats.stories} stories of ${stats.documents}`);
    const info = await page.locator('#results-head .index-info').textContent();
    assert.ok(info.includes(String(stats.stories)), `the index summary does not give the ${stats.stories} stories: "${info}"`);
    assert.ok(await page.locator('#results-head .largest-stories .story-all').count() > 0, 'no story is listed among the most carried');
  }],

  ['searching قتلى shows the API\'s exact total', async (page) => {
    await search(page, 'قتلى');
    assert.equal(urlParams(page).get('q'), 'قتلى', `the URL does not carry q=قتلى: ${page.url()}`);
    const expected = await apiTotal([['q', 'قتلى']]);
    assert.ok(expected > 0, 'the API finds no report for قتلى');
    assert.equal(await shownTotal(page), expected, 'shown total against /api/search');
    assert.ok(await page.locator('#hits .hit').count() > 0, 'no hit is listed');
    assert.ok(await page.locator('#hits .hit-snippet mark').count() > 0, 'no snippet highlights a match with <mark>');
    memory.qatlaTotal = expected;
    memory.qatlaReports = await apiTotal([['q', 'قتلى']], false);
    await screenshot(page, 'search-results.png');
  }],

  ['the first actor facet value filters the results', async (page) => {
    const first = page.locator('.facet[data-dim="actor"] .facet-values input[type="checkbox"]').first();
    const actor = await first.getAttribute('value');
    assert.ok(actor, 'the actor facet lists no value');
    await settle(page, () => first.click());
    assert.deepEqual(urlParams(page).getAll('actor'), [actor], `the URL does not carry actor=${actor}: ${page.url()}`);
    const expected = await apiTotal([['q', 'قتلى'], ['actor', actor]]);
    assert.equal(await shownTotal(page), expected, `shown total with actor=${actor} against /api/search`);
    assert.ok(await page.locator(`.facet[data-dim="actor"] input[value="${actor}"]`).isChecked(),
      'the chosen actor is not ticked after the reload');
  }],

  ['Back restores the previous search', async (page) => {
    await settle(page, () => page.goBack());
    assert.equal(urlParams(page).getAll('actor').length, 0, `the URL still has actor= after Back: ${page.url()}`);
    assert.equal(await shownTotal(page), memory.qatlaTotal, 'the total after Back');
  }],

  ['a date histogram bar filters to its period', async (page) => {
    const bars = page.locator('#histogram .bar-group');
    assert.ok(await bars.count() > 0, 'the histogram has no clickable bar');
    const tallest = await page.evaluate(() => {
      const heights = [...document.querySelectorAll('#histogram .bar-group rect.bar')].map((r) => Number(r.getAttribute('height')));
      return heights.indexOf(Math.max(...heights));
    });
    await settle(page, () => bars.nth(tallest).click());
    const params = urlParams(page);
    assert.ok(params.get('from') && params.get('to'), `the URL lacks from/to after clicking a bar: ${page.url()}`);
    const expected = await apiTotal([['q', 'قتلى'], ['from', params.get('from')], ['to', params.get('to')]]);
    assert.equal(await shownTotal(page), expected, 'shown total for the bar\'s period against /api/search');
    assert.ok(await page.locator('#histogram .bar-group.selected').count() > 0, 'the chosen bar is not marked');
  }],

  ['dragging across bars selects their whole range', async (page) => {
    const bars = page.locator('#histogram .bar-group');
    const count = await bars.count();
    assert.ok(count >= 3, `too few bars to drag across (${count})`);
    const first = await bars.nth(0).boundingBox();
    const last = await bars.nth(count - 1).boundingBox();
    await settle(page, async () => {
      await page.mouse.move(first.x + first.width / 2, first.y + first.height - 5);
      await page.mouse.down();
      await page.mouse.move(last.x + last.width / 2, last.y + last.height - 5, { steps: 6 });
      await page.mouse.up();
    });
    const spans = await bars.evaluateAll((groups) => groups.map((g) => g.getAttribute('data-bucket')));
    const params = urlParams(page);
    assert.ok(params.get('from') && params.get('to'), `the URL lacks from/to after a drag: ${page.url()}`);
    // A bar's period starts on its bucket; a week's ends six days later, other buckets end on themselves.
    assert.equal(params.get('from'), spans[0], 'from= is not the first bar\'s bucket');
    assert.ok(params.get('to') >= spans[spans.length - 1],
      `to=${params.get('to')} does not reach the last bar (${spans[spans.length - 1]})`);
  }],

  ['the claims tab puts two claimants\' figures side by side', async (page) => {
    await settle(page, () => page.locator('#clear-all').click());
    assert.ok(!urlParams(page).get('from'), `the global clear left from= in the URL: ${page.url()}`);
    await search(page, KARABAKH_CLAIMS);
    await settle(page, () => page.locator('#tab-claims').click());
    assert.equal(urlParams(page).get('tab'), 'claims', 'the URL does not say tab=claims');
    const groups = page.locator('#claims-body .claim-group');
    assert.ok(await groups.count() > 0, 'no claim group is shown');
    let sideBySide = false;
    for (let i = 0; i < await groups.count() && !sideBySide; i += 1) {
      const cards = groups.nth(i).locator('.claimant-card.has-figures');
      if (await cards.count() < 2) continue;
      const a = await cards.nth(0).boundingBox();
      const b = await cards.nth(1).boundingBox();
      const figureText = await cards.nth(0).locator('.figure').first().textContent();
      sideBySide = Math.abs(a.y - b.y) < 2 && Math.abs(a.x - b.x) > 50 && /\d/.test(figureText);
    }
    assert.ok(sideBySide, 'no group shows two claimants with figures on one row');
    assert.ok(await page.locator('#claims-body .spread').count() > 0, 'no spread line');
    assert.ok(await page.locator('#claims-body .claim-sentence a[href^="?q=id:"]').count() > 0,
      'no claim sentence links to its report');
    await screenshot(page, 'claims.png');
  }],

  ['the toll tracker draws a line per claimant, its points linking to their reports', async (page) => {
    await search(page, KARABAKH_TOLL);
    await settle(page, () => page.locator('#tab-toll').click());
    assert.equal(urlParams(page).get('tab'), 'toll', 'the URL does not say tab=toll');
    const lines = await page.evaluate(() => [...document.querySelectorAll('#toll-body svg polyline.series-line')]
      .map((line) => line.getAttribute('points').trim().split(/\s+/).length));
    assert.ok(lines.filter((n) => n >= 2).length >= 2,
      `fewer than two series lines of two points or more (points per line: ${JSON.stringify(lines)})`);
    const hrefs = await page.locator('#toll-body svg a.toll-point').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0, 'the chart has no point');
    for (const href of hrefs) assert.match(href, /^\?q=id:/, 'a point does not link to ?q=id:REPORT');
    assert.ok(await page.locator('#toll-body .toll-legend li').count() >= 2, 'the legend lists fewer than two claimants');
    await screenshot(page, 'toll-tracker.png');
  }],

  ['report text is shown as text, never run', async (page) => {
    await settle(page, () => page.locator('#tab-results').click());
    await search(page, 'id:xss-1');
    const title = await page.locator('#hits .hit-title').first().textContent();
    assert.ok(title.includes(XSS_TITLE), `the title does not show the characters ${XSS_TITLE}: "${title}"`);
    assert.equal(await page.locator('#hits script, #hits img, #hits iframe').count(), 0, 'report text became elements');
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')));
    assert.deepEqual(scripts, ['/assets/app.js'], `scripts on the page: ${JSON.stringify(scripts)}`);
    assert.deepEqual(memory.dialogs, [], 'a dialog was opened');
  }],

  ['a wire dispatch is one hit carried by several outlets, and its link lists every copy', async (page) => {
    await search(page, DERNA_QUERY);
    assert.ok(!urlParams(page).has('collapse'), `one hit per story is not the default: ${page.url()}`);
    assert.ok(await page.locator('#collapse-toggle').isChecked(), 'the one-hit-per-story switch is not on');
    const answer = await api('search', [['q', DERNA_QUERY], ...ONE_PER_STORY, ['limit', '10']]);
    assert.equal(answer.count, 'stories', 'the API does not count stories');
    const carried = answer.hits.filter((hit) => hit.story.id === DERNA_STORY[0]);
    assert.equal(carried.length, 1, `the API gives ${carried.length} hits of story ${DERNA_STORY[0]}`);
    const { story } = carried[0];
    assert.equal(story.reports, DERNA_STORY.length, `story ${story.id} holds ${story.reports} reports`);
    assert.equal(story.outlets.length, DERNA_STORY.length, 'each copy is carried by another outlet');
    assert.equal(await shownTotal(page), answer.total.value, 'shown total of stories against /api/search');
    assert.equal(await page.locator('#results-head .total').getAttribute('data-unit'), 'stories', 'the total is not in stories');
    assert.match(await page.locator('#results-head .total-label').textContent(), /الأخبار/, 'the total does not say stories');
    const link = `.story-all[data-story="${story.id}"]`;
    const links = page.locator(`#hits .hit ${link}`);
    assert.equal(await links.count(), 1, `story ${story.id} shows as ${await links.count()} hits`);
    const hit = page.locator('#hits .hit').filter({ has: page.locator(link) });
    const carriedText = await hit.locator('.story-carried').textContent();
    assert.ok(carriedText.includes(String(story.outlets.length)), `"${carriedText}" does not say ${story.outlets.length} outlets`);
    assert.deepEqual(await hit.locator('.story-outlet').allTextContents(), story.outlets, 'the outlets listed');
    const first = await hit.locator('.story-first-report').textContent();
    assert.ok(first.includes(story.first.source), `the first report's source is not shown: "${first}"`);
    assert.ok((await links.textContent()).includes(String(story.reports)), 'the link does not say how many reports');
    await screenshot(page, 'stories.png');

    await settle(page, () => links.click());
    const params = urlParams(page);
    assert.equal(params.get('q'), `story:${story.id}`, `the link does not search the story: ${page.url()}`);
    assert.equal(params.get('collapse'), '0', `the link does not turn one hit per story off: ${page.url()}`);
    assert.ok(!(await page.locator('#collapse-toggle').isChecked()), 'the switch is still on');
    assert.equal(await page.locator('#results-head .total').getAttribute('data-unit'), 'reports', 'the total is not in reports');
    const ids = (await page.locator('#hits .hit-meta .hit-id').allTextContents()).map((id) => id.trim()).sort();
    assert.deepEqual(ids, [...DERNA_STORY].sort(), 'the reports of the story');
    assert.equal(await shownTotal(page), DERNA_STORY.length, 'the total of the story\'s reports');

    // The report of the same day and city about another event stands alone.
    await search(page, 'id:w-010');
    assert.equal(await page.locator('#hits .hit').count(), 1, 'id:w-010 does not show one hit');
    assert.equal(await page.locator('#hits .hit-story').count(), 0, 'w-010 shows as part of a story');

    // The switch stays off for the next search, then back on from the page: stories again.
    await search(page, 'قتلى');
    assert.equal(await shownTotal(page), memory.qatlaReports, 'the total in reports with the switch off');
    await settle(page, () => page.locator('#collapse-toggle').check());
    assert.ok(!urlParams(page).has('collapse'), `switching back on leaves collapse= in the URL: ${page.url()}`);
    assert.equal(await shownTotal(page), await apiTotal([['q', 'قتلى']]), 'the total in stories after switching back');
    assert.ok(memory.qatlaReports > await shownTotal(page), 'counting stories does not count fewer than reports');
  }],

  ['the English toggle switches direction and labels', async (page) => {
    await search(page, 'قتلى');
    await settle(page, () => page.locator('#lang-toggle').click());
    const root = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    assert.deepEqual(root, { lang: 'en', dir: 'ltr' }, 'html lang/dir after the toggle');
    assert.equal(urlParams(page).get('lang'), 'en', 'the URL does not say lang=en');
    assert.equal((await page.locator('#tab-results').textContent()).trim(), 'Reports', 'the tab label is not English');
    const facets = (await api('search', [['q', 'قتلى'], ['limit', '10']])).facets.actor;
    const english = facets.find((f) => f.label_en && f.label_en !== f.label_ar);
    assert.ok(english, 'the API gives no actor facet value with an English label');
    const shown = await page.locator(`.facet[data-dim="actor"] input[value="${english.id}"] ~ .facet-label`).textContent();
    assert.equal(shown.trim(), english.label_en, `the facet label of ${english.id}`);
  }],

  ['an answer from some shards only names the shards left out', async (page) => {
    // The API's own answer, marked partial as serve --allow-partial marks it when a shard is down.
    const shard = 'remote tcp 10.0.0.12 8100';
    const pattern = '**/api/search?*';
    await page.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, partial: true, failed_shards: [{ shard, error: "Couldn't connect" }] } });
    });
    try {
      await search(page, 'بيان');
      const notice = page.locator('#results-head .notice.partial');
      assert.ok(await notice.isVisible(), 'no notice of a partial answer');
      assert.ok((await notice.textContent()).includes(shard), `the notice does not name the shard: "${await notice.textContent()}"`);
    } finally {
      await page.unroute(pattern);
    }
    await search(page, 'قتلى');
    assert.equal(await page.locator('.notice.partial').count(), 0, 'a whole answer shows the notice of a partial one');
  }],

  ['claims read from the most relevant reports only say so', async (page) => {
    // The API's own answer, as it reads when more reports match than max_reports.
    const pattern = '**/api/claims?*';
    await page.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, reports: (body.reports || 0) + 5000, reports_read: body.reports || 0 } });
    });
    try {
      await search(page, 'قتلى أرمينيا');
      await settle(page, () => page.locator('#tab-claims').click());
      const notice = page.locator('#claims-body .notice.read');
      assert.ok(await notice.isVisible(), 'no notice that the claims come from the most relevant reports only');
    } finally {
      await page.unroute(pattern);
    }
    await search(page, 'قتلى أذربيجان');
    assert.equal(await page.locator('#claims-body .notice.read').count(), 0, 'claims of every report show the notice');
    await settle(page, () => page.locator('#tab-results').click());
  }],

  ['at 360 px wide nothing overflows', async (page) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300);  // the charts redraw after a resize settles
    await noHorizontalOverflow(page, 'results in English');
    await settle(page, () => page.locator('#lang-toggle').click());
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', 'back to Arabic');
    await noHorizontalOverflow(page, 'results in Arabic');
    assert.ok(await page.locator('#facets-toggle').isVisible(), 'the filters toggle is not shown at 360 px');
    await screenshot(page, 'narrow-360.png');
    await page.locator('#facets-toggle').click();
    await noHorizontalOverflow(page, 'results with the filters open');
    await search(page, KARABAKH_CLAIMS);
    await settle(page, () => page.locator('#tab-claims').click());
    await noHorizontalOverflow(page, 'claims tab');
    await settle(page, () => page.locator('#tab-toll').click());
    await noHorizontalOverflow(page, 'toll tracker');
    await screenshot(page, 'narrow-360-toll.png');
  }],
];

// ------------------------------------------------------------------ the run

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  memory.dialogs = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', async (dialog) => {
    memory.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`request outside the server: ${url}`);
  });
  await context.addInitScript(() => {
    window.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  let failed = false;
  for (const [index, [name, run]] of steps.entries()) {
    try {
      await run(page);
      assert.deepEqual(problems, [], 'console errors, page errors or CSP violations');
      console.log(`ok ${index + 1} - ${name}`);
    } catch (err) {
      failed = true;
      console.log(`not ok ${index + 1} - ${name}`);
      console.log(`  ${String(err.message).split('\n').join('\n  ')}`);
      await screenshot(page, 'failure.png').catch(() => {});
      break;
    }
  }
  await browser.close();
  console.log(failed ? 'browser test FAILED' : `browser test passed (${steps.length} steps)`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(`browser test could not run: ${err.stack || err}`);
  process.exit(1);
});

// The search page in headless Chromium: types a word into /sok/, checks
// the result links to the page that has it and the count is announced,
// runs axe-core (WCAG 2.1 A and AA) on the page with the results shown,
// then follows the result with the keyboard alone.
//
// usage: node search.mjs PUBLIC_DIR WORD PAGE_URL_PATH
// Prints "ok search: ..." or "FAIL search: ..." lines.
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [root, word, want] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml",
};

const server = createServer((req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path.includes("..")) { res.writeHead(400); res.end(); return; }
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let failed = 0;
const check = (name, cond, why) => {
  if (cond) console.log(`ok search: ${name}`);
  else { failed++; console.log(`FAIL search: ${name}: ${why}`); }
};
try {
  const page = await browser.newPage();
  const resp = await page.goto(base + "sok/", { waitUntil: "load" });
  check("the search page is there", resp && resp.ok(), `status ${resp && resp.status()}`);
  // the keyboard only: the field is reached with Tab from the top
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === "search-q");
  }
  check("the search field is reached with Tab", reached, "Tab never reached #search-q");
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  const status = page.locator(".search-status");
  let said = "";
  for (let t = 0; t < 100 && !/\d|inga|no /i.test(said); t++) {
    said = (await status.textContent()) || "";
    if (!said) await page.waitForTimeout(100);
  }
  check("the status line announces the number of results", /^1 träff\b/.test(said.trim()), `status: '${said}'`);
  const live = await status.evaluate((e) => e.getAttribute("role") === "status" || e.getAttribute("aria-live") === "polite");
  check("the status line is a live region", live, "no role=status or aria-live");
  const links = await page.locator(".search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(`the result links to ${want}`, links.length === 1 && links[0].endsWith(want), `links: ${JSON.stringify(links)}`);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const why = result.violations
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`).join("; ");
  check(`axe finds nothing on the search page with results (${result.passes.length} rules pass)`,
    result.violations.length === 0, why);
  // on to the result, with Tab and Enter
  let onLink = false;
  for (let i = 0; i < 20 && !onLink; i++) {
    await page.keyboard.press("Tab");
    onLink = await page.evaluate(() => !!(document.activeElement && document.activeElement.closest(".search-results")));
  }
  check("the result is reached with Tab", onLink, "Tab never reached a result");
  if (onLink) {
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    const path = new URL(page.url()).pathname;
    const body = await page.evaluate(() => document.body.innerText);
    check("Enter opens the page, which has the word", path.endsWith(want) && body.includes(word),
      `at ${path}`);
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failed ? 1 : 0;

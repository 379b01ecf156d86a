// A site as a phone shows it: at 375 × 812 px (and at 1280 × 800 px), the
// page's first content, its main h1, starts within the first screen (at most
// 400 px from the top), and the page does not scroll sideways (WCAG 1.4.10:
// only a table may, inside its own scroll box). A table box that scrolls
// sideways must be reachable by keyboard (tabindex) and named (WCAG 2.1.1).
//
// usage: node mobile.mjs PUBLIC_DIR [--shots DIR] PAGE...
//   (PAGE as "./" or "", "sjuharad/"); --shots saves a PNG of the first screen at
//   each width, for a person to look at.
// Prints "ok mobile PAGE ..." or "FAIL mobile PAGE: why" per page and width.
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const root = args.shift();
let shots = null;
if (args[0] === "--shots") { args.shift(); shots = args.shift(); }
const pages = args;
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
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
const LIMIT = 400;
let failed = 0;
try {
  for (const [w, h] of [[375, 812], [1280, 800]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    for (const p of pages) {
      await page.goto(base + p, { waitUntil: "load" });
      const r = await page.evaluate(() => {
        const h1 = document.querySelector("main h1");
        const boxes = [...document.querySelectorAll("main .table-wrap")]
          .filter((e) => e.scrollWidth > e.clientWidth + 1);
        return {
          top: h1 ? Math.round(h1.getBoundingClientRect().top + window.scrollY) : null,
          wide: document.documentElement.scrollWidth,
          scrollers: boxes.length,
          unreachable: boxes.filter((e) => e.tabIndex < 0 ||
            !(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"))).length,
        };
      });
      const name = `${p || "/"} at ${w} px`;
      const why = [];
      if (r.top === null) why.push("no h1 in main");
      else if (r.top > LIMIT) why.push(`the h1 starts ${r.top} px from the top (at most ${LIMIT})`);
      if (r.wide > w) why.push(`the page is ${r.wide} px wide and scrolls sideways`);
      if (r.unreachable) why.push(`${r.unreachable} of ${r.scrollers} table boxes that scroll sideways have no tabindex or no name`);
      if (why.length) { failed++; console.log(`FAIL mobile ${name}: ${why.join("; ")}`); }
      else console.log(`ok mobile ${name}: h1 at ${r.top} px, ${r.scrollers} scrolling tables`);
      if (shots) {
        const file = `${shots}/${(p || "home").replace(/\/$/, "").replace(/\//g, "_")}-${w}.png`;
        await page.screenshot({ path: file });
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failed ? 1 : 0;

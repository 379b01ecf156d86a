// Runs axe-core in headless Chromium over the built site, one page of every
// kind (the print pages and the e-mail included), with the WCAG 2.1 A and AA
// rules. The pages are served from 127.0.0.1 so root-relative links and
// style sheets load as on the real host.
//
// usage: node axe.mjs PUBLIC_DIR PAGE...   (PAGE as "sjuharad/", "404.html")
// Prints "ok PAGE" or "FAIL PAGE: rule: target" per page.
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [root, ...pages] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml",
  ".csv": "text/csv", ".xml": "application/xml", ".pdf": "application/pdf",
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
try {
  const page = await browser.newPage();
  for (const p of pages) {
    await page.goto(base + p, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    if (result.violations.length === 0) {
      console.log(`ok axe ${p} (${result.passes.length} rules pass)`);
    } else {
      failed++;
      const why = result.violations
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`)
        .join("; ");
      console.log(`FAIL axe ${p}: ${why}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failed ? 1 : 0;

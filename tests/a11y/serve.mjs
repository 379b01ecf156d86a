// Live preview in headless Chromium: `planpress serve` on a copy of a
// site; a saved change reloads the open page by itself, a broken file
// shows its error in the browser, and fixing it brings the page back.
//
// usage: node serve.mjs PLANPRESS SITE_COPY PORT
// Prints "ok serve: ..." or "FAIL serve: ..." lines.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [planpress, site, port] = process.argv.slice(2);
const server = spawn(planpress, ["serve", "-p", port, site], { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
server.stderr.on("data", (d) => { log += d; });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 100 && !log.includes("previewing"); i++) await sleep(100);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let failed = 0;
const check = (name, cond, why) => {
  if (cond) console.log(`ok serve: ${name}`);
  else { failed++; console.log(`FAIL serve: ${name}: ${why}`); }
};
// waits until the open page's text satisfies want (the page reloads itself)
const waitFor = async (page, want, ms = 8000) => {
  for (let t = 0; t < ms; t += 100) {
    try {
      const text = await page.evaluate(() => document.body ? document.body.innerText : "");
      if (want(text)) return text;
    } catch { /* the page is reloading */ }
    await sleep(100);
  }
  return page.evaluate(() => document.body ? document.body.innerText : "").catch(() => "");
};
try {
  const page = await browser.newPage();
  const resp = await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" });
  check("the site is served", resp && resp.ok(), `status ${resp && resp.status()}`);
  const home = join(site, "content", "_index.md");
  const before = readFileSync(home, "utf8");
  writeFileSync(home, before.replace(/\n---\n/, "\n---\n\nLive-förhandsvisningen fungerar.\n"));
  let text = await waitFor(page, (t) => t.includes("Live-förhandsvisningen fungerar."));
  check("a saved change reloads the open page", text.includes("Live-förhandsvisningen fungerar."), text.slice(0, 200));
  const broken = join(site, "content", "trasig.md");
  writeFileSync(broken, "---\ntitle: [trasig\n---\n");
  text = await waitFor(page, (t) => t.includes("trasig.md:3"));
  check("a build error shows in the browser with file:line", text.includes("trasig.md:3:1: error:"), text.slice(0, 200));
  unlinkSync(broken);
  text = await waitFor(page, (t) => t.includes("Live-förhandsvisningen fungerar."));
  check("fixing the error brings the page back", text.includes("Live-förhandsvisningen fungerar."), text.slice(0, 200));
  check("the terminal shows the error too", /trasig\.md:3:1: error:/.test(log), log.slice(-300));
  writeFileSync(home, before);
} finally {
  await browser.close();
  server.kill("SIGINT");
  await new Promise((r) => server.on("exit", r));
}
check("Ctrl-C stops the preview", log.includes("preview stopped"), log.slice(-200));
process.exitCode = failed ? 1 : 0;

// The search page (templates/sok.mustache): looks words up in the index
// that Pagefind made when the site was built (pagefind/pagefind.js), lists
// the results as links, and says their number in the page's status line,
// which screen readers announce. Everything is a native form control or
// link, so it works with the keyboard alone. The texts come from the
// page's data-* attributes, in the site's language.
const root = document.getElementById("search");
const form = root.querySelector("form");
const input = root.querySelector("#search-q");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");
const more = root.querySelector(".search-more");
const filterBox = root.querySelector(".search-filters");
const text = root.dataset;
const STEP = 20; // results shown at a time: each is one small download
let pagefind = null;
let results = [];
let shown = 0;
let run = 0;
let timer = 0;
const selects = {};

const say = (template, n, q) => template.replace("{n}", String(n)).replace("{q}", q);

function item(d) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = d.url;
  a.textContent = (d.meta && d.meta.title) || d.url;
  h.append(a);
  li.append(h);
  const about = ["type", "forbund", "year"].map((k) => d.filters && d.filters[k] && d.filters[k][0]).filter(Boolean);
  if (about.length) {
    const p = document.createElement("p");
    p.className = "search-about";
    p.textContent = about.join(" · ");
    li.append(p);
  }
  const p = document.createElement("p");
  p.innerHTML = d.excerpt; // Pagefind's text of the page, with <mark> around the words found
  li.append(p);
  return li;
}

// the next STEP results; with focus, the first new one takes it
async function showMore(focus) {
  const mine = run;
  const next = await Promise.all(results.slice(shown, shown + STEP).map((r) => r.data()));
  if (mine !== run) return;
  const items = next.map(item);
  list.append(...items);
  shown += next.length;
  list.hidden = shown === 0;
  more.hidden = shown >= results.length;
  if (focus && items.length) items[0].querySelector("a").focus();
}

async function search() {
  const q = input.value.trim();
  const mine = ++run;
  const url = new URL(window.location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!pagefind) return;
  const filters = {};
  for (const [k, s] of Object.entries(selects)) if (s.value) filters[k] = s.value;
  const found = q ? await pagefind.search(q, { filters }) : { results: [] };
  if (mine !== run) return;
  results = found.results;
  shown = 0;
  list.replaceChildren();
  await showMore(false);
  if (mine !== run) return;
  const n = results.length;
  status.textContent = q ? say(n === 0 ? text.none : n === 1 ? text.one : text.many, n, q) : "";
}

async function start() {
  try {
    pagefind = await import(text.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: text.base });
    await pagefind.init();
  } catch {
    pagefind = null;
    status.textContent = text.unavailable;
    return;
  }
  // a filter for each of förbund, type and year that has a choice
  const all = await pagefind.filters();
  for (const key of ["forbund", "type", "year"]) {
    const values = Object.keys(all[key] || {}).sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b, "sv")));
    if (values.length < 2) continue;
    const wrap = document.createElement("p");
    wrap.className = "search-filter";
    const label = document.createElement("label");
    label.htmlFor = `search-filter-${key}`;
    label.textContent = text[key];
    const select = document.createElement("select");
    select.id = label.htmlFor;
    select.add(new Option(text.any, ""));
    for (const v of values) select.add(new Option(v, v));
    select.addEventListener("change", search);
    wrap.append(label, select);
    filterBox.append(wrap);
    selects[key] = select;
  }
  filterBox.hidden = Object.keys(selects).length === 0;
  const q = new URL(window.location.href).searchParams.get("q");
  if (q) input.value = q;
  if (input.value.trim()) search();
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  search();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(search, 300);
});
more.addEventListener("click", () => showMore(true));
start();

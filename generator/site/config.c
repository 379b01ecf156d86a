#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "fsutil.h"
#include "imgsize.h"
#include "jsonutil.h"

/* inih's default line limit; longer lines would be cut silently. */
#define INI_LINE_MAX 200

struct reader {
	const char *p, *end;
	int line;
	char text[INI_LINE_MAX + 1]; /* the line being parsed, for messages */
};

static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	if (r->p >= r->end)
		return NULL;
	const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	size_t n = nl ? (size_t)(nl - r->p) + 1 : (size_t)(r->end - r->p);
	if (n > (size_t)num - 1)
		n = (size_t)num - 1;
	memcpy(str, r->p, n);
	str[n] = '\0';
	size_t t = strcspn(str, "\r\n");
	if (t > INI_LINE_MAX)
		t = INI_LINE_MAX;
	memcpy(r->text, str, t);
	r->text[t] = '\0';
	r->p += n;
	r->line++;
	return str;
}

struct ctx {
	struct config *cfg;
	struct reader *r;
	int bad;
};

static int parse_bool(const char *v, int *out)
{
	/* and in Swedish, as a kansli writes it */
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "ja")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "nej")) {
		*out = 0;
		return 0;
	}
	return -1;
}

static void set(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

static struct forbund *forbund_for(struct config *cfg, const char *slug, int line)
{
	for (size_t i = 0; i < cfg->nforbund; i++)
		if (!strcmp(cfg->forbund[i].slug, slug))
			return &cfg->forbund[i];
	cfg->forbund = xrealloc(cfg->forbund, (cfg->nforbund + 1) * sizeof *cfg->forbund);
	struct forbund *f = &cfg->forbund[cfg->nforbund++];
	memset(f, 0, sizeof *f);
	f->slug = xstrdup(slug);
	f->line = line;
	return f;
}

static int valid_slug(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *c = user;
	struct config *cfg = c->cfg;
	int line = c->r->line;
	if (!name)
		return 1; /* a section header on its own */
	/* inih also splits on ':' and would read "base_url https://x" as a
	 * key "base_url https"; a key is one word. */
	if (strpbrk(name, " \t")) {
		diag(DIAG_ERROR, cfg->path, line, 0, "expected 'key = value', found '%s'",
		     c->r->text);
		c->bad = 1;
		return 1;
	}
	/* a control character (a bare CR from a Windows editor, say) in a
	 * value would reach e-mail headers and pages: never guessed away */
	for (const unsigned char *v = (const unsigned char *)value; *v; v++)
		if (*v < 0x20 && *v != '\t') {
			diag(DIAG_ERROR, cfg->path, line, 0,
			     "the value of '%s' holds a control character (byte 0x%02X); "
			     "retype the line, or save the file as plain UTF-8 text", name, *v);
			c->bad = 1;
			return 1;
		}
	if (!strcmp(section, "site")) {
		if (!strcmp(name, "title"))
			set(&cfg->title, value);
		else if (!strcmp(name, "base_url"))
			set(&cfg->base_url, value);
		else if (!strcmp(name, "language"))
			set(&cfg->language, value);
		else if (!strcmp(name, "output")) {
			set(&cfg->output, value);
			cfg->output_line = line;
		}
		else if (!strcmp(name, "description"))
			set(&cfg->description, value);
		else if (!strcmp(name, "footnotes")) {
			/* "footnotes = page" (notes at the foot of PDF pages) is
			 * gone: WeasyPrint set them pages late. "end", what
			 * happens anyway, is let through without a word. */
			if (strcmp(value, "end") != 0) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "'footnotes = %s' is no longer an option: footnotes are printed at the end of the document, under a heading; remove this line",
				     value);
				c->bad = 1;
			}
		} else if (!strcmp(name, "pdf")) {
			/* arkiv (or archive): PDFs made for the archive, PDF/A-2b */
			cfg->pdf_archive = !strcmp(value, "arkiv") || !strcmp(value, "archive");
			if (cfg->pdf_archive)
				cfg->pdf = 1;
			else if (parse_bool(value, &cfg->pdf) != 0) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "pdf must be true, false or arkiv (PDF/A-2b for the archive), not '%s'", value);
				c->bad = 1;
			}
		} else if (!strcmp(name, "odt")) {
			if (parse_bool(value, &cfg->odt) != 0) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "odt must be ja or nej (true or false): whether the reports are also made as ODT files for Word and LibreOffice, not '%s'",
				     value);
				c->bad = 1;
			}
		} else if (!strcmp(name, "search")) {
			if (parse_bool(value, &cfg->search) != 0) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "search must be ja or nej (true or false): whether the build makes a search index with Pagefind, not '%s'",
				     value);
				c->bad = 1;
			}
		} else if (!strcmp(name, "accessibility")) {
			set(&cfg->accessibility, value);
			cfg->accessibility_line = line;
		} else if (!strcmp(name, "news_per_page")) {
			char *end;
			long n = strtol(value, &end, 10);
			if (*end || n < 1 || n > 1000) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "news_per_page must be a whole number from 1 to 1000, not '%s'", value);
				c->bad = 1;
			} else {
				cfg->news_per_page = (int)n;
			}
		} else if (!strcmp(name, "logo")) {
			set(&cfg->logo, value);
			cfg->logo_line = line;
		} else if (!strcmp(name, "favicon")) {
			set(&cfg->favicon, value);
			cfg->favicon_line = line;
		} else if (!strcmp(name, "raw_html")) {
			if (parse_bool(value, &cfg->raw_html) != 0) {
				diag(DIAG_ERROR, cfg->path, line, 0,
				     "raw_html must be true or false, not '%s'", value);
				c->bad = 1;
			}
		} else
			diag(DIAG_WARNING, cfg->path, line, 0,
			     "unknown key '%s' in [site] (known: title, base_url, language, output, description, logo, favicon, raw_html, pdf, odt, search, accessibility, news_per_page)",
			     name);
		return 1;
	}
	if (!strncmp(section, "forbund.", 8)) {
		const char *slug = section + 8;
		if (!valid_slug(slug)) {
			diag(DIAG_ERROR, cfg->path, line, 0,
			     "[%s]: a förbund's slug may only hold a-z, 0-9, '-' and '_'", section);
			c->bad = 1;
			return 1;
		}
		struct forbund *f = forbund_for(cfg, slug, line);
		if (!strcmp(name, "name"))
			set(&f->name, value);
		else if (!strcmp(name, "description"))
			set(&f->description, value);
		else if (!strcmp(name, "members"))
			set(&f->members, value);
		else if (!strcmp(name, "email"))
			set(&f->email, value);
		else if (!strcmp(name, "phone"))
			set(&f->phone, value);
		else if (!strcmp(name, "address"))
			set(&f->address, value);
		else if (!strcmp(name, "logo"))
			set(&f->logo, value);
		else
			diag(DIAG_WARNING, cfg->path, line, 0,
			     "unknown key '%s' in [%s] (known: name, description, members, email, phone, address, logo)",
			     name, section);
		return 1;
	}
	diag(DIAG_WARNING, cfg->path, line, 0,
	     "unknown section [%s] (known: [site], [forbund.<slug>])", section);
	return 1;
}

static int has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return 0;
	for (; *exts; exts++)
		if (!strcasecmp(dot + 1, *exts))
			return 1;
	return 0;
}

/* logo = and favicon = name a file in the site's content folder, written
 * as a page links it ("bilder/logo.svg"); it must be there. */
static int check_site_file(struct config *cfg, const char *key, char **value, int line,
			   const char *const *exts, const char *kinds)
{
	if (!*value)
		return 0;
	const char *v = *value;
	char *norm = (*v && *v != '/' && !strstr(v, "://")) ? fs_rel_normalise(v) : NULL;
	if (!norm) {
		diag(DIAG_ERROR, cfg->path, line, 0,
		     "%s '%s' must be a file in the content folder, written as from there (as 'bilder/logo.svg' for content/bilder/logo.svg)",
		     key, v);
		return -1;
	}
	free(*value);
	*value = norm;
	if (!has_ext(norm, exts)) {
		diag(DIAG_ERROR, cfg->path, line, 0, "%s '%s' must be %s", key, norm, kinds);
		return -1;
	}
	char *dir = fs_dirname(cfg->path);
	char *file = xasprintf("%s/content/%s", dir, norm);
	free(dir);
	FILE *f = fopen(file, "rb");
	if (!f) {
		diag(DIAG_ERROR, cfg->path, line, 0, "%s: cannot read content/%s: %s",
		     key, norm, fs_strerror(errno));
		free(file);
		return -1;
	}
	fclose(f);
	if (!strcmp(key, "logo"))
		imgsize_file(file, &cfg->logo_w, &cfg->logo_h);
	free(file);
	return 0;
}

char *config_phone_text(const char *phone)
{
	if (!phone)
		return NULL;
	/* a number is not broken over two lines: non-breaking hyphens
	 * (U+2011) and spaces (U+00A0) */
	buf_t b = BUF_INIT;
	for (const char *p = phone; *p; p++) {
		if (*p == '-')
			buf_puts(&b, "\xE2\x80\x91");
		else if (*p == ' ')
			buf_puts(&b, "\xC2\xA0");
		else
			buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

char *config_tel(const char *phone)
{
	if (!phone)
		return NULL;
	buf_t b = BUF_INIT;
	const char *p = phone;
	while (*p == ' ')
		p++;
	int digits = 0;
	if (*p == '+') {
		buf_puts(&b, "+");
		p++;
	} else if (p[0] == '0' && p[1] == '0') {
		buf_puts(&b, "+"); /* 0046 … */
		p += 2;
	} else if (p[0] == '0') {
		buf_puts(&b, "+46"); /* 033-00 00 00: a Swedish number */
		p++;
	}
	/* the number ends at the first letter: "033-00 00 00 (växel)" */
	for (; *p && !(*p == '(' && digits > 4); p++) {
		if (*p >= '0' && *p <= '9') {
			buf_putc(&b, *p);
			digits++;
		} else if (!strchr(" -./()", *p))
			break;
	}
	if (digits < 5) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

void config_site_json(const struct config *c, json_object *o)
{
	if (c->logo) {
		char *u = xasprintf("%s%s", c->base_path, c->logo);
		json_add_str(o, "logo_url", u);
		free(u);
		if (c->logo_w > 0) {
			json_object_object_add(o, "logo_width", json_object_new_int(c->logo_w));
			json_object_object_add(o, "logo_height", json_object_new_int(c->logo_h));
		}
		/* link previews want an absolute address, and a PNG or JPEG */
		const char *dot = strrchr(c->logo, '.');
		if (strncmp(c->base_url, "http", 4) == 0 && strcasecmp(dot, ".svg") != 0) {
			u = xasprintf("%s%s", c->base_url, c->logo);
			json_add_str(o, "og_image", u);
			free(u);
		}
	}
	if (c->favicon) {
		char *u = xasprintf("%s%s", c->base_path, c->favicon);
		json_add_str(o, "favicon_url", u);
		free(u);
		const char *dot = strrchr(c->favicon, '.') + 1;
		json_add_str(o, "favicon_type", !strcasecmp(dot, "svg") ? "image/svg+xml"
				 : !strcasecmp(dot, "png") ? "image/png" : "image/x-icon");
	}
	json_add_str(o, "og_locale", !strcmp(c->lang->code, "en") ? "en_GB" : "sv_SE");
	json_object_object_add(o, "has_og_url", json_object_new_boolean(strncmp(c->base_url, "http", 4) == 0));
}

/* Splits base_url into the URL with a trailing slash and its path part. */
static int check_base_url(struct config *cfg)
{
	if (!cfg->base_url || !*cfg->base_url) {
		set(&cfg->base_url, "/");
	}
	const char *u = cfg->base_url;
	const char *path;
	if (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7)) {
		const char *host = strstr(u, "://") + 3;
		path = strchr(host, '/');
		if (host == path || !*host) {
			diag(DIAG_ERROR, cfg->path, 0, 0, "base_url '%s' has no host name", u);
			return -1;
		}
	} else if (u[0] == '/') {
		path = u;
	} else {
		diag(DIAG_ERROR, cfg->path, 0, 0,
		     "base_url must start with https://, http:// or /, not '%s'", u);
		return -1;
	}
	size_t n = strlen(u);
	if (u[n - 1] != '/') {
		char *fixed = xasprintf("%s/", u);
		free(cfg->base_url);
		cfg->base_url = fixed;
		u = fixed;
		path = NULL;
		if (u[0] == '/')
			path = u;
		else
			path = strchr(strstr(u, "://") + 3, '/');
	}
	cfg->base_path = xstrdup(path ? path : "/");
	return 0;
}

int config_read(const char *path, struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->news_per_page = 10;
	cfg->search = 1;
	cfg->path = xstrdup(path);
	size_t len;
	/* the site's own folder is the one it lies in */
	char *dir = fs_dirname(path);
	char *src = fs_read_in(dir, path, &len, NULL);
	free(dir);
	if (!src) {
		if (errno == ENOENT)
			diag(DIAG_ERROR, path, 0, 0,
			     "cannot read the site configuration: %s (is this a planpress site? it needs a site.conf)",
			     fs_strerror(errno));
		else
			diag(DIAG_ERROR, path, 0, 0, "cannot read the site configuration: %s", fs_strerror(errno));
		return -1;
	}
	int bad = 0, line = 1;
	for (const char *p = src; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= INI_LINE_MAX) {
			diag(DIAG_ERROR, path, line, 0,
			     "line is %zu characters long; site.conf lines may hold at most %d",
			     n, INI_LINE_MAX - 1);
			bad = 1;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (memchr(src, '\0', len)) {
		diag(DIAG_ERROR, path, 0, 0, "site.conf is not a text file");
		bad = 1;
	}
	if (!bad) {
		struct reader r;
		memset(&r, 0, sizeof r);
		r.p = src;
		r.end = src + len;
		/* skip a UTF-8 byte order mark */
		if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
			r.p += 3;
		struct ctx c = {cfg, &r, 0};
		int rc = ini_parse_stream(read_line, &r, handler, &c);
		if (rc > 0) {
			diag(DIAG_ERROR, path, rc, 0,
			     "expected '[section]' or 'key = value'");
			bad = 1;
		} else if (rc < 0) {
			diag(DIAG_ERROR, path, 0, 0, "cannot parse the site configuration");
			bad = 1;
		}
		if (c.bad)
			bad = 1;
	}
	free(src);
	if (!cfg->title)
		cfg->title = xstrdup("planpress");
	if (!cfg->language)
		cfg->language = xstrdup("sv");
	cfg->lang = lang_get(cfg->language);
	if (!cfg->lang) {
		diag(DIAG_ERROR, path, 0, 0, "language '%s' is not supported (use sv or en)",
		     cfg->language);
		cfg->lang = lang_get("sv");
		bad = 1;
	}
	if (!cfg->output)
		cfg->output = xstrdup("public");
	if (!*cfg->output) {
		diag(DIAG_ERROR, path, 0, 0, "output may not be empty");
		bad = 1;
	}
	if (check_base_url(cfg) != 0)
		bad = 1;
	static const char *const logo_ext[] = {"svg", "png", "jpg", "jpeg", "webp", NULL};
	static const char *const icon_ext[] = {"svg", "png", "ico", NULL};
	if (check_site_file(cfg, "logo", &cfg->logo, cfg->logo_line, logo_ext,
			    _("an SVG, PNG, JPEG or WebP image")) != 0)
		bad = 1;
	if (check_site_file(cfg, "favicon", &cfg->favicon, cfg->favicon_line, icon_ext,
			    _("an SVG, PNG or ICO image")) != 0)
		bad = 1;
	for (size_t i = 0; i < cfg->nforbund; i++)
		if (!cfg->forbund[i].name) {
			diag(DIAG_WARNING, path, cfg->forbund[i].line, 0,
			     "[forbund.%s] has no name; using the slug", cfg->forbund[i].slug);
			cfg->forbund[i].name = xstrdup(cfg->forbund[i].slug);
		}
	/* every page's menu links every förbund */
	for (size_t i = 0; i < cfg->nforbund; i++) {
		cfg->forbund[i].tel = config_tel(cfg->forbund[i].phone);
		cfg->forbund[i].phone_text = config_phone_text(cfg->forbund[i].phone);
	}
	for (size_t i = 0; i < cfg->nforbund; i++)
		cfg->forbund[i].url = xasprintf("%s%s/", cfg->base_path ? cfg->base_path : "/",
						 cfg->forbund[i].slug);
	return bad ? -1 : 0;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nforbund; i++) {
		struct forbund *f = &cfg->forbund[i];
		free(f->slug);
		free(f->name);
		free(f->description);
		free(f->members);
		free(f->email);
		free(f->phone);
		free(f->address);
		free(f->logo);
		free(f->tel);
		free(f->phone_text);
		free(f->url);
	}
	free(cfg->forbund);
	free(cfg->path);
	free(cfg->title);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->language);
	free(cfg->output);
	free(cfg->description);
	free(cfg->accessibility);
	free(cfg->logo);
	free(cfg->favicon);
	memset(cfg, 0, sizeof *cfg);
}

const struct forbund *config_forbund(const struct config *cfg, const char *slug)
{
	for (size_t i = 0; slug && i < cfg->nforbund; i++)
		if (!strcmp(cfg->forbund[i].slug, slug))
			return &cfg->forbund[i];
	return NULL;
}

#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int url_is_dangerous(const char *url, size_t len)
{
	/* the scheme as a browser sees it: C0 controls and spaces before it
	 * skipped, tabs and newlines inside it dropped, letters folded */
	char scheme[16];
	size_t n = 0, i = 0;
	while (i < len && (unsigned char)url[i] <= ' ')
		i++;
	for (; i < len && url[i] != ':'; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 0; /* a path, a query or a fragment: relative */
		if (n + 1 == sizeof scheme)
			return 0; /* no scheme this long is dangerous */
		scheme[n++] = (char)tolower(c);
	}
	if (i == len || n == 0)
		return 0;
	scheme[n] = '\0';
	if (!strcmp(scheme, "javascript") || !strcmp(scheme, "vbscript") || !strcmp(scheme, "file"))
		return 1;
	if (strcmp(scheme, "data"))
		return 0;
	static const char *const images[] = {"image/png", "image/gif", "image/jpeg", "image/webp"};
	const char *type = url + i + 1;
	size_t left = len - i - 1;
	for (size_t k = 0; k < sizeof images / sizeof *images; k++) {
		size_t m = strlen(images[k]);
		if (left >= m && !strncasecmp(type, images[k], m))
			return 0;
	}
	return 1;
}

int url_attr_starts(const char *html, size_t len)
{
	static const char *const names[] = {"href", "src", "action", "formaction", "poster", "cite",
					    "background", "xlink:href", "data", "srcset", NULL};
	size_t i = len;
	if (i && (html[i - 1] == '"' || html[i - 1] == '\''))
		i--;
	while (i && isspace((unsigned char)html[i - 1]))
		i--;
	if (!i || html[i - 1] != '=')
		return 0;
	i--;
	while (i && isspace((unsigned char)html[i - 1]))
		i--;
	size_t end = i;
	while (i && (isalnum((unsigned char)html[i - 1]) || html[i - 1] == '-' || html[i - 1] == ':'))
		i--;
	if (i == end || !i || !isspace((unsigned char)html[i - 1]))
		return 0;
	int url_attr = 0;
	for (const char *const *w = names; *w && !url_attr; w++)
		url_attr = strlen(*w) == end - i && !strncasecmp(html + i, *w, end - i);
	if (!url_attr)
		return 0;
	/* inside a tag: a '<' comes before any '>' */
	for (size_t k = i; k-- > 0;) {
		if (html[k] == '>')
			return 0;
		if (html[k] == '<')
			return 1;
	}
	return 0;
}

/* feeds: the XML escapes are libxml2's xmlTextWriter's, for element text
 * and attribute values; what XML 1.0 does not allow becomes U+FFFD, so a
 * feed with anything in its titles still reads as XML. */
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "feeds.h"

static unsigned seed = 2026;

static unsigned next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* what libxml2's writer makes of text as an element's or an attribute's */
static char *libxml2_escape(const char *text, int attr)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	if (attr) {
		xmlTextWriterStartElement(w, BAD_CAST "e");
		xmlTextWriterWriteAttribute(w, BAD_CAST "a", BAD_CAST text);
		xmlTextWriterEndElement(w);
	} else {
		xmlTextWriterWriteElement(w, BAD_CAST "e", BAD_CAST text);
	}
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	const char *all = (const char *)xmlBufferContent(b);
	const char *open = attr ? "<e a=\"" : "<e>", *close = attr ? "\"/>" : "</e>";
	const char *from = strstr(all, open), *to = strrchr(all, attr ? '"' : '<');
	char *got = from && to && to >= from + strlen(open) && !strncmp(to, close, strlen(close))
			    ? xstrndup(from + strlen(open), (size_t)(to - from - strlen(open)))
			    : xstrdup("(no element)");
	xmlBufferFree(b);
	return got;
}

static char *ours(const char *text, int attr)
{
	buf_t b = BUF_INIT;
	feeds_escape(&b, text, attr);
	return buf_detach(&b);
}

/* 1 if <e a="..">..</e> with the text in both places reads as XML */
static int well_formed(const char *text)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<e a=\"");
	feeds_escape(&b, text, 1);
	buf_puts(&b, "\">");
	feeds_escape(&b, text, 0);
	buf_puts(&b, "</e>\n");
	xmlDocPtr d = xmlReadMemory(buf_cstr(&b), (int)b.len, "t.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int ok = d != NULL;
	xmlFreeDoc(d);
	buf_free(&b);
	return ok;
}

int main(void)
{
	static const char *pieces[] = {"<", ">", "&", "\"", "'", "\r", "\n", "\t", " ", "a", "Z", "å",
				       "Ö", "€", "\xF0\x9F\x98\x80", "&amp;", "]]>", "/", "=", "#"};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	int same_text = 0, same_attr = 0, rounds = 3000, shown = 0;
	for (int r = 0; r < rounds; r++) {
		buf_t t = BUF_INIT;
		for (size_t k = next() % 24; k > 0; k--)
			buf_puts(&t, pieces[next() % npieces]);
		const char *text = buf_cstr(&t);
		for (int attr = 0; attr < 2; attr++) {
			char *want = libxml2_escape(text, attr), *got = ours(text, attr);
			if (!strcmp(want, got))
				*(attr ? &same_attr : &same_text) += 1;
			else if (shown++ < 5)
				printf("differs (%s): \"%s\" libxml2 \"%s\", ours \"%s\"\n",
				       attr ? "attribute" : "text", text, want, got);
			free(want);
			free(got);
		}
		buf_free(&t);
	}
	CHECK(same_text == rounds);
	CHECK(same_attr == rounds);

	/* some by hand */
	char *e = ours("Bokslut & budget <2026> \"nu\"\r\n\tslut", 0);
	CHECK_STR(e, "Bokslut &amp; budget &lt;2026&gt; &quot;nu&quot;&#13;\n\tslut");
	free(e);
	e = ours("a\tb\nc", 1);
	CHECK_STR(e, "a&#9;b&#10;c");
	free(e);

	/* control characters and U+FFFE/U+FFFF, which XML 1.0 does not
	 * allow, become U+FFFD: libxml2 would write them as they are */
	e = ours("a\x01" "b\x1F" "c\xEF\xBF\xBE" "d\xEF\xBF\xBF" "e\x7F", 0);
	CHECK_STR(e, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\x7F");
	free(e);
	int readable = 0;
	for (int r = 0; r < 1000; r++) {
		char text[33];
		size_t n = next() % 32;
		for (size_t k = 0; k < n; k++) {
			unsigned v = next() % 40;
			text[k] = v < 32 ? (char)(v ? v : 1) : "<&\"a\xC3\xA5"[v - 32 < 6 ? v - 32 : 3];
		}
		text[n] = '\0';
		/* (whole UTF-8 only: å's two bytes can be split above) */
		for (size_t k = 0; k < n; k++)
			if ((unsigned char)text[k] >= 0x80)
				text[k] = 'x';
		readable += well_formed(text);
	}
	CHECK(readable == 1000);
	CHECK(well_formed("\xEF\xBF\xBE\xEF\xBF\xBF"));
	xmlCleanupParser();
	return check_done("feeds");
}

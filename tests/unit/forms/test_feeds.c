/* feeds: libxml2's writer writes the XML; what it would pass on that XML
 * 1.0 does not allow becomes U+FFFD first, so a feed with anything in its
 * titles still reads as XML. */
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

/* <e a="text">text</e> as feeds.c writes it: 1 if it reads as XML */
static int well_formed(const char *text, int clean)
{
	buf_t scratch = BUF_INIT;
	const char *t = clean ? feeds_xml_text(text, &scratch) : text;
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "e");
	xmlTextWriterWriteAttribute(w, BAD_CAST "a", BAD_CAST t);
	xmlTextWriterWriteString(w, BAD_CAST t);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	xmlDocPtr d = xmlReadMemory((const char *)xmlBufferContent(b), xmlBufferLength(b), "t.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int ok = d != NULL;
	xmlFreeDoc(d);
	xmlBufferFree(b);
	buf_free(&scratch);
	return ok;
}

int main(void)
{
	buf_t scratch = BUF_INIT;
	/* text XML allows is passed on as it is, not copied */
	const char *plain = "Bokslut & budget <2026> \"nu\"\r\n\tslut, å ä ö € \xF0\x9F\x98\x80";
	CHECK(feeds_xml_text(plain, &scratch) == plain);
	/* control characters and U+FFFE/U+FFFF become U+FFFD; tab, newline,
	 * carriage return and DEL stay */
	CHECK_STR(feeds_xml_text("a\x01" "b\x1F" "c\xEF\xBF\xBE" "d\xEF\xBF\xBF" "e\x7F\t\n\r", &scratch),
		  "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\x7F\t\n\r");
	CHECK_STR(feeds_xml_text("\x02", &scratch), "\xEF\xBF\xBD");
	CHECK_STR(feeds_xml_text("\xEF\xBF\xBD\xEF\xBF\xBC", &scratch), "\xEF\xBF\xBD\xEF\xBF\xBC");
	buf_free(&scratch);

	/* random text with control characters reads as XML once cleaned,
	 * and (so that this test can fail) not without */
	int readable = 0, unreadable = 0;
	for (int r = 0; r < 1000; r++) {
		char text[33];
		size_t n = 1 + next() % 31;
		for (size_t k = 0; k < n; k++) {
			unsigned v = next() % 40;
			text[k] = v < 32 ? (char)(v ? v : 1) : "<&\"a'x>\n"[v - 32];
		}
		text[n] = '\0';
		readable += well_formed(text, 1);
		unreadable += !well_formed(text, 0);
	}
	CHECK(readable == 1000);
	CHECK(unreadable > 500);
	CHECK(well_formed("\xEF\xBF\xBE\xEF\xBF\xBF", 1));
	xmlCleanupParser();
	return check_done("feeds");
}

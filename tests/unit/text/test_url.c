/* url.c: the one rule for URLs from the site's data, and where a template
 * writes one. */
#include <string.h>

#include "check.h"
#include "url.h"

static int bad(const char *u) { return url_is_dangerous(u, strlen(u)); }
static int starts(const char *h) { return url_attr_starts(h, strlen(h)); }

int main(void)
{
	/* what browsers run */
	CHECK(bad("javascript:alert(1)"));
	CHECK(bad(" JaVaScRiPt:alert(1)"));
	CHECK(bad("java\tscript:alert(1)"));
	CHECK(bad("java\nscr\ript:alert(1)"));
	CHECK(bad("\x01\x1f javascript:x"));
	CHECK(bad("VBScript:msgbox"));
	CHECK(bad("file:///etc/passwd"));
	CHECK(bad("data:text/html,<script>alert(1)</script>"));
	CHECK(bad("DATA:text/html;base64,PHNjcmlwdD4="));
	/* and what they do not */
	CHECK(!bad("data:image/png;base64,iVBORw0KGgo="));
	CHECK(!bad("https://www.example.se/plan.pdf"));
	CHECK(!bad("mailto:kansli@example.se"));
	CHECK(!bad("bilaga-1.pdf"));
	CHECK(!bad("../javascript:x")); /* a relative path */
	CHECK(!bad("./javascript:x"));
	CHECK(!bad("/javascript:x"));
	CHECK(!bad("?q=javascript:x"));
	CHECK(!bad("#javascript:x"));
	CHECK(!bad("javascript"));
	CHECK(!bad(""));
	/* a length is respected: the text after it is not read */
	CHECK(!url_is_dangerous("javascript:x", 10));

	/* where a value starts a URL */
	CHECK(starts("<a href=\""));
	CHECK(starts("<a class=\"x\" href='"));
	CHECK(starts("<img\n  SRC="));
	CHECK(starts("<form action = \""));
	CHECK(starts("<svg><use xlink:href=\""));
	CHECK(!starts("<a title=\""));
	CHECK(!starts("<a data-href=\""));
	CHECK(!starts("<a href=\"/x/"));      /* inside, not at the start */
	CHECK(!starts("<p>href=\""));         /* text, not a tag */
	CHECK(!starts("href=\""));            /* no tag at all */
	CHECK(!starts(""));
	CHECK(!starts("<a href=\"x\">src=\""));
	return check_done("url");
}

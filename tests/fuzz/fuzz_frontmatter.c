/* libFuzzer: front matter (libyaml to JSON, keys and their lines). */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "frontmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_set_quiet(2);
	struct frontmatter fm;
	if (frontmatter_parse("fuzz.md", (const char *)data, size, &fm) == 0)
		frontmatter_line(&fm, "title");
	frontmatter_free(&fm);
	return 0;
}

/* libFuzzer: the build cache a build reads from SITE/.planpress/, which
 * may be damaged or left by anything. The input gets the cache's magic
 * text in front and a valid checksum at the end, so the fuzzer explores
 * the records rather than the checksum; the validity is taken from the
 * input too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t m = strlen(CACHE_MAGIC);
	char *file = malloc(m + size + 8);
	memcpy(file, CACHE_MAGIC, m);
	memcpy(file + m, data, size);
	uint64_t sum = cache_checksum(file, m + size);
	memcpy(file + m + size, &sum, 8);
	uint64_t validity = 0;
	memcpy(&validity, data, size < 8 ? size : 8);
	struct cache c;
	if (cache_parse(&c, file, m + size + 8, validity) == 0) {
		/* every record can be looked up by its key */
		for (size_t i = 0; i < c.npages; i++)
			if (cache_page_find(&c, c.pages[i].key) == NULL)
				abort();
		for (size_t i = 0; i < c.nfiles; i++)
			if (cache_file_find(&c, c.files[i].rel) == NULL)
				abort();
		cache_free(&c);
	}
	free(file);
	return 0;
}

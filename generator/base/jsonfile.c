#include "jsonfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"

int json_file_read(const char *path, json_object **out)
{
	size_t len;
	char *src = fs_read(path, &len);
	if (!src) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read JSON data: %s", strerror(errno));
		return -1;
	}
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, src, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	if (e == json_tokener_continue) {
		o = json_tokener_parse_ex(tok, "", -1);
		e = json_tokener_get_error(tok);
	}
	int rc = 0;
	if (e != json_tokener_success) {
		size_t off = tok->char_offset;
		int line = 1, col = 1;
		for (size_t i = 0; i < off && i < len; i++) {
			if (src[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		diag(DIAG_ERROR, path, line, col, "invalid JSON: %s",
		     json_tokener_error_desc(e));
		json_object_put(o);
		o = NULL;
		rc = -1;
	}
	json_tokener_free(tok);
	free(src);
	*out = o;
	return rc;
}
